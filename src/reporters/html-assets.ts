import { createHash } from "node:crypto";

/**
 * The page's whole style. Long URLs, curl lines and bodies wrap or scroll inside their own box
 * (`overflow-wrap:anywhere`, `min-width:0` on grid and flex items), so nothing widens the page.
 */
export const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--pass:#1a7f37;--fail:#cf222e;--skip:#6e7781;--warn:#9a6700;--fail-bg:#ffebe9;--warn-bg:#fff8c5}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;--pass:#3fb950;--fail:#f85149;--skip:#9198a1;--warn:#d29922;--fail-bg:#2d1517;--warn-bg:#2e2410}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:75rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:0 0 .2rem}
h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
h3,h4{margin:0;font-size:1rem}
h4{font-size:.95rem;margin:.6rem 0 .3rem}
p{margin:.3rem 0}
a{color:inherit}
code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
pre{margin:.2rem 0 .5rem;padding:.5rem .6rem;background:var(--panel);border:1px solid var(--line);border-radius:6px;white-space:pre-wrap;overflow:auto;max-height:24rem}
.muted,.meta,.checks,.label{color:var(--muted);font-size:.85rem}
.label{margin:.5rem 0 0}
.runs{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr));gap:.75rem;margin-top:.75rem}
.run{min-width:0;border:1px solid var(--line);border-left:5px solid var(--pass);border-radius:6px;padding:.6rem .8rem}
.run.fail{border-left-color:var(--fail)}
.run h2{margin:0;display:flex;gap:.5rem;align-items:center}
.counts{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;margin:.4rem 0;padding:0}
.counts b{font-size:1.2rem}
.counts .passed b{color:var(--pass)}.counts .failed b{color:var(--fail)}.counts .warnings b{color:var(--warn)}
.run-error{color:var(--fail);overflow-wrap:anywhere}
.failed-cases{margin:.3rem 0 0;padding-left:1.2rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.78rem;font-weight:600;line-height:1.4;color:#fff;background:var(--skip);vertical-align:.1em}
.badge.passed,.badge.pass{background:var(--pass)}.badge.failed,.badge.fail{background:var(--fail)}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:1rem 0;padding:.6rem .8rem;background:var(--panel);border:1px solid var(--line);border-radius:6px}
.filters label{display:flex;flex-direction:column;gap:.1rem;font-size:.85rem;min-width:0;max-width:100%}
.filters select,.filters input{font:inherit;max-width:100%}
.filters output{font-size:.85rem;color:var(--muted)}
.case{min-width:0;border:1px solid var(--line);border-left:5px solid var(--pass);border-radius:6px;padding:.5rem .8rem;margin:.5rem 0}
.case.failed{border-left-color:var(--fail)}.case.skipped{border-left-color:var(--skip)}
.case-head{overflow-wrap:anywhere}
.case-title{font-weight:normal}
.reason{overflow-wrap:anywhere}
.exchange{border-top:1px solid var(--line);margin-top:.5rem}
.findings{list-style:none;margin:0;padding:0}
.finding{margin:.35rem 0;padding:.4rem .6rem;border-radius:4px;border-left:4px solid var(--fail);background:var(--fail-bg)}
.finding.warning{border-left-color:var(--warn);background:var(--warn-bg)}
.finding-title{margin:0;font-weight:600}
.check{font-weight:normal;font-size:.8rem;color:var(--muted)}
.finding dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem .75rem;margin:.25rem 0 0}
.finding dt{color:var(--muted);font-size:.85rem}
.finding dd{margin:0;min-width:0}
.case-warnings{border-top:1px solid var(--line);margin-top:.5rem}
.case-warnings h4{color:var(--warn);overflow-wrap:anywhere}
.transport-error{color:var(--fail);overflow-wrap:anywhere}
details{margin:.5rem 0}summary{cursor:pointer;color:var(--muted);font-size:.9rem}
`;

/**
 * The filters (none when no case ran): shown only once this runs, so that without script every case is simply listed.
 * Each case card carries its verdict, operation, checks and search text as data attributes.
 */
export const SCRIPT = `
(() => {
  const form = document.getElementById("filters");
  if (!form) return;
  const cards = [...document.querySelectorAll(".case")];
  const value = (name) => form.elements.namedItem(name).value;
  const apply = () => {
    const [verdict, operation, check, text] = [value("verdict"), value("operation"), value("check"), value("text").trim().toLowerCase()];
    let count = 0;
    for (const card of cards) {
      card.hidden = !((!verdict || card.dataset.status === verdict) && (!operation || card.dataset.operation === operation) && (!check || JSON.parse(card.dataset.checks).includes(check)) && card.dataset.search.includes(text));
      if (!card.hidden) count++;
    }
    document.getElementById("shown").textContent = count + " of " + cards.length + " cases shown";
  };
  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
`;

/** What the page may load and run: its own style and script, by hash, and nothing else (no network, nothing injected). */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(SCRIPT)}'; base-uri 'none'; form-action 'none'`;

function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text).digest("base64")}`;
}
