import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractBreach, fuzzClient, fuzzRequest, type FuzzReply, type FuzzRequest, type FuzzRoute } from '../../license-server/testing/httpFuzz.ts';
import { unwrap } from '../../protocol/result.ts';
import { createCatalogue } from '../catalogue.ts';
import { loadFiles } from '../scenario/validateFiles.ts';
import { createService, type Service } from './createService.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'scenarios', 'gateway', 'move-license.yaml');

/**
 * The service's own routes (serviceApp.ts and its routers) and a few of the license API it
 * mounts (license-server/http/httpErrors.fuzz.test.ts fuzzes all of those): every router of the app.
 */
const routes: FuzzRoute[] = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/api/v1/keys' },
  { method: 'GET', path: '/api/v1/clock' },
  ...['pause', 'resume', 'speed', 'advance', 'next-deadline', ':op'].map((op) => ({ method: 'POST', path: `/api/v1/clock/${op}` })),
  { method: 'GET', path: '/api/v1/demo' },
  ...['next', 'run', 'skip', 'restart'].map((op) => ({ method: 'POST', path: `/api/v1/demo/${op}` })),
  { method: 'POST', path: '/api/v1/devices' },
  { method: 'GET', path: '/api/v1/fleet/devices/:id' },
  { method: 'GET', path: '/api/v1/fleet/devices/:id/machine' },
  { method: 'POST', path: '/api/v1/fleet/devices/:id/:action' },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/:page' },
  { method: 'GET', path: '/portal/:page' },
  { method: 'GET', path: '/devices/:deviceId' },
  { method: 'GET', path: '/devices/:deviceId/:file' },
  { method: 'GET', path: '/api/v1/accounts/:accountId/licenses' },
  { method: 'POST', path: '/api/v1/tokens' },
  { method: 'GET', path: '/:anything/:else' },
];

/** /readyz answers 503 while a device boots: the health answer it exists for, not a fault. */
const isReadiness = (req: FuzzRequest, reply: FuzzReply) => req.path.startsWith('/readyz') && reply.status === 503;

describe('fleetrig serve under hostile requests', () => {
  let service: Service;
  const warnings: string[] = [];
  let client: ReturnType<typeof fuzzClient> | undefined;
  beforeAll(async () => {
    const catalogue = createCatalogue();
    const [scenario] = (await loadFiles([SCENARIO], catalogue)).scenarios;
    const logger = { info: () => {}, warn: (fields: Record<string, unknown>, message: string) => warnings.push(`${message} ${JSON.stringify(fields)}`) };
    service = unwrap(await createService({
      catalogue, scenario, seed: 7, speed: 1, httpPort: 0, mqttPort: 0, store: join(mkdtempSync(join(tmpdir(), 'fleetrig-fuzz-')), 'store.db'), logger,
    }));
    // Only the fuzzer's own requests move time, so a device never waits on a wall-clock reply.
    await service.clock.pause();
    const url = new URL(service.httpUrl);
    client = fuzzClient({ host: url.hostname, port: Number(url.port) });
  });
  afterAll(async () => {
    client?.close();
    await service.close();
  });

  const send = (req: FuzzRequest): Promise<FuzzReply> => client!.send(req);

  it('answers every method × route × path × headers × body of the service with no 5xx and every error as JSON {error, message}', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constant(null).chain(() => fuzzRequest(routes, [service.token])), async (req) => {
        const reply = await send(req);
        expect(isReadiness(req, reply) ? undefined : contractBreach(req, reply)).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
    expect(warnings.filter((w) => w.startsWith('http request failed'))).toEqual([]);
  });

  it('answers the malformed percent-encoding and the bad Content-Encoding the issue measured with 400s, and OPTIONS with a JSON 405', async () => {
    const path = await send({ method: 'GET', path: '/api/v1/accounts/%E0%A4%A/licenses', headers: { authorization: `Bearer ${service.token}` }, body: undefined });
    expect({ status: path.status, body: JSON.parse(path.text) as unknown }).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: 'path' } });
    const gzip = await send({ method: 'POST', path: '/api/v1/clock/advance', headers: { authorization: `Bearer ${service.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: Buffer.from('{"by":"1m"}') });
    expect({ status: gzip.status, body: JSON.parse(gzip.text) as unknown }).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', where: '(root)' } });
    const options = await send({ method: 'OPTIONS', path: '/api/v1/clock', headers: {}, body: undefined });
    expect({ status: options.status, body: JSON.parse(options.text) as unknown }).toMatchObject({ status: 405, body: { error: 'METHOD_NOT_ALLOWED', where: 'method' } });
  });
});
