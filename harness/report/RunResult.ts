/**
 * What a run produces, for reporters (console, JUnit, JSON trace) and the CLI's exit code.
 * Everything here but `wallMs` is a function of scenario and seed alone, so the JSON trace of
 * two runs with the same seed is byte-identical; reporters that need determinism leave
 * `wallMs` out.
 */
export type TraceKind = 'step' | 'state' | 'message' | 'expect' | 'fault' | 'portal' | 'log';

export interface TraceEvent {
  /** Virtual milliseconds since the scenario started. */
  t: number;
  kind: TraceKind;
  /** The device concerned, when there is one. */
  device?: string;
  text: string;
  data?: unknown;
}

export interface StateChange {
  /** Virtual milliseconds since the scenario started. */
  t: number;
  state: string;
  event?: string;
}

export interface ScenarioFailure {
  message: string;
  /** Where in the scenario file: 1-based line, and the YAML path such as `steps[4].expect`. */
  line?: number;
  path?: string;
  /** Index of the failing step (0-based) and its kind. */
  step?: number;
  stepKind?: string;
  device?: string;
  expected?: unknown;
  actual?: unknown;
  /** The device's state history up to the failure. */
  history?: StateChange[];
  /** The device's last messages on its link (most recent last). */
  lastMessages?: TraceEvent[];
}

/** `interrupted`: a signal stopped the run before the scenario ran to its end (or began). */
export type ScenarioStatus = 'passed' | 'failed' | 'interrupted';

export interface ScenarioResult {
  file: string;
  name: string;
  /** Behaviour IDs the scenario exercises, e.g. ["GW-5"]. */
  ids: string[];
  status: ScenarioStatus;
  failure?: ScenarioFailure;
  devices: number;
  steps: number;
  virtualMs: number;
  wallMs: number;
  trace: TraceEvent[];
}

export interface FileResult {
  file: string;
  scenarios: ScenarioResult[];
}

export interface RunResult {
  seed: number;
  files: FileResult[];
  passed: number;
  failed: number;
  /** Scenarios left unrun because `--bail` stopped the run; absent when every one ran. */
  notRun?: number;
  /** Scenarios a signal cut short or never let start, and the signal; absent when none was received. */
  interrupted?: { scenarios: number; signal: string };
  /**
   * A shard's run (`--shard 2/3`): which one, and every file of the whole run in its order, so
   * `fleetrig merge-reports` can put the shards back together as one run; absent otherwise.
   */
  shard?: { index: number; total: number; files: string[] };
  wallMs: number;
}

/** Optional lifecycle hooks, Vitest-style: a reporter implements the ones it needs. */
export interface Reporter {
  /** `scenarios`: how many the run will run (after --grep). */
  onRunStart?(info: { seed: number; files: string[]; scenarios?: number }): void;
  onScenarioStart?(info: { file: string; name: string }): void;
  /** Before each step of a scenario: where the run is, and the scenario's virtual clock to read while the step runs. */
  onStepStart?(info: StepStart): void;
  onScenarioEnd?(result: ScenarioResult): void;
  onRunEnd?(result: RunResult): void | Promise<void>;
}

/** What a progress display knows of the step that starts now. */
export interface StepStart {
  readonly file: string;
  readonly name: string;
  /** 0-based. */
  readonly index: number;
  readonly steps: number;
  readonly kind: string;
  readonly devices: number;
  /** Virtual time the scenario has run so far, read when asked (the step moves it). */
  elapsed(): number;
}
