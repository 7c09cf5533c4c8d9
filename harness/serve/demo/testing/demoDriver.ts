import { unwrap } from '../../../../protocol/result.ts';
import { httpClient, type HttpReply } from '../../../../license-server/testing/httpTestClient.ts';
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
export function call(service: Service, method: string, path: string, body?: unknown, token: string | null = service.token): Promise<HttpReply> {
  return httpClient(service.httpUrl, token === null ? {} : { token }).call(method, path, body);
}

/**
 * Sends a demo POST (`next`, `run`) as a sales engineer would, and while it is unanswered skips
 * the clock to its next deadline, again and again: a waiting step takes no wall time.
 */
export async function stepWithSkips(service: Service, path: string): Promise<HttpReply> {
  let answer: HttpReply | undefined;
  const pending = call(service, 'POST', path, {}).then((reply) => (answer = reply));
  while (answer === undefined) {
    const skipped = await call(service, 'POST', '/api/v1/clock/next-deadline', {});
    // Nothing to skip to: the step is busy without waiting on time; let it get on.
    if (skipped.body.nextDeadline === null && answer === undefined) await Promise.race([pending, new Promise((resolve) => setImmediate(resolve))]);
  }
  return pending;
}
