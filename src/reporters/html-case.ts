import { shown, stepsInOrder } from "../conformance/failure-line.js";
import { failedExchanges, replayHeading, type FailedExchange } from "../conformance/reproduce.js";
import { STORED_BODY_BYTES } from "../conformance/stored.js";
import type { CaseResult, Exchange, Failure, ReceivedResponse, SentRequest, StepResult } from "../conformance/types.js";
import { shownReplay } from "./failure-details.js";
import { html, type Markup } from "./html-markup.js";

/** Every check that ran on a case's exchanges, failed, warned or passed: what the page's check filter matches. */
export function checkNames(result: CaseResult): string[] {
  const steps = [...result.setup, ...result.steps];
  return [...new Set(steps.flatMap((step) => [...step.failures.map((item) => item.check), ...step.warnings.map((item) => item.check), ...step.passed]))].sort();
}

/**
 * A case as one card: verdict, id, title, operation; for a failed case each failing exchange with
 * its evidence, request, response and curl line, then the replay; its warnings apart from failures.
 * The data attributes are what the page's filters read.
 */
export function caseCard(result: CaseResult, anchor: string): Markup {
  const checks = checkNames(result);
  const failing = failedExchanges(result);
  const others = result.status === "failed" ? stepsInOrder(result).filter((step) => step.failures.length === 0) : [];
  const script = shownReplay(result);
  return html`<article class="case ${result.status}" id="${anchor}" data-status="${result.status}" data-operation="${result.operation}" data-checks="${JSON.stringify(checks)}" data-search="${`${result.id} ${result.title}`.toLowerCase()}">
<h3 class="case-head"><span class="badge ${result.status}">${result.status}</span> <code class="case-id">${result.id}</code> <span class="case-title">${result.title}</span></h3>
<p class="meta">${[result.operation, ...result.tags].join(" · ")} · ${result.durationMs} ms</p>
${result.reason ? html`<p class="reason">${result.reason}</p>` : undefined}
${failing.map(failingExchange)}
${others.length > 0 ? html`<details><summary>the case's other ${others.length === 1 ? "exchange" : `${others.length} exchanges`}</summary>${others.map(otherExchange)}</details>` : undefined}
${script ? html`<div class="replay"><p class="label">${replayHeading(script)}</p><pre>${script.join("\n")}</pre></div>` : undefined}
${warnings(result)}
${checks.length > 0 ? html`<p class="checks">checks: ${checks.join(", ")}</p>` : undefined}
</article>
`;
}

function failingExchange({ step, title, curl }: FailedExchange): Markup {
  return html`<section class="exchange">
<h4>✗ ${title}</h4>
<ul class="findings">${step.failures.map((item) => finding(item, "failure"))}</ul>
${messages(step.exchange)}
<p class="label">reproduce</p><pre class="curl">${curl}</pre>
</section>`;
}

function otherExchange(step: StepResult): Markup {
  return html`<section class="exchange"><h4>${step.title}</h4>${messages(step.exchange)}</section>`;
}

/** Warnings by the request they are about: differences from what the documents only show as an example. */
function warnings(result: CaseResult): Markup | undefined {
  const steps = stepsInOrder(result).filter((step) => step.warnings.length > 0);
  if (steps.length === 0) return undefined;
  return html`<section class="case-warnings">
${steps.map((step) => html`<h4>⚠ ${step.title} <code>${step.exchange.request.method} ${shown(step.exchange.request.target)}</code></h4><ul class="findings">${step.warnings.map((item) => finding(item, "warning"))}</ul>`)}
</section>`;
}

function finding(item: Failure, kind: "failure" | "warning"): Markup {
  return html`<li class="finding ${kind}"><p class="finding-title">${item.title} <span class="check">${item.check}</span></p>
<dl><dt>where</dt><dd><code>${item.where}</code></dd><dt>received</dt><dd><code>${item.received}</code></dd><dt>expected</dt><dd><code>${item.expected}</code></dd></dl></li>`;
}

/** The exchange's request and response (or why none came) as sent and received, secrets already masked by the engine. */
function messages({ request, response, error }: Exchange): Markup {
  return html`<div class="messages">
<p class="label">request${cutNote(request.body)}</p><pre class="request">${requestText(request)}</pre>
${response ? html`<p class="label">response${cutNote(response.text)}</p><pre class="response">${responseText(response)}</pre>` : undefined}
${error ? html`<p class="transport-error">no response — ${error.kind}: ${error.message}</p>` : undefined}
</div>`;
}

function requestText(request: SentRequest): string {
  return [`${request.method} ${request.url}`, ...headerLines(request.headers), ...(request.body === "" ? [] : ["", request.body])].join("\n");
}

function responseText(response: ReceivedResponse): string {
  return [`HTTP ${response.status}`, ...headerLines(response.headers), ...(response.text === "" ? [] : ["", response.text])].join("\n");
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

/** Stored bodies are capped with a marker at their end (conformance/stored.ts); only a cut one is longer than the cap. */
function cutNote(body: string): string {
  return Buffer.byteLength(body) > STORED_BODY_BYTES ? ` — body cut at ${STORED_BODY_BYTES / 1024} KiB when stored (its end says how much was left out)` : "";
}
