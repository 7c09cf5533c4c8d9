import { Command } from 'commander';
import type { Result } from '../../../protocol/result.ts';
import type { Service, ServiceOptions } from '../../serve/createService.ts';
import type { CommandContext } from '../CommandContext.ts';
import { fakeIo } from '../fakeCli.fixture.ts';
import { createServeCommand } from './serve.ts';

/** Runs `fleetrig serve …` with a fake service, stopped at once. */
export async function runServe(argv: string[], create: (options: ServiceOptions) => Promise<Result<Service>>) {
  const t = fakeIo();
  let exitCode = 0;
  const ctx: CommandContext = { io: t.io, deps: () => Promise.reject(new Error('not used')), setExitCode: (code) => (exitCode = code) };
  const program = new Command('fleetrig').exitOverride().configureOutput({ writeErr: () => undefined });
  createServeCommand({ createService: create, untilStopped: () => Promise.resolve('SIGTERM received') })(program, ctx);
  await program.parseAsync(['serve', ...argv], { from: 'user' });
  return { ...t, exitCode };
}

/** A service that is not there: where it says it is, and a close that does nothing. */
export function fakeService(fields: Partial<Pick<Service, 'store' | 'serial' | 'devices'>> = {}): Service {
  return {
    httpUrl: 'http://127.0.0.1:8080', mqttUrl: 'mqtt://127.0.0.1:1883', store: '/tmp/s.db', seed: 3, token: 'flt_x', serial: [], devices: 0,
    clock: {} as Service['clock'], server: {} as Service['server'], close: async () => undefined, ...fields,
  };
}
