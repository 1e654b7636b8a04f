import type { Finding } from "../contract/index.js";
import type { ArchiveKitConformanceCase, Expect, Request } from "../generated/case.js";

export type Case = ArchiveKitConformanceCase & { file: string };
export type { Expect, Request as CaseRequest };

/** What was sent, with secrets already masked: this is what reports show. */
export interface SentRequest {
  method: string;
  url: string;
  /** Path and query relative to the base URL: what the contract's paths describe. */
  target: string;
  headers: Record<string, string>;
  body: string;
}

export interface ReceivedResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export type TransportErrorKind = "refused" | "unreachable" | "timeout" | "reset" | "too-large" | "redirect" | "malformed";

export interface Exchange {
  request: SentRequest;
  response?: ReceivedResponse;
  error?: { kind: TransportErrorKind; message: string };
  /** Its place in the order its session sent exchanges (from 0): a case's setup and steps sorted by it are in the order they went out. */
  sequence?: number;
  durationMs: number;
}

/**
 * One way an exchange deviates from the contract or the case: a check's finding (a fixed short
 * title; where: `status`, `header X`, `body`, a JSON pointer into the body, `transport`; what was
 * received and what was expected) and the name the check is registered under, which the engine adds.
 */
export interface Failure extends Finding {
  check: string;
}

export interface StepResult {
  title: string;
  /** The documented operation the answered request addressed, if any. */
  operationId?: string;
  exchange: Exchange;
  failures: Failure[];
  /** Differences from what the documents only show as an example: reported, never failing. */
  warnings: Failure[];
  /** Checks that ran and passed, by name. */
  passed: string[];
}

export type CaseStatus = "passed" | "failed" | "skipped";

export interface CaseResult {
  id: string;
  title: string;
  operation: string;
  source: string;
  tags: string[];
  status: CaseStatus;
  /** Why the case was skipped, or why it could not run (setup, variables). */
  reason?: string;
  /** The exchanges the case relied on before its own request (creates, user action signing), judged like any other. */
  setup: StepResult[];
  steps: StepResult[];
  durationMs: number;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** Warnings over every step, setup included. */
  warnings: number;
  /** Skipped cases tagged `documented`: a documented example that was not checked fails the run unless allowed. */
  skippedDocumented: number;
  durationMs: number;
}

export interface RunResult {
  api: string;
  baseUrl: string;
  /** Whether any request got an HTTP response: false means the implementation was never reached. */
  reached: boolean;
  /** Whether any connection was accepted: reached by TCP, even if nothing came back. */
  connected: boolean;
  cases: CaseResult[];
  summary: RunSummary;
  /** Whether skipped documented examples were accepted by name (`--allow-skipped-documented`). */
  allowSkippedDocumented: boolean;
  /** fail: a case failed, a documented example was skipped without being allowed, or the run could not judge (`error`). */
  verdict: "pass" | "fail";
  /** Why no case ran: the implementation was unreachable, not HTTP, or refused the credentials (a setup error, not the API's failure). */
  error?: string;
}

/** The stream every reporter consumes. */
export type RunEvent =
  | {
      type: "run-started";
      api: string;
      baseUrl: string;
      total: number;
      /** Each operation of the contract with the statuses it documents, and where it lives. */
      operations: Array<{ operationId: string; method: string; path: string; statuses: string[] }>;
    }
  | { type: "case-finished"; result: CaseResult }
  | { type: "run-finished"; result: RunResult };
