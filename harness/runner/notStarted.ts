import type { ScenarioResult } from '../report/RunResult.ts';
import type { Scenario } from '../scenario/parseScenarios.ts';
import { interrupt } from './runScenario.ts';

/** A scenario a signal never let start, as the reports show it. */
export function notStarted(scenario: Scenario, signal: AbortSignal): ScenarioResult {
  const result: ScenarioResult = { file: scenario.file, name: scenario.name, ids: scenario.ids, status: 'interrupted', devices: 0, steps: scenario.steps.length, virtualMs: 0, wallMs: 0, trace: [] };
  interrupt(result, signal, 'before it started', { line: scenario.line });
  return result;
}
