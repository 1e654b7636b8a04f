// The module scripts/bundle-packs.mjs writes beside this declaration at build time.
import type { ContractPack } from "../../contract/pack.js";

declare const pack: ContractPack;
export default pack;
