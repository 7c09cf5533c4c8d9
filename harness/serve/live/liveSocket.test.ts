import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { httpClient } from '../../../license-server/testing/httpTestClient.ts';
import { unwrap } from '../../../protocol/result.ts';
import { createCatalogue } from '../../catalogue.ts';
import { loadFiles } from '../../scenario/validateFiles.ts';
import { createService, type Service } from '../createService.ts';
import { silentLogger } from '../serviceLog.ts';
import type { LiveMessage } from './liveMessages.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const catalogue = createCatalogue();

async function start(): Promise<Service> {
  const [scenario] = (await loadFiles([join(REPO, 'scenarios', 'gateway', 'move-license.yaml')], catalogue)).scenarios;
  const store = join(mkdtempSync(join(tmpdir(), 'fleetrig-live-')), 'store.db');
  return unwrap(await createService({ catalogue, scenario, seed: 7, speed: 1, httpPort: 0, mqttPort: 0, store, logger: silentLogger }));
}

/** A plain `ws` client that keeps every message and waits for the one a test expects. */
function liveClient(service: Service, query = '') {
  const ws = new WebSocket(`${service.httpUrl.replace('http', 'ws')}/api/v1/live${query}`);
  const messages: LiveMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as LiveMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const until = async (done: (all: LiveMessage[]) => boolean): Promise<LiveMessage[]> => {
    while (!done(messages)) await new Promise<void>((resolve) => waiters.push(resolve));
    return messages;
  };
  const seq = (): number => Math.max(...messages.map((m) => ('seq' in m ? m.seq : 0)));
  return { ws, messages, until, closed, seq };
}

const running = (all: LiveMessage[], id: string): boolean =>
  all.some((m) => m.type === 'change' && m.device.deviceId === id && m.device.state === 'running');

describe('the live feed over WebSocket at /api/v1/live', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });

  it('sends a snapshot, then changes and clock moves, and resumes after a reconnect without a gap or a duplicate', async () => {
    const service = await start();
    services.push(service);
    const api = httpClient(service.httpUrl, { token: service.token });
    const first = liveClient(service);
    const [snapshot] = await first.until((all) => all.length > 0);
    expect(snapshot).toMatchObject({ type: 'snapshot', stream: 'start-1', clock: { running: true, speed: 1 } });
    if (snapshot?.type !== 'snapshot') throw new Error('no snapshot');
    expect(snapshot.devices.map((d) => [d.deviceId, d.state])).toEqual([['gw-001', 'booting'], ['gw-002', 'booting']]);

    await api.call('POST', '/api/v1/clock/advance', { by: '1m' });
    await first.until((all) => running(all, 'gw-001') && running(all, 'gw-002') && all.some((m) => m.type === 'clock'));
    const seen = first.seq();
    first.ws.close();
    await first.closed;

    // While away the clock is paused: the resumed client hears of it from the ring.
    await api.call('POST', '/api/v1/clock/pause');
    const second = liveClient(service, `?since=${seen}&stream=start-1`);
    await second.until((all) => all.some((m) => m.type === 'clock' && !m.clock.running));
    expect(second.messages[0]).toMatchObject({ type: 'resume', since: seen, seq: seen });
    const seqs = second.messages.slice(1).map((m) => ('seq' in m ? m.seq : -1));
    expect(seqs).toEqual(seqs.map((_, i) => seen + 1 + i));
    second.ws.close();
  });

  it('closes with a reason naming `since` when it is malformed, and answers text from the client with an error', async () => {
    const service = await start();
    services.push(service);
    const bad = liveClient(service, '?since=ten');
    expect(await bad.closed).toEqual({ code: 1008, reason: 'since: expected a whole number of at least 0, got "ten"' });

    const chatty = liveClient(service);
    await chatty.until((all) => all.length > 0);
    chatty.ws.send('hello');
    const all = await chatty.until((m) => m.some((x) => x.type === 'error'));
    expect(all.find((m) => m.type === 'error')).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('read-only') });
    expect(chatty.ws.readyState).toBe(WebSocket.OPEN);
    chatty.ws.close();
  });

  it('refuses upgrades to any other path with 404', async () => {
    const service = await start();
    services.push(service);
    const ws = new WebSocket(`${service.httpUrl.replace('http', 'ws')}/nowhere`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });
});
