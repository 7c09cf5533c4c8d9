import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../protocol/result.ts';
import type { Service, ServiceOptions } from '../../serve/createService.ts';
import type { CommandContext } from '../CommandContext.ts';
import { fakeIo } from '../fakeCli.fixture.ts';
import { createServeCommand } from './serve.ts';

const DEMO = join(import.meta.dirname, '..', '..', '..', 'scenarios', 'smartserver', 'demo-transfer-reprovision.yaml');

/** Runs `fleetrig serve …` with a fake service, stopped at once. */
async function runWith(argv: string[], create: (options: ServiceOptions) => Promise<Result<Service>>) {
  const t = fakeIo();
  let exitCode = 0;
  const ctx: CommandContext = { io: t.io, deps: () => Promise.reject(new Error('not used')), setExitCode: (code) => (exitCode = code) };
  const program = new Command('fleetrig').exitOverride().configureOutput({ writeErr: () => undefined });
  createServeCommand({ createService: create, untilStopped: () => Promise.resolve('SIGTERM received') })(program, ctx);
  await program.parseAsync(['serve', ...argv], { from: 'user' });
  return { ...t, exitCode };
}

const fakeService: Service = {
  httpUrl: 'http://127.0.0.1:8080', mqttUrl: 'mqtt://127.0.0.1:1883', store: 'in memory (demo mode)', seed: 3, token: 'flt_x', serial: [], devices: 10,
  clock: {} as Service['clock'], server: {} as Service['server'], close: async () => undefined,
};

describe('fleetrig serve --demo', () => {
  it('serves the scenario in demo mode on a store in memory, whatever --store says', async () => {
    const seen: ServiceOptions[] = [];
    const t = await runWith([DEMO, '--demo', '--store', '/tmp/kept.db'], async (options) => (seen.push(options), ok(fakeService)));
    expect(t.exitCode).toBe(0);
    expect(seen[0]).toMatchObject({ store: ':memory:', demo: { restart: expect.any(Function) }, scenario: { name: expect.stringContaining('demo') } });
    expect(t.stdout().split('\n')[0]).toBe('fleetrig serve · http://127.0.0.1:8080 · mqtt://127.0.0.1:1883 · store in memory (demo mode)');
  });

  it('serves without demo mode unless asked', async () => {
    const seen: ServiceOptions[] = [];
    await runWith([DEMO], async (options) => (seen.push(options), ok(fakeService)));
    expect(seen[0]!.demo).toBeUndefined();
  });

  it('refuses --demo without a scenario, saying what to give', async () => {
    const t = await runWith(['--demo'], async () => ok(fakeService));
    expect(t.exitCode).toBe(2);
    expect(t.stderr()).toContain('--demo needs a scenario file');
  });
});
