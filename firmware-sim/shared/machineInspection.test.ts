import { describe, expect, it } from 'vitest';
import { assign, createActor, not, setup } from 'xstate';
import { VirtualClock } from '../../emulator/clock/VirtualClock.ts';
import { activeStateIds, createTransitionRecorder, machineDelays, machineGraph, statePath } from './machineInspection.ts';

/** A lamp with every kind of transition the graph names: events, a delay, eventless ones, a targetless one. */
const lampMachine = setup({
  types: { context: {} as { presses: number; auto: boolean }, events: {} as { type: 'PRESS' } | { type: 'NOTE' } | { type: 'AUTO' } },
  actions: { count: assign({ presses: ({ context }) => context.presses + 1 }), flip: assign({ auto: ({ context }) => !context.auto }) },
  guards: { isAuto: ({ context }) => context.auto },
  delays: { warmUp: 500 },
}).createMachine({
  id: 'lamp',
  initial: 'off',
  context: { presses: 0, auto: false },
  states: {
    off: { on: { PRESS: 'warming' } },
    warming: { after: { warmUp: 'lit' } },
    lit: {
      initial: 'manual',
      on: { PRESS: 'off', NOTE: { actions: 'count' }, AUTO: { actions: 'flip', target: '.checking', reenter: true } },
      states: {
        manual: {},
        checking: { always: [{ guard: 'isAuto', target: 'automatic' }, { guard: not('isAuto'), target: 'manual' }] },
        automatic: { after: { 250: { target: 'automatic', reenter: true } } },
      },
    },
  },
});

function runLamp(capacity?: number) {
  const clock = new VirtualClock();
  const recorder = createTransitionRecorder(capacity === undefined ? { clock } : { clock, capacity });
  const actor = createActor(lampMachine, { clock, inspect: (event) => recorder.observe(event) });
  actor.start();
  return { clock, recorder, actor };
}

describe('machineInspection', () => {
  it('draws the machine from its definition: states, initial children, events, delays and eventless transitions', () => {
    const graph = machineGraph(lampMachine);
    expect(graph).toMatchObject({ id: 'lamp', key: 'lamp', type: 'compound', initial: 'lamp.off' });
    expect(graph.states.map((s) => [s.id, s.type])).toEqual([['lamp.off', 'atomic'], ['lamp.warming', 'atomic'], ['lamp.lit', 'compound']]);
    const [off, warming, lit] = graph.states;
    expect(off!.transitions).toEqual([{ event: 'PRESS', targets: ['lamp.warming'], actions: [] }]);
    expect(warming!.transitions).toEqual([{ event: 'after:warmUp', targets: ['lamp.lit'], delay: 'warmUp', actions: [] }]);
    expect(lit).toMatchObject({ initial: 'lamp.lit.manual' });
    expect(lit!.transitions).toEqual([
      { event: 'PRESS', targets: ['lamp.off'], actions: [] },
      { event: 'NOTE', targets: [], actions: ['count'] },
      { event: 'AUTO', targets: ['lamp.lit.checking'], reenter: true, actions: ['flip'] },
    ]);
    expect(lit!.states.find((s) => s.key === 'checking')!.transitions).toEqual([
      { event: 'always', targets: ['lamp.lit.automatic'], guard: 'isAuto', actions: [] },
      { event: 'always', targets: ['lamp.lit.manual'], guard: 'not(isAuto)', actions: [] },
    ]);
    expect(lit!.states.find((s) => s.key === 'automatic')!.transitions).toEqual([
      { event: 'after:250', targets: ['lamp.lit.automatic'], delay: 250, reenter: true, actions: [] },
    ]);
    // JSON all the way down: what the API sends is what the graph is.
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
  });

  it('builds the graph once per machine config, however many devices provide their own implementations', () => {
    const provided = lampMachine.provide({ actions: { count: () => {} } });
    expect(provided).not.toBe(lampMachine);
    expect(machineGraph(provided)).toBe(machineGraph(lampMachine));
  });

  it('reads the named delays of each device\'s own machine, which provide may change', () => {
    expect(machineDelays(lampMachine)).toEqual({ warmUp: 500 });
    expect(machineDelays(lampMachine.provide({ delays: { warmUp: 5 } }))).toEqual({ warmUp: 5 });
  });

  it('names the active states outermost first, and turns state values into dotted paths', () => {
    const graph = machineGraph(lampMachine);
    expect(activeStateIds(graph, 'off')).toEqual(['lamp.off']);
    expect(activeStateIds(graph, { lit: 'automatic' })).toEqual(['lamp.lit', 'lamp.lit.automatic']);
    expect(activeStateIds(graph, 'nowhere')).toEqual([]);
    expect(statePath({ lit: 'automatic' })).toBe('lit.automatic');
    expect(statePath({ a: { x: 'one' }, b: 'two' })).toBe('a.x.one, b.two');
  });

  it('records each transition taken with the event that caused it, from and to, at clock time', async () => {
    const { clock, recorder, actor } = runLamp();
    expect(recorder.transitions()).toEqual([]);
    const t0 = clock.now();
    actor.send({ type: 'PRESS' });
    await clock.advance(500);
    actor.send({ type: 'NOTE' });
    actor.send({ type: 'AUTO' });
    await clock.advance(250);
    expect(recorder.transitions()).toEqual([
      { at: t0, event: 'PRESS', from: 'off', to: 'warming' },
      { at: t0 + 500, event: 'after:warmUp', from: 'warming', to: 'lit.manual' },
      // NOTE only ran an action: no transition. AUTO re-enters `checking`, whose eventless transition moves on.
      { at: t0 + 500, event: 'AUTO', from: 'lit.manual', to: 'lit.checking' },
      { at: t0 + 500, event: 'always', from: 'lit.checking', to: 'lit.automatic' },
      { at: t0 + 750, event: 'after:250', from: 'lit.automatic', to: 'lit.automatic' },
    ]);
  });

  it('keeps only the latest transitions, oldest first, reusing its slots once full', async () => {
    const { clock, recorder, actor } = runLamp(3);
    actor.send({ type: 'PRESS' });
    await clock.advance(500);
    actor.send({ type: 'AUTO' });
    await clock.advance(1_000);
    const kept = recorder.transitions();
    expect(kept).toHaveLength(3);
    expect(kept.map((t) => t.event)).toEqual(['after:250', 'after:250', 'after:250']);
    expect(kept.map((t) => t.at)).toEqual([clock.now() - 500, clock.now() - 250, clock.now()]);
  });

  it('hears only its own machine, not the actors that machine spawns', () => {
    const child = setup({}).createMachine({ id: 'child', initial: 'a', states: { a: { on: { GO: 'b' } }, b: {} } });
    const parent = setup({ actors: { child } }).createMachine({ id: 'parent', invoke: { id: 'kid', src: 'child' }, on: { POKE: { actions: ({ self }) => self.getSnapshot().children.kid?.send({ type: 'GO' }) } } });
    const clock = new VirtualClock();
    const recorder = createTransitionRecorder({ clock });
    const actor = createActor(parent, { clock, inspect: (event) => recorder.observe(event) });
    actor.start();
    actor.send({ type: 'POKE' });
    expect(actor.getSnapshot().children.kid!.getSnapshot().value).toBe('b');
    expect(recorder.transitions()).toEqual([]);
  });
});
