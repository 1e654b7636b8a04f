import { outcome, type Check } from "./types.js";

export const notAServerError: Check = {
  name: "not-a-server-error",
  run({ exchange }) {
    const { status } = exchange.response;
    return outcome(
      status >= 500
        ? [{ check: "not-a-server-error", title: "Server error", message: `Received: ${status} / Expected: a documented answer, never a 5xx`, where: "status" }]
        : [],
    );
  },
};
