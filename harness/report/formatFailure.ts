/**
 * The detail of one failed scenario as plain lines, shared by the console and JUnit reports:
 * what was expected and where, the device, its state history and its last messages.
 */
import type { ScenarioFailure, ScenarioResult } from './RunResult.ts';
import { formatHistory, formatTrace } from './formatTrace.ts';
import { showControls } from './showControls.ts';

const INDENT = '  ';

export function formatFailure(result: ScenarioResult): string[] {
  const failure = result.failure;
  if (failure === undefined) return [];
  const lines = [failure.message, `at ${formatLocation(result.file, failure)}`];
  if (failure.expected !== undefined) lines.push(`expected: ${formatValue(failure.expected)}`);
  if (failure.actual !== undefined) lines.push(`actual:   ${formatValue(failure.actual)}`);
  const device = failure.device;
  if (failure.history !== undefined && failure.history.length > 0) {
    lines.push(device === undefined ? 'state history:' : `state history of ${device}:`);
    lines.push(...formatHistory(failure.history).map((l) => INDENT + l));
  } else if (device !== undefined) {
    lines.push(`device: ${device}`);
  }
  if (failure.lastMessages !== undefined && failure.lastMessages.length > 0) {
    lines.push(device === undefined ? 'last messages:' : `last messages of ${device}:`);
    lines.push(...formatTrace(failure.lastMessages).map((l) => INDENT + l));
  }
  return lines.flatMap((l) => showControls(l).split('\n'));
}

/** `file:line › steps[4].expect (expect)`: the file position and the YAML path of the step. */
export function formatLocation(file: string, failure: ScenarioFailure): string {
  let where = failure.line === undefined ? file : `${file}:${failure.line}`;
  if (failure.path !== undefined && failure.path !== '') where += ` › ${failure.path}`;
  else if (failure.step !== undefined) where += ` › steps[${failure.step}]`;
  if (failure.stepKind !== undefined) where += ` (${failure.stepKind})`;
  return where;
}

/** Compact JSON, so a string reads `"running"` and cannot be mistaken for a number or `null`. */
export function formatValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
