import { findMediaType, findResponse } from "../contract/index.js";
import { notApplicable, outcome, type Check } from "./types.js";

export const contentType: Check = {
  name: "content-type",
  run({ exchange, operation }) {
    const { status, headers, text } = exchange.response;
    const documented = operation && findResponse(operation, status);
    if (!documented?.content) return notApplicable("the response documents no body");
    if (text === "") return notApplicable("the response has no body");
    const received = headers["content-type"];
    const listed = Object.keys(documented.content).join(", ");
    if (!received) {
      return outcome([{ check: "content-type", title: "Missing Content-Type header", message: `Received: no Content-Type / Documented: ${listed}`, where: "header Content-Type" }]);
    }
    if (findMediaType(documented, received)) return outcome([]);
    return outcome([{ check: "content-type", title: "Undocumented Content-Type", message: `Received: ${received} / Documented: ${listed}`, where: "header Content-Type" }]);
  },
};
