/**
 * The HTML report (`--reporter html`): one self-contained file a person opens after a run — no
 * asset from the internet, styles and the filter script inline. Per scenario: its status, file
 * and line, its steps (passed up to the one that failed, the rest not run), the failure with
 * expected and actual, and per device a timeline of its states and messages in virtual time.
 * Filters by status and by behaviour ID.
 */
import { dirname, relative } from 'node:path';
import type { Reporter, RunResult, ScenarioResult, TraceEvent } from './RunResult.ts';
import { formatFailure } from './formatFailure.ts';
import { formatOffset } from './formatTrace.ts';
import { formatWallTime } from './consoleReporter.ts';
import { writeReportFile, type WriteReportFile } from './writeReportFile.ts';

export interface HtmlReporterOptions {
  outputFile: string;
  writeFile?: WriteReportFile;
}

export function htmlReporter(options: HtmlReporterOptions): Reporter {
  const write = options.writeFile ?? writeReportFile;
  return {
    async onRunEnd(run) {
      await write(options.outputFile, renderHtml(run, { from: dirname(options.outputFile) }));
    },
  };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STATUS_WORD = { passed: 'passed', failed: 'failed', interrupted: 'interrupted' } as const;

/** `from`: the report's folder, so each scenario's file is linked relative to it. */
export function renderHtml(run: RunResult, { from }: { from: string }): string {
  const scenarios = run.files.flatMap((f) => f.scenarios);
  const ids = [...new Set(scenarios.flatMap((s) => s.ids))].sort();
  const interrupted = run.interrupted?.scenarios ?? 0;
  const summary = `${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}: ${run.passed} passed, ${run.failed} failed${interrupted > 0 ? `, ${interrupted} interrupted` : ''} · seed ${run.seed} · ${formatWallTime(run.wallMs)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fleetrig run: ${escape(summary)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>fleetrig run</h1><p id="summary" role="status">${escape(summary)}</p></header>
<form id="filters" aria-label="Filters">
<fieldset><legend>Status</legend>${(['passed', 'failed', 'interrupted'] as const).map((s) => `<label><input type="checkbox" name="status" value="${s}" checked> <span class="badge ${s}">${s}</span></label>`).join(' ')}</fieldset>
<label>Behaviour <select id="behaviour"><option value="">all</option>${ids.map((id) => `<option>${escape(id)}</option>`).join('')}</select></label>
<p id="shown" aria-live="polite"></p>
</form>
<main>
${scenarios.map((s, i) => renderScenario(s, i, from)).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function renderScenario(s: ScenarioResult, index: number, from: string): string {
  const line = s.failure?.line;
  const href = relative(from, s.file) || s.file;
  const where = `<a href="${escape(href)}">${escape(s.file)}</a>${line === undefined ? '' : `:${line}`}`;
  const facts = `${s.devices} device${s.devices === 1 ? '' : 's'}, ${formatOffset(s.virtualMs).slice(1)} virtual, ${formatWallTime(s.wallMs)}`;
  return `<section class="scenario" data-status="${s.status}" data-ids="${escape(s.ids.join(' '))}" aria-labelledby="s${index}">
<details${s.status === 'passed' ? '' : ' open'}>
<summary><h2 id="s${index}"><span class="badge ${s.status}">${STATUS_WORD[s.status]}</span> ${escape(s.name)}</h2><p class="where">${where} · ${escape(facts)}</p></summary>
${s.failure === undefined ? '' : `<div class="failure" role="${s.status === 'failed' ? 'alert' : 'note'}"><h3>${s.status === 'failed' ? 'Failure' : 'Interrupted'}</h3><pre>${escape(formatFailure(s).join('\n'))}</pre></div>`}
${renderSteps(s)}
${renderDevices(s.trace)}
</details>
</section>`;
}

/** The steps as the trace records them: each passed until the one that failed; after it, not run. */
function renderSteps(s: ScenarioResult): string {
  const ran = s.trace.filter((e) => e.kind === 'step');
  const failedAt = s.status === 'passed' ? undefined : s.failure?.step;
  const rows = Array.from({ length: s.steps }, (_, i) => {
    const event = ran[i];
    const status = event === undefined ? 'not-run' : failedAt === i ? s.status : 'passed';
    const label = status === 'not-run' ? 'not run' : status;
    return `<tr class="${status}"><td>${i + 1}</td><td>${event === undefined ? '' : escape(formatOffset(event.t))}</td><td>${event === undefined ? '' : escape(event.text)}</td><td><span class="badge ${status}">${label}</span></td></tr>`;
  });
  return `<table class="steps"><caption>Steps</caption><thead><tr><th scope="col">#</th><th scope="col">Virtual time</th><th scope="col">Step</th><th scope="col">Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Per device, its states and messages along virtual time (at most the last 200, so a 1,000-device fleet stays readable). */
function renderDevices(trace: readonly TraceEvent[]): string {
  const byDevice = new Map<string, TraceEvent[]>();
  for (const e of trace) {
    if (e.device === undefined || (e.kind !== 'state' && e.kind !== 'message')) continue;
    const list = byDevice.get(e.device) ?? [];
    list.push(e);
    byDevice.set(e.device, list);
  }
  if (byDevice.size === 0) return '';
  const devices = [...byDevice.entries()].slice(0, 50).map(([device, events]) => {
    const shown = events.slice(-200);
    const rows = shown.map((e) => `<tr class="${e.kind}"><td>${escape(formatOffset(e.t))}</td><td>${e.kind}</td><td>${escape(e.text)}</td></tr>`).join('');
    return `<details class="device"><summary>${escape(device)} · ${events.length} event${events.length === 1 ? '' : 's'}</summary><table><thead><tr><th scope="col">Virtual time</th><th scope="col">Kind</th><th scope="col">What</th></tr></thead><tbody>${rows}</tbody></table></details>`;
  });
  const more = byDevice.size > 50 ? `<p>and ${byDevice.size - 50} more devices (the JSON trace has them all)</p>` : '';
  return `<div class="devices"><h3>Devices: states and messages</h3>${devices.join('')}${more}</div>`;
}

const STYLE = `
:root { font: 16px/1.45 system-ui, sans-serif; color: #111; background: #fafafa; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
h1 { margin: 0; font-size: 1.6rem; } h2 { display: inline; font-size: 1.1rem; } h3 { font-size: 1rem; margin: 0.8rem 0 0.3rem; }
[hidden] { display: none !important; }
.badge { display: inline-block; padding: 0 0.6rem; border-radius: 1rem; border: 2px solid currentColor; font-weight: 700; font-size: 0.85rem; }
.badge.passed { color: #0b6e2e; background: #d8f3df; } .badge.failed { color: #9b1c1c; background: #fde0e0; }
.badge.interrupted { color: #7a4b00; background: #ffecc2; } .badge.not-run { color: #3c3c3c; background: #e4e4e4; }
#filters { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; margin: 1rem 0; }
fieldset { border: 1px solid #999; border-radius: 0.4rem; } select, input { font: inherit; }
.scenario { background: #fff; border: 2px solid #ccc; border-radius: 0.5rem; margin: 0.6rem 0; padding: 0.3rem 0.8rem; }
.scenario[data-status="failed"] { border-color: #9b1c1c; } .scenario[data-status="interrupted"] { border-color: #7a4b00; }
summary { cursor: pointer; } .where { margin: 0.2rem 0 0.2rem 1.2rem; color: #4b5563; font-size: 0.9rem; }
.failure pre { background: #fde0e0; border-left: 0.4rem solid #9b1c1c; padding: 0.5rem 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0; font-size: 0.9rem; }
caption { text-align: left; font-weight: 700; } th, td { text-align: left; border-bottom: 1px solid #ddd; padding: 0.15rem 0.4rem; vertical-align: top; }
td:nth-child(3) { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.device { margin-left: 1rem; }
`;

// Filtering runs in the page: a scenario shows when its status is ticked and it carries the behaviour chosen.
const SCRIPT = `
const form = document.getElementById('filters');
const apply = () => {
  const statuses = new Set([...form.querySelectorAll('input[name=status]:checked')].map((i) => i.value));
  const id = document.getElementById('behaviour').value;
  let shown = 0;
  for (const s of document.querySelectorAll('.scenario')) {
    const visible = statuses.has(s.dataset.status) && (id === '' || s.dataset.ids.split(' ').includes(id));
    s.hidden = !visible;
    if (visible) shown++;
  }
  document.getElementById('shown').textContent = shown + ' of ' + document.querySelectorAll('.scenario').length + ' scenarios shown';
};
form.addEventListener('change', apply);
apply();
`;
