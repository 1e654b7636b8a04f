import { DFNS_BUGS, DFNS_CONTROLS } from "./dfns.js";
import { INTERCOM_BUGS, INTERCOM_CONTROLS } from "./intercom.js";
import type { ZooEntry } from "./types.js";

export type { ZooApi, ZooArea, ZooEntry } from "./types.js";
export { serverErrorOnLongUserId } from "./intercom.js";

/** Every bug and control of the zoo (bench/zoo.mjs runs them, test/zoo/zoo.test.ts keeps its table true). */
export const ZOO: readonly ZooEntry[] = [...INTERCOM_BUGS, ...DFNS_BUGS, ...INTERCOM_CONTROLS, ...DFNS_CONTROLS];
