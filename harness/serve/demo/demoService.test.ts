import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCatalogue } from '../../catalogue.ts';
import { loadFiles } from '../../scenario/validateFiles.ts';
import type { Service } from '../createService.ts';
import { call, startDemo, stepWithSkips } from './testing/demoDriver.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const DEMO = join(REPO, 'scenarios', 'smartserver', 'demo-transfer-reprovision.yaml');
const catalogue = createCatalogue();

async function scenarioOf(path: string) {
  const loaded = await loadFiles([path], catalogue);
  expect(loaded.errors).toEqual([]);
  return loaded.scenarios[0]!;
}

describe('demo mode: the scenario stepped over /api/v1/demo', () => {
  const services: Service[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.close();
  });

  it('[SS-2][SS-4][SS-5][SS-6][SS-7] steps the sales demo to the end, one step per Next', { timeout: 60_000 }, async () => {
    const service = await startDemo(catalogue, await scenarioOf(DEMO));
    services.push(service);
    const first = await call(service, 'GET', '/api/v1/demo');
    expect(first.status).toBe(200);
    const steps = first.body.steps as { status: string }[];
    expect(first.body).toMatchObject({ position: 0, running: false, scenario: { name: expect.stringContaining('demo') } });
    expect(steps[0]).toMatchObject({ index: 0, kind: 'order.activate', text: 'order.activate: { order: fleet }', status: 'pending', line: expect.any(Number) });
    // Every step of the sales demo says what it shows.
    expect(steps.filter((s) => typeof (s as { description?: unknown }).description !== 'string')).toEqual([]);
    for (let i = 0; i < steps.length; i++) {
      const reply = await stepWithSkips(service, '/api/v1/demo/next');
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect((reply.body.steps as { status: string }[])[i]!.status, JSON.stringify((reply.body.steps as object[])[i])).toBe('passed');
    }
    const end = await call(service, 'POST', '/api/v1/demo/next', {});
    expect(end).toMatchObject({ status: 409, body: { error: 'CONFLICT', message: expect.stringContaining('no more steps') } });
  });
});

describe('demo mode: every bundled scenario can be stepped', async () => {
  const files = (await loadFiles([join(REPO, 'scenarios')], catalogue)).scenarios;
  // 1,000 gateways through three months take about 15 s of wall time, skipping deadline by deadline.
  it.each(files.map((s) => [s.file.replace(`${REPO}/`, ''), s] as const))('%s runs to the end through POST /api/v1/demo/run', { timeout: 120_000 }, async (_file, scenario) => {
    const service = await startDemo(catalogue, scenario);
    try {
      const reply = await stepWithSkips(service, '/api/v1/demo/run');
      const failed = (reply.body.steps as { status: string }[]).filter((s) => s.status !== 'passed');
      expect(reply.status).toBe(200);
      expect(failed).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
