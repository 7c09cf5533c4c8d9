import { unwrap } from '../../../../protocol/result.ts';
import type { HttpReply } from '../../../../license-server/testing/httpTestClient.ts';
import { call } from '../../testing/scenarioService.ts';
import type { Catalogue } from '../../../catalogue.ts';
import type { Scenario } from '../../../scenario/parseScenarios.ts';
import type { Service } from '../../createService.ts';
import { silentLogger } from '../../serviceLog.ts';
import { createDemoService } from '../createDemoService.ts';

/** A demo-mode service for a test: in memory, free ports, its clock paused so only the test moves time. */
export async function startDemo(catalogue: Catalogue, scenario: Scenario): Promise<Service> {
  const service = unwrap(await createDemoService({ catalogue, scenario, seed: 7, speed: 1, httpPort: 0, mqttPort: 0, logger: silentLogger }));
  await service.clock.pause();
  return service;
}

/** A request as the operator sends it, with the administrator token (or `token: null` for none). */
export { call };

/**
 * Sends a demo POST (`next`, `run`) as a sales engineer would: whenever the running step waits
 * on the clock, skip it to the next deadline; while it works, let it. A wait takes no wall time,
 * and time moves only while a step waits, as in a scenario run. The skip names the step it saw
 * waiting (`POST /api/v1/demo/skip`), so a view gone stale meanwhile skips nothing (409).
 */
export async function stepWithSkips(service: Service, path: string): Promise<HttpReply> {
  let answer: HttpReply | undefined;
  const pending = call(service, 'POST', path, {}).then((reply) => (answer = reply));
  while (answer === undefined) {
    const demo = await call(service, 'GET', '/api/v1/demo');
    if (answer === undefined && demo.body.waiting === true) await call(service, 'POST', '/api/v1/demo/skip', { position: demo.body.position });
  }
  return pending;
}
