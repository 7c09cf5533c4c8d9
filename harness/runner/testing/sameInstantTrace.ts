import { join } from 'node:path';
import { renderJsonTrace } from '../../report/jsonReporter.ts';
import { unwrap } from '../../../protocol/result.ts';
import type { TransportMode } from '../../transport/chooseTransport.ts';
import { runFiles } from '../runFiles.ts';

/**
 * Test support: scenarios where several devices act at the same virtual instant — their frames
 * cross the transport together, and which the network carried first must not show in the trace.
 */
export const SAME_INSTANT_SCENARIOS = ['audio/licenses-list.yaml', 'smartserver/demo-transfer-reprovision.yaml', 'gateway/move-license.yaml']
  .map((file) => join(import.meta.dirname, '..', '..', '..', 'scenarios', file));

/** The JSON trace of those scenarios, as `fleetrig run --json` writes it; throws if one failed. */
export async function sameInstantTrace(options: { transport?: TransportMode; brokerUrl?: string; seed?: number }): Promise<string> {
  const run = unwrap(await runFiles({ paths: SAME_INSTANT_SCENARIOS, seed: options.seed ?? 5, reporters: [], ...options }));
  const failed = run.files.flatMap((f) => f.scenarios).filter((s) => s.status !== 'passed');
  if (failed.length > 0) throw new Error(`sameInstantTrace: ${failed.map((s) => `${s.name}: ${s.failure?.message}`).join('; ')}`);
  return renderJsonTrace(run);
}
