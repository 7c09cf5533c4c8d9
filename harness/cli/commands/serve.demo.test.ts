import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../protocol/result.ts';
import type { ServiceOptions } from '../../serve/createService.ts';
import { fakeService, runServe } from './serveCommand.fixture.ts';

const DEMO = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'smartserver', 'demo-transfer-reprovision.yaml');

const demoService = fakeService({ store: 'in memory (demo mode)', devices: 10 });

describe('fleetrig serve --demo', () => {
  it('serves the scenario in demo mode on a store in memory, whatever --store says', async () => {
    const seen: ServiceOptions[] = [];
    const t = await runServe([DEMO, '--demo', '--store', '/tmp/kept.db'], async (options) => (seen.push(options), ok(demoService)));
    expect(t.exitCode).toBe(0);
    expect(seen[0]).toMatchObject({ store: ':memory:', demo: { restart: expect.any(Function) }, scenario: { name: expect.stringContaining('demo') } });
    expect(t.stdout().split('\n')[0]).toBe('fleetrig serve · http://127.0.0.1:8080 · mqtt://127.0.0.1:1883 · store in memory (demo mode)');
  });

  it('serves without demo mode unless asked', async () => {
    const seen: ServiceOptions[] = [];
    await runServe([DEMO], async (options) => (seen.push(options), ok(demoService)));
    expect(seen[0]!.demo).toBeUndefined();
  });

  it('refuses --demo without a scenario, saying what to give', async () => {
    const t = await runServe(['--demo'], async () => ok(demoService));
    expect(t.exitCode).toBe(2);
    expect(t.stderr()).toContain('--demo needs a scenario file');
  });
});
