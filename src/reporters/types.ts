import type { RunEvent } from "../conformance/types.js";

/** Every reporter consumes the run's event stream, and nothing else. */
export interface Reporter {
  handle(event: RunEvent): void;
  /** Called once after the last run: writes files, prints totals. */
  finish(): Promise<void>;
}
