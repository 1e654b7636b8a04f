export * from "./core.js";
export { loadContract } from "./load.js";
