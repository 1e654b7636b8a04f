import type { CaseResult, RunEvent, RunResult } from "../conformance/types.js";
import { runOperations, runSummary } from "../conformance/summary.js";
import type { Contract } from "../contract/index.js";
import type { Reporter } from "../reporters/types.js";
import type { ExchangeRecorder } from "../fuzz/record.js";
import { exchangeLines } from "./console-lines.js";
import { startProxy, type ProxiedExchange, type ProxyOptions, type RunningProxy } from "./run-proxy.js";

/** Exchanges kept for the reports and the recording; past it only the counts go on (memory stays bounded). */
export const KEPT_EXCHANGES = 10_000;

export interface SessionOptions extends Omit<ProxyOptions, "onExchange"> {
  api: string;
  write(line: string): void;
  /** The file reporters (json, junit, coverage, html); console lines are the session's own. */
  reporters: Reporter;
  har?: ExchangeRecorder;
  maxRequests?: number;
  /** Resolves when the session should end (a signal, --duration); its value names why. */
  ended: Promise<string>;
}

export interface SessionResult {
  exchanges: number;
  failed: number;
  /** Exchanges no selected check applied to: not checked, never a pass. */
  unchecked: number;
  warnings: number;
  /** Exchanges the upstream answered (the others got the proxy's 502 or enforce-mode refusal). */
  reachedUpstream: number;
  /** What was kept for recording, in arrival order. */
  kept: ProxiedExchange[];
  why: string;
}

/** Runs the proxy until `ended` resolves or --max-requests exchanges are judged; prints one line per exchange, then the summary. */
export async function runProxySession(options: SessionOptions, contract: Contract): Promise<SessionResult & { proxy: RunningProxy }> {
  const started = performance.now();
  const kept: ProxiedExchange[] = [];
  let exchanges = 0;
  let failed = 0;
  let unchecked = 0;
  let warnings = 0;
  let reachedUpstream = 0;
  let reachedLimit!: (why: string) => void;
  const limit = new Promise<string>((resolve) => (reachedLimit = resolve));
  const { reporters } = options;
  reporters.handle({ type: "run-started", api: options.api, baseUrl: options.upstream.toString(), total: 0, operations: runOperations(contract) });
  const proxy = await startProxy({
    ...options,
    onExchange(exchange) {
      exchanges++;
      const [step] = exchange.result.steps;
      if (exchange.result.status === "failed") failed++;
      if (exchange.result.status === "skipped") unchecked++;
      warnings += step?.warnings.length ?? 0;
      if (step?.exchange.response && exchange.answeredBy === "upstream") reachedUpstream++;
      for (const line of exchangeLines(exchange)) options.write(line);
      if (kept.length < KEPT_EXCHANGES) {
        kept.push(exchange);
        reporters.handle({ type: "case-finished", result: exchange.result });
      }
      options.har?.record(exchange.result.steps[0]!, "proxy");
      if (options.maxRequests !== undefined && exchanges >= options.maxRequests) reachedLimit(`--max-requests ${options.maxRequests}`);
    },
  });
  options.write(`archive-kit proxy: ${options.api} at ${proxy.url} → ${options.upstream.origin}${options.upstream.pathname.replace(/\/$/, "")}${options.enforce.requests || options.enforce.responses ? ` (enforcing ${[options.enforce.requests && "requests", options.enforce.responses && "responses"].filter(Boolean).join(" and ")})` : ""}`);
  const why = await Promise.race([options.ended, limit]);
  await proxy.close();
  const cases: CaseResult[] = kept.map((exchange) => exchange.result);
  const summary = { ...runSummary(cases, started), passed: exchanges - failed - unchecked, failed, skipped: unchecked };
  const result: RunResult = {
    api: options.api,
    baseUrl: options.upstream.toString(),
    reached: reachedUpstream > 0,
    connected: reachedUpstream > 0,
    cases,
    summary: { ...summary, warnings },
    allowSkippedDocumented: false,
    verdict: failed > 0 ? "fail" : "pass",
  };
  reporters.handle({ type: "run-finished", result } satisfies RunEvent);
  await reporters.finish();
  options.write(`${exchanges} exchange${exchanges === 1 ? "" : "s"}, ${failed} failed, ${warnings} warning${warnings === 1 ? "" : "s"}${unchecked > 0 ? `, ${unchecked} not checked` : ""} (ended by ${why})${exchanges > KEPT_EXCHANGES ? `; the reports keep the first ${KEPT_EXCHANGES}` : ""}`);
  return { exchanges, failed, unchecked, warnings, reachedUpstream, kept, why, proxy };
}
