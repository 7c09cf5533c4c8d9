/**
 * `fleetrig serve` with its fleet's consoles on stdin, for process tests that must change a
 * device's own state (type `download` at a gateway) and then kill the service:
 *
 *     node bin/run-ts.js harness/serve/testing/serveWithConsoles.ts SCENARIO STORE SEED
 *
 * stdout starts with the two lines `fleetrig serve` prints (where everything is, the
 * administrator token); then each stdin line `<deviceId> <command…>` is typed at that device's
 * console and answered with one JSON line `{ device, line, answer }`. The log goes to stderr.
 * It runs until killed; SIGTERM closes it as `fleetrig serve` would.
 */
import { createInterface } from 'node:readline';
import { WallClock } from '../../../emulator/clock/wallClock.ts';
import { loadFiles } from '../../scenario/validateFiles.ts';
import { createService } from '../createService.ts';
import { createServiceLog } from '../serviceLog.ts';
import { consoleCatalogue } from './consoleCatalogue.ts';

const [scenarioPath, store, seed] = process.argv.slice(2);
if (scenarioPath === undefined || store === undefined || seed === undefined) {
  process.stderr.write('usage: serveWithConsoles.ts SCENARIO STORE SEED\n');
  process.exit(2);
}
const devices = consoleCatalogue();
const loaded = await loadFiles([scenarioPath], devices.catalogue);
if (loaded.errors.length > 0 || loaded.scenarios.length !== 1) {
  process.stderr.write(`serveWithConsoles: ${scenarioPath}: ${JSON.stringify(loaded.errors)}\n`);
  process.exit(2);
}
const started = await createService({
  catalogue: devices.catalogue, scenario: loaded.scenarios[0], seed: Number(seed), speed: 1, httpPort: 0, mqttPort: 0, store,
  logger: createServiceLog({ sink: process.stderr, wall: new WallClock() }),
});
if (!started.ok) {
  process.stderr.write(`serveWithConsoles: ${started.error.message}\n`);
  process.exit(1);
}
const service = started.value;
process.stdout.write(`fleetrig serve · ${service.httpUrl} · ${service.mqttUrl} · store ${service.store}\n`);
process.stdout.write(`administrator token ${service.token}\n`);
process.once('SIGTERM', () => void service.close().then(() => process.exit(0)));

createInterface({ input: process.stdin }).on('line', (text) => {
  const [device, ...words] = text.trim().split(/\s+/);
  const line = words.join(' ');
  void devices.type(device!, line).then(
    (answer) => process.stdout.write(`${JSON.stringify({ device, line, answer })}\n`),
    (error: unknown) => process.stdout.write(`${JSON.stringify({ device, line, answer: `error ${(error as Error).message}` })}\n`),
  );
});
