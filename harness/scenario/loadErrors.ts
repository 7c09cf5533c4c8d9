/**
 * Why scenario files could not be loaded: every error names the file, and where known the line,
 * column and YAML path of the bad field, so a person can go straight to it.
 */
import type { Failure } from '../../protocol/result.ts';

export interface LoadError {
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** YAML path of the offending field, e.g. `steps[4].expect.state`. */
  path?: string;
  message: string;
}

export type LoadFailureCode = 'SCENARIO_INVALID' | 'NO_SCENARIOS';

export interface LoadFailure extends Failure<LoadFailureCode> {
  readonly code: LoadFailureCode;
  readonly errors: LoadError[];
}

/** `file:line:col: path: message`, leaving out the parts that are not known. */
export function formatLoadError(e: LoadError): string {
  let where = e.file;
  if (e.line !== undefined) {
    where += `:${e.line}`;
    if (e.column !== undefined) where += `:${e.column}`;
  }
  const path = e.path !== undefined && e.path !== '' ? `${e.path}: ` : '';
  return `${where}: ${path}${e.message}`;
}

/** A load failure whose message counts the errors and the files they are in. */
export function loadFailure(code: LoadFailureCode, errors: LoadError[]): LoadFailure {
  const files = new Set(errors.map((e) => e.file)).size;
  const message =
    code === 'NO_SCENARIOS' && errors.length === 0
      ? 'no scenarios found'
      : `${plural(errors.length, 'error')} in ${plural(files, 'file')}`;
  return { code, message, errors };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
