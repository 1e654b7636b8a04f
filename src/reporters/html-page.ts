import type { RunResult } from "../conformance/types.js";
import { plural } from "../plural.js";
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from "./html-assets.js";
import { caseCard, checkNames } from "./html-case.js";
import { html, Markup } from "./html-markup.js";
import { totals } from "./totals.js";

/** The whole report as one page: a summary per run on top, the filters, then every case of every run. */
export function htmlPage(runs: RunResult[], generatedAt: Date): string {
  const anchor = (run: number, index: number) => `case-${run + 1}-${index + 1}`;
  const total = totals(runs);
  // The kit's own constants, as they are: their hashes are what the policy allows to apply and run.
  // Outside the template: the bundler rewrites a `</script` in a tagged template with a runtime helper.
  const [style, script] = [new Markup(`<style>${STYLE}</style>`), new Markup(`<script>${SCRIPT}</script>`)];
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>archive-kit report — ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped</title>
${style}
</head>
<body>
<main>
<header>
<h1>archive-kit conformance report</h1>
<p class="muted">${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped, ${plural(total.warnings, "warning")} · generated ${generatedAt.toISOString()}</p>
<div class="runs">${runs.map((run, index) => runSummary(run, (item) => anchor(index, item)))}</div>
</header>
${runs.some((run) => run.cases.length > 0) ? filters(runs) : undefined}
${runs.map(
  (run, index) => html`<section class="run-cases">
<h2>${run.api} — ${plural(run.cases.length, "case")}</h2>
${run.cases.length === 0 ? html`<p class="muted">No case ran.</p>` : run.cases.map((result, item) => caseCard(result, anchor(index, item)))}
</section>`,
)}
</main>
${script}
</body>
</html>
`;
  return page.text;
}

/** Per run: its verdict, where it ran, its counts or why it could not run, and links to its failed cases. */
function runSummary(run: RunResult, anchorOf: (index: number) => string): Markup {
  const { passed, failed, skipped, warnings } = run.summary;
  const failedCases = run.cases.flatMap((result, index) => (result.status === "failed" ? [{ result, index }] : []));
  const unchecked = run.summary.skippedDocumented > 0 && !run.allowSkippedDocumented;
  return html`<section class="run ${run.verdict}">
<h2>${run.api} <span class="badge ${run.verdict}">${run.verdict}</span></h2>
<p>against <code>${run.baseUrl}</code>${run.error ? undefined : html` <span class="muted">· ${(run.summary.durationMs / 1000).toFixed(2)} s</span>`}</p>
${
  run.error
    ? html`<p class="run-error">run error: ${run.error}</p>`
    : html`<ul class="counts"><li class="passed"><b>${passed}</b> passed</li><li class="failed"><b>${failed}</b> failed</li><li class="skipped"><b>${skipped}</b> skipped</li><li class="warnings"><b>${warnings}</b> ${warnings === 1 ? "warning" : "warnings"}</li></ul>`
}
${unchecked ? html`<p class="run-error">${plural(run.summary.skippedDocumented, "documented example")} not checked: the run fails unless accepted with --allow-skipped-documented</p>` : undefined}
${failedCases.length > 0 ? html`<p class="label">failed cases</p><ul class="failed-cases">${failedCases.map(({ result, index }) => html`<li><a href="#${anchorOf(index)}"><code>${result.id}</code></a></li>`)}</ul>` : undefined}
</section>`;
}

/** Verdict, operation, check and text filters over every case; hidden until the page's script shows them. */
function filters(runs: RunResult[]): Markup {
  const cases = runs.flatMap((run) => run.cases);
  const operations = [...new Set(cases.map((result) => result.operation))].sort();
  const checks = [...new Set(cases.flatMap(checkNames))].sort();
  const options = (values: string[]) => [html`<option value="">all</option>`, ...values.map((value) => html`<option value="${value}">${value}</option>`)];
  return html`<form id="filters" class="filters" hidden>
<label>verdict <select name="verdict">${options(["passed", "failed", "skipped"])}</select></label>
<label>operation <select name="operation">${options(operations)}</select></label>
<label>check <select name="check">${options(checks)}</select></label>
<label>id or title <input name="text" type="search"></label>
<output id="shown"></output>
</form>`;
}
