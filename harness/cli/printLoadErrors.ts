/** Scenario-file errors on stderr, one per line as `file:line:col: path: message`, then a count. */
import type { TextSink } from '../report/TextSink.ts';
import { showControls } from '../report/showControls.ts';
import { formatLoadError, loadFailure, type LoadError } from '../scenario/loadErrors.ts';

export function printLoadErrors(out: TextSink, errors: readonly LoadError[]): void {
  for (const error of errors) out.write(`${showControls(formatLoadError(error))}\n`);
  out.write(`fleetrig: ${loadFailure('SCENARIO_INVALID', [...errors]).message}\n`);
}
