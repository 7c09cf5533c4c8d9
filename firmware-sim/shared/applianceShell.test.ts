import { describe, it, expect } from 'vitest';
import { setup } from 'xstate';
import { z } from 'zod';
import type { ApplianceState, HistoryEntry } from './Appliance.ts';
import { createApplianceShell } from './applianceShell.ts';
import { createBoardPortalClient } from './portalClient.ts';
import { powerStates, type PowerEvent } from './powerStates.ts';
import { createTestBoard } from './testing/testBoard.ts';

const BOOT_MS = 1_000;

const tinyMachine = setup({
  types: { events: {} as PowerEvent },
  actions: { forgetRam: () => {}, loadSettings: () => {}, abortPortalRequests: () => {} },
  delays: { bootTime: BOOT_MS },
}).createMachine({ id: 'tiny', initial: 'off', states: powerStates({ running: {} }) });

interface TinyState extends ApplianceState {
  readonly note: string;
}

/** The shell around the smallest machine, with a `note` the test changes to see what is published. */
function rig() {
  const { board, clock } = createTestBoard({ id: 'tiny-001', family: 'tiny', seed: 'shell' });
  const portal = createBoardPortalClient({ board, requestIds: 'tiny-requests' });
  const entered: (HistoryEntry | undefined)[] = [];
  let stops = 0;
  let note = 'first';
  const shell = createApplianceShell({
    board,
    family: 'tiny',
    machine: tinyMachine,
    portal,
    snapshot: (): TinyState => ({ deviceId: board.id, family: 'tiny', state: shell.runState(), licenses: [], note }),
    onTransition: (entry) => entered.push(entry),
    onStop: () => stops++,
  });
  const appliance = shell.appliance();
  const heard: TinyState[] = [];
  appliance.onChange((state) => heard.push(state));
  return { board, clock, portal, shell, appliance, heard, entered, stops: () => stops, setNote: (next: string) => (note = next) };
}

describe('applianceShell', () => {
  it('powers the board on at start and records each state entered, with its cause', async () => {
    const { board, clock, appliance, heard, entered } = rig();
    expect(appliance.snapshot().state).toBe('off');
    appliance.start();
    await clock.advance(BOOT_MS);
    expect(board.power.isOn()).toBe(true);
    const t0 = clock.now() - BOOT_MS;
    expect(appliance.history()).toEqual([
      { at: t0, state: 'off' },
      { at: t0, state: 'booting', event: 'POWER_ON' },
      { at: clock.now(), state: 'running', event: 'after:bootTime' },
    ]);
    expect(heard.map((s) => s.state)).toEqual(['booting', 'running']);
    expect(entered.filter((e) => e !== undefined)).toEqual(appliance.history());
  });

  it('sends power cuts and resets to the machine, and tells listeners only of changes', async () => {
    const { board, clock, shell, appliance, heard } = rig();
    appliance.start();
    await clock.advance(BOOT_MS);
    shell.publish();
    expect(heard).toHaveLength(2);
    board.reset();
    expect(shell.runState()).toBe('booting');
    board.power.cut();
    expect(appliance.snapshot().state).toBe('off');
    expect(appliance.history().map((h) => h.event)).toEqual([undefined, 'POWER_ON', 'after:bootTime', 'RESET', 'POWER_OFF']);
    expect(heard.map((s) => s.state)).toEqual(['booting', 'running', 'booting', 'off']);
  });

  it('tells listeners of a change from the moment the device is built, not of the state before it', () => {
    const { shell, heard, setNote } = rig();
    shell.publish();
    expect(heard).toEqual([]);
    setNote('second');
    shell.publish();
    expect(heard.map((s) => s.note)).toEqual(['second']);
  });

  it('stops for good: detaches power and reset, closes the portal client, and reads off', async () => {
    const { board, clock, portal, shell, appliance, heard, stops } = rig();
    appliance.start();
    await clock.advance(BOOT_MS);
    const waiting = portal.request({ op: 'tiny.ping', body: {}, reply: z.object({}) });
    appliance.stop();
    appliance.stop();
    expect(stops()).toBe(1);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'LINK_DOWN', message: 'the portal client was closed' } });
    expect(shell.isRunning()).toBe(false);
    expect(heard.at(-1)?.state).toBe('off');
    const recorded = appliance.history().length;
    board.reset();
    board.power.cut();
    expect(appliance.history()).toHaveLength(recorded);
  });

  it('keeps only the most recent 200 history entries', async () => {
    const { board, clock, appliance } = rig();
    appliance.start();
    for (let i = 0; i < 150; i++) {
      board.reset();
      await clock.advance(BOOT_MS);
    }
    const history = appliance.history();
    expect(history).toHaveLength(200);
    expect(history.at(-1)).toMatchObject({ state: 'running', at: clock.now() });
  });

  it('shows its machine: the definition drawn once, the states it is in, and the transitions XState reported', async () => {
    const { board, clock, appliance } = rig();
    expect(appliance.machine()).toMatchObject({ current: ['tiny.off'], transitions: [] });
    appliance.start();
    const t0 = clock.now();
    await clock.advance(BOOT_MS);
    board.reset();
    const view = appliance.machine();
    expect(view.definition.states.map((s) => s.key)).toEqual(['off', 'booting', 'running']);
    expect(view.current).toEqual(['tiny.booting']);
    expect(view.transitions).toEqual([
      { at: t0, event: 'POWER_ON', from: 'off', to: 'booting' },
      { at: t0 + BOOT_MS, event: 'after:bootTime', from: 'booting', to: 'running' },
      { at: t0 + BOOT_MS, event: 'RESET', from: 'running', to: 'booting' },
    ]);
    expect(rig().appliance.machine().definition).toBe(view.definition);
  });
});
