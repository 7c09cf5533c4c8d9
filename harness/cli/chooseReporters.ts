import { InvalidArgumentError } from 'commander';
import { FILE_REPORTERS, reporters as REPORTERS, createReporter, type ReporterName } from '../report/reporters.ts';
import type { Reporter } from '../report/RunResult.ts';
import type { TextSink } from '../report/TextSink.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';

export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

type FileReporter = (typeof FILE_REPORTERS)[number];
const isFileReporter = (name: ReporterName): name is FileReporter => (FILE_REPORTERS as readonly string[]).includes(name);

/** `--reporter NAME`, repeatable: the names in the order given. */
export function collectReporter(value: string, previous: ReporterName[] | undefined): ReporterName[] {
  if (!(REPORTER_NAMES as string[]).includes(value)) throw new InvalidArgumentError(`It must be one of ${REPORTER_NAMES.join(', ')}.`);
  return [...(previous ?? []), value as ReporterName];
}

/** `--output-file [NAME=]PATH`, repeatable, as Vitest's `--outputFile.junit=PATH`. */
export function collectOutputFile(value: string, previous: { name?: string; path: string }[] | undefined): { name?: string; path: string }[] {
  const match = /^([a-z]+)=(.*)$/.exec(value);
  if (value === '' || (match !== null && match[2]!.trim() === '')) throw new InvalidArgumentError('It must be a path, or NAME=PATH for one reporter, e.g. --output-file junit=reports/junit.xml.');
  return [...(previous ?? []), match === null ? { path: value } : { name: match[1]!, path: match[2]! }];
}

export interface ReporterChoice {
  reporter?: ReporterName[];
  outputFile?: { name?: string; path: string }[];
  /** The older flags, which keep working: each adds its reporter with its file. */
  junit?: string;
  json?: string;
}

/**
 * The reporters of a run, as Vitest picks them: those named by `--reporter`, else the console
 * (and, in GitHub Actions, its annotations too); `--junit`/`--json` add theirs. A reporter that
 * writes a file takes its path from `--output-file NAME=PATH`, or a plain `--output-file PATH`
 * when it is the only one. A file reporter without a path, or a path for a reporter not chosen,
 * is bad input, in one line that says how to fix it.
 */
export function chooseReporters(choice: ReporterChoice, io: { out: TextSink; color: boolean; seedGiven: boolean; env: Record<string, string | undefined> }): Result<Reporter[]> {
  const named: ReporterName[] = choice.reporter ?? (io.env.GITHUB_ACTIONS === 'true' ? ['console', 'github'] : ['console']);
  const files = new Map<FileReporter, string>();
  if (choice.junit !== undefined) files.set('junit', choice.junit);
  if (choice.json !== undefined) files.set('json', choice.json);
  const names = [...new Set([...named, ...files.keys()])];
  const fileNames = names.filter(isFileReporter);
  for (const given of choice.outputFile ?? []) {
    if (given.name === undefined) {
      if (fileNames.length !== 1) return fail('BAD_REQUEST', `--output-file ${given.path}: say which reporter writes it (${FILE_REPORTERS.map((n) => `${n}=${given.path}`).join(' or ')}), as ${fileNames.length === 0 ? 'no reporter that writes a file is chosen' : `${fileNames.join(' and ')} both write files`}`, 'output-file');
      files.set(fileNames[0]!, given.path);
    } else if (!(fileNames as string[]).includes(given.name)) {
      return fail('BAD_REQUEST', `--output-file ${given.name}=${given.path}: no ${given.name} reporter is chosen; add --reporter ${given.name} (file reporters: ${FILE_REPORTERS.join(', ')})`, 'output-file');
    } else {
      files.set(given.name as FileReporter, given.path);
    }
  }
  const chosen: Reporter[] = [];
  for (const name of names) {
    if (isFileReporter(name)) {
      const outputFile = files.get(name);
      // The blob has a place of its own by default, so each CI shard writes one without saying where.
      if (outputFile === undefined && name === 'blob') chosen.push(createReporter('blob', {}));
      else if (outputFile === undefined) return fail('BAD_REQUEST', `--reporter ${name} writes a file: give it with --output-file ${name}=PATH (or --${name} PATH)`, 'output-file');
      else chosen.push(createReporter(name, { outputFile }));
    } else if (name === 'github') {
      chosen.push(createReporter('github', { out: io.out }));
    } else {
      chosen.push(createReporter(name, { out: io.out, color: io.color, seedGiven: io.seedGiven }));
    }
  }
  return ok(chosen);
}
