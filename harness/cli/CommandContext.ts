/**
 * What every command gets: where to write, the environment, the parts it runs (injected so the
 * CLI is tested in-process without a real run), and how to set the exit code without exiting.
 */
import type { Result } from '../../protocol/result.ts';
import type { RunResult } from '../report/RunResult.ts';
import type { TextSink } from '../report/TextSink.ts';
import type { ListedScenario } from '../runner/listScenarios.ts';
import type { RunOptions } from '../runner/runFiles.ts';
import type { LoadError, LoadFailure } from '../scenario/loadErrors.ts';

export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** For NO_COLOR; `process.env` in the real CLI. */
  env?: Record<string, string | undefined>;
  /** Ctrl-C and SIGTERM, for `run` to stop cleanly; the process's in the real CLI, none in most tests. */
  signals?: SignalSource;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface SignalSource {
  /** Calls `listener` on every SIGINT or SIGTERM until the returned function is called. */
  listen(listener: (signal: StopSignal) => void): () => void;
  /** Ends the process at once with `code` (a second Ctrl-C). */
  exitNow(code: number): void;
}

export interface CliDeps {
  runFiles(options: RunOptions): Promise<Result<RunResult, LoadFailure>>;
  validateFiles(paths: string[]): Promise<{ files: string[]; errors: LoadError[] }>;
  /** The scenarios a run of `paths` would run (`--list`, with `--shard` that shard's), without running any. */
  listScenarios(paths: string[], grep?: RegExp, shard?: { index: number; total: number }): Promise<{ scenarios: ListedScenario[]; errors: LoadError[] }>;
}

export interface CommandContext {
  io: CliIo;
  /** The runner and loader, loaded on first use so `--help` stays instant. */
  deps(): Promise<CliDeps>;
  setExitCode(code: ExitCode): void;
}

/**
 * 0: every scenario passed · 1: a scenario failed · 2: bad input (flags, paths, scenario files) ·
 * 130 / 143: interrupted by SIGINT / SIGTERM (128 + the signal's number, as shells report it).
 */
export const ExitCode = { Passed: 0, Failed: 1, BadInput: 2, Interrupted: 130, Terminated: 143 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The real runner and loader. */
export async function loadDeps(): Promise<CliDeps> {
  const [{ runFiles }, { validateFiles }, { listScenarios }] = await Promise.all([
    import('../runner/runFiles.ts'),
    import('../scenario/validateFiles.ts'),
    import('../runner/listScenarios.ts'),
  ]);
  return { runFiles, validateFiles, listScenarios };
}
