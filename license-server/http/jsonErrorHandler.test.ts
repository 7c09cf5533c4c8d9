import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerRole } from '../auth/ServerRole.ts';
import type { MountedRoute } from '../portals/mountPortals.ts';
import { fuzzClient, type FuzzReply } from '../testing/httpFuzz.ts';
import { createHttpApi } from './createHttpApi.ts';

/** A route that fails inside the server, as a bug in an operation would. */
const broken: MountedRoute = {
  method: 'post', path: '/broken/:id', status: 200, body: 'optional', access: { public: 'a test route' }, portal: 'test',
  run: () => Promise.reject(new Error('the store is gone')),
};
const echo: MountedRoute = {
  method: 'post', path: '/echo/:id', status: 200, body: 'required', access: { public: 'a test route' }, portal: 'test',
  run: (request) => Promise.resolve({ ok: true, value: { input: request.input } }),
};

describe('the HTTP error contract', () => {
  let server: Server | undefined;
  const faults: string[] = [];
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    faults.length = 0;
  });

  async function send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<FuzzReply & { json: Record<string, unknown> }> {
    const app = createHttpApi({
      routes: [broken, echo], bodyLimit: '1kb',
      authenticate: () => Promise.resolve({ ok: true, value: { tokenId: 't', user: 'u', roles: [ServerRole.Administrator], accountId: null } as never }),
      onFault: (fault) => faults.push(`${fault.method} ${fault.path}: ${fault.message}`),
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const client = fuzzClient(server);
    const reply = await client.send({ method, path, headers, body });
    client.close();
    return { ...reply, json: JSON.parse(reply.text) as Record<string, unknown> };
  }
  const json = { 'content-type': 'application/json' };

  it('answers a path parameter that does not percent-decode 400 at `path`, not 500', async () => {
    expect(await send('POST', '/api/v1/echo/%E0%A4%A', json, Buffer.from('{}'))).toMatchObject({ status: 400, json: { error: 'BAD_REQUEST', where: 'path' } });
    expect(faults).toEqual([]);
  });

  it('reads a gzip body, and answers one that is not gzip 400 at `(root)`', async () => {
    expect(await send('POST', '/api/v1/echo/a', { ...json, 'content-encoding': 'gzip' }, gzipSync('{"n":1}'))).toMatchObject({ status: 200, json: { input: { n: 1, id: 'a' } } });
    const plain = await send('POST', '/api/v1/echo/a', { ...json, 'content-encoding': 'gzip' }, Buffer.from('{"n":1}'));
    expect(plain).toMatchObject({ status: 400, json: { error: 'BAD_REQUEST', where: '(root)', message: expect.stringContaining('could not be read') } });
  });

  it('answers a Content-Encoding or charset it does not read 415, naming the header', async () => {
    expect(await send('POST', '/api/v1/echo/a', { ...json, 'content-encoding': 'x-zip' }, Buffer.from('{}'))).toMatchObject({ status: 415, json: { error: 'UNSUPPORTED_MEDIA_TYPE', where: 'content-encoding' } });
    expect(await send('POST', '/api/v1/echo/a', { 'content-type': 'application/json; charset=latin1' }, Buffer.from('{}'))).toMatchObject({ status: 415, json: { error: 'UNSUPPORTED_MEDIA_TYPE', where: 'content-type' } });
  });

  it('answers a body over the limit 413 and a body of another type 400 at `(root)`', async () => {
    expect(await send('POST', '/api/v1/echo/a', json, Buffer.from(JSON.stringify({ s: 'x'.repeat(2_000) })))).toMatchObject({ status: 413, json: { error: 'PAYLOAD_TOO_LARGE', where: '(root)' } });
    expect(await send('POST', '/api/v1/echo/a', { 'content-type': 'text/plain' }, Buffer.from('{}'))).toMatchObject({ status: 400, json: { error: 'BAD_REQUEST', where: '(root)' } });
  });

  it('answers OPTIONS a JSON 405, on a route and off one', async () => {
    expect(await send('OPTIONS', '/api/v1/echo/a')).toMatchObject({ status: 405, contentType: expect.stringContaining('application/json'), json: { error: 'METHOD_NOT_ALLOWED', where: 'method' } });
    expect(await send('OPTIONS', '/nowhere')).toMatchObject({ status: 405, json: { error: 'METHOD_NOT_ALLOWED' } });
  });

  it('answers a fault inside the server 500 INTERNAL and tells onFault, so it is logged', async () => {
    expect(await send('POST', '/api/v1/broken/1')).toMatchObject({ status: 500, json: { error: 'INTERNAL', message: expect.stringContaining('the store is gone') } });
    expect(faults).toEqual(['POST /api/v1/broken/1: the store is gone']);
  });
});
