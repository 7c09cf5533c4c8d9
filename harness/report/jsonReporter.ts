/**
 * The JSON trace: everything a run did, as a function of scenarios and seed alone. Wall times are
 * left out and keys are written in a fixed order, so two runs with the same seed write the same
 * bytes and a diff of two traces shows only what behaved differently.
 */
import type { Reporter, RunResult, ScenarioFailure, ScenarioResult, StateChange, TraceEvent } from './RunResult.ts';
import { writeReportFile, type WriteReportFile } from './writeReportFile.ts';

export interface JsonReporterOptions {
  outputFile: string;
  /** Injected in tests; writes the file (creating its folder) by default. */
  writeFile?: WriteReportFile;
}

export function jsonReporter(options: JsonReporterOptions): Reporter {
  const write = options.writeFile ?? writeReportFile;
  return {
    async onRunEnd(run) {
      await write(options.outputFile, renderJsonTrace(run));
    },
  };
}

/** Two-space indented JSON with a trailing newline. */
export function renderJsonTrace(run: RunResult): string {
  const trace = {
    seed: run.seed,
    files: run.files.map((f) => ({ file: f.file, scenarios: f.scenarios.map(scenario) })),
    passed: run.passed,
    failed: run.failed,
    // Only a run a signal cut short has the key, so every other trace stays as it was.
    ...(run.interrupted === undefined ? {} : { interrupted: run.interrupted.scenarios }),
  };
  return JSON.stringify(trace, null, 2) + '\n';
}

function scenario(s: ScenarioResult) {
  return {
    name: s.name,
    ids: s.ids,
    status: s.status,
    failure: s.failure === undefined ? null : failure(s.failure),
    devices: s.devices,
    steps: s.steps,
    virtualMs: s.virtualMs,
    trace: s.trace.map(event),
  };
}

function failure(f: ScenarioFailure) {
  return {
    message: f.message,
    line: f.line,
    path: f.path,
    step: f.step,
    stepKind: f.stepKind,
    device: f.device,
    expected: canonical(f.expected),
    actual: canonical(f.actual),
    history: f.history?.map(stateChange),
    lastMessages: f.lastMessages?.map(event),
  };
}

function stateChange(h: StateChange) {
  return { t: h.t, state: h.state, event: h.event };
}

function event(e: TraceEvent) {
  return { t: e.t, kind: e.kind, device: e.device, text: e.text, data: canonical(e.data) };
}

/**
 * Values the trace does not know the shape of (message payloads, expected and actual values)
 * with their object keys sorted, so the order they were built in cannot change the bytes.
 */
export function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}
