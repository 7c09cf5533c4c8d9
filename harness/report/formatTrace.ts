/**
 * The readable rendering of a trace, shared by the console and JUnit reports:
 * `+8h     gw-001  state    running → booting (TEST_MODE_EXPIRED)`, columns aligned per block.
 */
import { formatDuration } from '../../emulator/clock/duration.ts';
import type { StateChange, TraceEvent } from './RunResult.ts';
import { showControls } from './showControls.ts';

/** A virtual offset since the scenario started, e.g. `+8h`, `+90d`, `+1m30s`. */
export function formatOffset(t: number): string {
  return `+${formatDuration(t)}`;
}

/** One line per event: offset, device (`-` when none), kind, text. */
export function formatTrace(events: readonly TraceEvent[]): string[] {
  return alignColumns(events.map((e) => [formatOffset(e.t), e.device ?? '-', e.kind, e.text]));
}

/** A device's state history as `+offset  state  (event)` lines. */
export function formatHistory(history: readonly StateChange[]): string[] {
  return alignColumns(history.map((h) => [formatOffset(h.t), h.state, h.event === undefined ? '' : `(${h.event})`]));
}

/** Pads every column but the last to the widest cell in it, two spaces apart. */
export function alignColumns(rows: readonly string[][]): string[] {
  const cells = rows.map((row) => row.map(showControls));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return cells.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}
