import { outcome, type Check } from "./types.js";

export const notAServerError: Check = {
  run({ exchange }) {
    const { status } = exchange.response;
    return outcome(status >= 500 ? [{ title: "Server error", where: "status", received: String(status), expected: "a documented answer, never a 5xx" }] : []);
  },
};
