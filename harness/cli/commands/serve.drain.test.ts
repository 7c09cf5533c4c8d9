import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import { ok } from '../../../protocol/result.ts';
import type { Service } from '../../serve/createService.ts';
import type { CommandContext } from '../CommandContext.ts';
import { fakeIo } from '../fakeCli.fixture.ts';
import { createServeCommand, DRAIN_DEADLINE_MS } from './serve.ts';

/** `fleetrig serve` on a fake service whose close() is `close`, stopped by SIGTERM at once. */
function serveWith(close: () => Promise<void>) {
  const t = fakeIo();
  const wall = new VirtualClock({ start: 0 });
  const exits: number[] = [];
  let exitCode: number | undefined;
  let closing!: () => void;
  const closeCalled = new Promise<void>((resolve) => (closing = resolve));
  const service = {
    httpUrl: 'http://127.0.0.1:1', mqttUrl: 'mqtt://127.0.0.1:2', store: 'memory', seed: 1, token: 'flt_x', devices: 0, serial: [],
    close: () => {
      closing();
      return close();
    },
  } as unknown as Service;
  const ctx: CommandContext = { io: t.io, deps: () => Promise.reject(new Error('not used')), setExitCode: (code) => (exitCode = code) };
  const program = new Command('fleetrig').exitOverride();
  createServeCommand({ createService: async () => ok(service), untilStopped: async () => 'SIGTERM received', exit: (code) => void exits.push(code), wall })(program, ctx);
  const done = program.parseAsync(['serve', '--http-port', '0', '--mqtt-port', '0'], { from: 'user' }).then(() => exitCode);
  return { ...t, wall, exits, closeCalled, done };
}

describe('fleetrig serve stopping', () => {
  it('closes the service and exits 0 with the closing line', async () => {
    const t = serveWith(async () => {});
    expect(await t.done).toBe(0);
    expect(t.stderr()).toMatch(/fleetrig serve: SIGTERM received; closed\n$/);
    expect(t.exits).toEqual([]);
  });

  it(`exits 1 after ${DRAIN_DEADLINE_MS} ms when closing hangs, saying what may be left unclosed`, async () => {
    const t = serveWith(() => new Promise(() => {}));
    await t.closeCalled;
    await t.wall.advance(DRAIN_DEADLINE_MS - 1);
    expect(t.exits).toEqual([]);
    await t.wall.advance(1);
    expect(await t.done).toBe(1);
    expect(t.exits).toEqual([1]);
    expect(t.stderr()).toMatch(/fleetrig serve: SIGTERM received; not closed within 4 s, exiting anyway: connections, the fleet or the store may be left unclosed/);
    expect(DRAIN_DEADLINE_MS).toBeLessThan(5_000);
  });
});
