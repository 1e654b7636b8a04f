import type { Redactor } from "../conformance/redact.js";
import type { OutgoingRequest, Session, createTransport } from "../conformance/transport.js";
import type { Case } from "../conformance/types.js";
import { sendAndJudge, type ExampleEnvironment } from "./example.js";
import type { ExampleOutcome } from "./property.js";
import { runGeneratedCase } from "./run-case.js";
import type { RunStopWatch } from "./run-stop.js";
import type { GeneratedRequest } from "./types.js";

export interface ExampleRunners {
  /** Sends one generated request and judges it. */
  request(generated: GeneratedRequest): Promise<ExampleOutcome>;
  /** Runs one generated case. */
  case(testCase: Case): Promise<ExampleOutcome>;
  /** A property (a case of the report) starts here: on a connection no earlier one used. */
  startProperty(): void;
  close(): void;
}

/** The examples after a stop are not run: what the run reports ends with the property it stopped in. */
const stoppedOutcome = (watch: RunStopWatch): ExampleOutcome => ({ verdict: "skipped", reason: `the run stopped (${watch.stopped!.reason})` });

/**
 * How a fuzz run sends its examples, each exchange's credentials redacted and each exchange
 * watched for what stops the run. Generated requests share one keep-alive session while they
 * pass: a connection per example would cost more than the rest of the example (bench/fuzz.mjs).
 * The transport drops a connection that sees anything abnormal; each property starts on a fresh
 * session, a failure ends the session, and a failure on a session an earlier example used is run
 * again on a fresh one, that run being the verdict: no failure reported is ever an earlier
 * exchange's doing. A generated case (whose users must not be created twice) runs on a session of its own.
 */
export function exampleRunners(transport: ReturnType<typeof createTransport>, environment: Omit<ExampleEnvironment, "send">, watch: RunStopWatch, redactor: Redactor): ExampleRunners {
  const watched = (sender: Pick<Session, "send">) => async (outgoing: OutgoingRequest) => {
    redactor.addHeaders(outgoing.headers);
    const exchange = await sender.send(outgoing);
    watch.observe(exchange);
    return exchange;
  };
  const sendOn = (session: Session) => watched(session);
  // A race's copies, each on a connection of its own.
  const sendApart = watched(transport);
  let session = transport.session();
  let used = false;
  const renew = () => {
    session.close();
    session = transport.session();
    used = false;
  };
  const once = (generated: GeneratedRequest) => (watch.stopped ? stoppedOutcome(watch) : sendAndJudge(generated, { ...environment, send: sendOn(session) }));
  return {
    async request(generated) {
      const reused = used;
      used = true;
      const outcome = await once(generated);
      if (outcome.verdict !== "failed") return outcome;
      renew();
      if (!reused) return outcome;
      const again = await once(generated);
      renew();
      return again;
    },
    async case(testCase) {
      if (watch.stopped) return stoppedOutcome(watch);
      const own = transport.session();
      try {
        return await runGeneratedCase(testCase, { ...environment, send: sendOn(own), sendApart });
      } finally {
        own.close();
      }
    },
    startProperty() {
      if (used) renew();
    },
    close: () => session.close(),
  };
}
