import path from "node:path";
import { packageRoot } from "../package-root.js";

export const API_NAMES = ["intercom", "dfns"] as const;
export type ApiName = (typeof API_NAMES)[number];

export function isApiName(value: string): value is ApiName {
  return (API_NAMES as readonly string[]).includes(value);
}

/** The contract shipped with the package for an API. */
export function contractFile(api: ApiName): string {
  return path.join(packageRoot, "openapi", `${api}.yaml`);
}

/** The fixtures folder shipped with the package for an API. */
export function fixturesDir(api: ApiName): string {
  return path.join(packageRoot, "fixtures", api);
}
