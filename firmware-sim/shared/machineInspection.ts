import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode, AnyTransitionDefinition, InspectionEvent, StateValue } from 'xstate';

/**
 * The machine view's data (docs/device-pages.md, "The machine view"): a device's lifecycle
 * machine drawn from its definition, the states it is in, and the transitions it took lately,
 * heard through XState's inspection API (`createActor(machine, { inspect })`) rather than
 * Stately's inspector, which needs its website.
 */

/** One way out of a state, as the definition gives it. */
export interface MachineGraphTransition {
  /** What takes it: an event type, `after:<delay>` for a delayed one, `always` for an eventless one. */
  readonly event: string;
  /** State node ids it enters; empty when it stays put and only runs its actions. */
  readonly targets: readonly string[];
  readonly guard?: string;
  /** A delayed transition's delay: its name (`bootTime`; the device's `delays` say how long) or its ms. */
  readonly delay?: string | number;
  /** It leaves and enters its target again even when that is the state it is in. */
  readonly reenter?: true;
  readonly actions: readonly string[];
}

/** A state node: the root is the machine itself; compound states hold their children. */
export interface MachineGraph {
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** The id of the child a compound state enters first. */
  readonly initial?: string;
  readonly transitions: readonly MachineGraphTransition[];
  readonly states: readonly MachineGraph[];
}

/** One transition the machine took. */
export interface MachineTransition {
  /** Clock time it was taken at. */
  readonly at: number;
  /** What caused it: the event type, `after:<delay>` for a delay that ran out, `always` for an eventless one. */
  readonly event: string;
  /** The state it left and the one it entered, as dotted paths (`running.testMode`); `from` is null before the first state is known. */
  readonly from: string | null;
  readonly to: string;
}

export interface MachineView {
  readonly definition: MachineGraph;
  /** Ids of the state nodes the machine is in, outermost first (`gateway.running`, `gateway.running.testMode`). */
  readonly current: string[];
  /** The latest transitions, oldest first. */
  readonly transitions: MachineTransition[];
  /** This device's named delays in ms (a family may set its own, e.g. a shorter heartbeat). */
  readonly delays: Record<string, number>;
}

// Keyed by the machine's config: a family's machine given other delays (`machine.provide(...)`)
// is a new machine object over the same config, and the family needs one graph, not one each.
const graphs = new WeakMap<object, MachineGraph>();

/** The machine's definition as a JSON tree, built once per machine config. */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  let graph = graphs.get(machine.config);
  if (graph === undefined) {
    graph = nodeGraph(machine.root);
    graphs.set(machine.config, graph);
  }
  return graph;
}

function nodeGraph(node: AnyStateNode): MachineGraph {
  const transitions: MachineGraphTransition[] = [];
  for (const list of (node.transitions as Map<string, AnyTransitionDefinition[]>).values()) {
    for (const t of list) transitions.push(transitionGraph(t));
  }
  for (const t of (node.always ?? []) as AnyTransitionDefinition[]) transitions.push(transitionGraph(t));
  const initial = node.type === 'compound' ? node.initial.target[0]?.id : undefined;
  const states = Object.values(node.states as Record<string, AnyStateNode>).map(nodeGraph);
  return { id: node.id, key: node.key, type: node.type, ...(initial === undefined ? {} : { initial }), transitions, states };
}

function transitionGraph(t: AnyTransitionDefinition): MachineGraphTransition {
  const { delay } = t as { delay?: string | number };
  const guard = guardName(t.guard);
  return {
    event: eventName(t.eventType),
    targets: (t.target ?? []).map((target: AnyStateNode) => target.id),
    ...(guard === undefined ? {} : { guard }),
    ...(delay === undefined ? {} : { delay }),
    ...(t.reenter ? { reenter: true as const } : {}),
    actions: (t.actions as unknown[]).map(implementationName),
  };
}

/** `isEnrolled`, `not(autoRefreshOn)`: named guards by name, `not`/`and`/`or` around theirs. */
function guardName(guard: unknown): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'function') {
    const { guards } = guard as { guards?: unknown[] };
    return guards === undefined ? (guard.name || 'guard') : `${guard.name}(${guards.map(guardName).join(', ')})`;
  }
  return implementationName(guard);
}

function implementationName(implementation: unknown): string {
  if (typeof implementation === 'string') return implementation;
  const { type, name } = implementation as { type?: unknown; name?: unknown };
  return typeof type === 'string' ? type : typeof name === 'string' && name !== '' ? name : 'inline';
}

/** The machine's named delays that are fixed numbers of ms; read per device, since `provide` may change them. */
export function machineDelays(machine: AnyStateMachine): Record<string, number> {
  const delays: Record<string, number> = {};
  for (const [name, delay] of Object.entries(machine.implementations.delays as Record<string, unknown>)) {
    if (typeof delay === 'number') delays[name] = delay;
  }
  return delays;
}

/** `xstate.after.bootTime.gateway.booting` → `after:bootTime`; an eventless transition's `''` → `always`. */
export function eventName(type: string): string {
  if (type === '') return 'always';
  return type.startsWith('xstate.after.') ? `after:${type.split('.')[2]}` : type;
}

/** Ids of the state nodes a state value names, outermost first; the root is left out. */
export function activeStateIds(graph: MachineGraph, value: StateValue): string[] {
  const ids: string[] = [];
  collectActive(graph, value, ids);
  return ids;
}

function collectActive(node: MachineGraph, value: StateValue, ids: string[]): void {
  const entries = typeof value === 'string' ? [[value, undefined] as const] : Object.entries(value);
  for (const [key, inner] of entries) {
    const child = node.states.find((s) => s.key === key);
    if (child === undefined) continue;
    ids.push(child.id);
    if (inner !== undefined) collectActive(child, inner as StateValue, ids);
  }
}

/** `{ running: 'testMode' }` → `running.testMode`; parallel regions joined by `, `. */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([key, inner]) => (inner === undefined || (typeof inner === 'object' && Object.keys(inner).length === 0) ? key : statePath(inner as StateValue).split(', ').map((p) => `${key}.${p}`).join(', ')))
    .join(', ');
}

/** A transition as it is kept: the values as XState gave them, turned into text only when read. */
interface Slot {
  at: number;
  /** The event's type, or '' for an eventless transition. */
  type: string;
  from: StateValue | null;
  to: StateValue;
}

export const TRANSITIONS_KEPT = 50;

export interface TransitionRecorder {
  /** The `inspect` observer to give `createActor`. */
  observe(event: InspectionEvent): void;
  /** The latest transitions, oldest first. */
  transitions(): MachineTransition[];
}

/**
 * Keeps the latest `capacity` transitions of an actor's own machine (not of actors it spawns)
 * from its `@xstate.microstep` inspection events: one per transition taken, eventless ones
 * included. A microstep that only ran actions (a targetless transition) changes no state and
 * is left out. Once the ring is full its slots are reused, so a busy device allocates nothing.
 */
export function createTransitionRecorder(options: { clock: { now(): number }; capacity?: number }): TransitionRecorder {
  const { clock } = options;
  const capacity = options.capacity ?? TRANSITIONS_KEPT;
  const slots: Slot[] = [];
  let next = 0;
  let last: StateValue | null = null;

  function record(type: string, to: StateValue): void {
    const at = clock.now();
    if (slots.length < capacity) slots.push({ at, type, from: last, to });
    else {
      const slot = slots[next]!;
      slot.at = at;
      slot.type = type;
      slot.from = last;
      slot.to = to;
    }
    next = (next + 1) % capacity;
    last = to;
  }

  return {
    observe(event) {
      if (event.rootId !== event.actorRef.sessionId) return;
      if (event.type === '@xstate.snapshot') {
        last = (event.snapshot as AnyMachineSnapshot).value;
        return;
      }
      if (event.type !== '@xstate.microstep') return;
      const taken = event._transitions.find((t) => t.target !== undefined && t.target.length > 0);
      if (taken === undefined) return;
      record(taken.eventType === '' ? '' : event.event.type, (event.snapshot as AnyMachineSnapshot).value);
    },
    transitions() {
      const ordered = slots.length < capacity ? slots : [...slots.slice(next), ...slots.slice(0, next)];
      return ordered.map((s) => ({ at: s.at, event: eventName(s.type), from: s.from === null ? null : statePath(s.from), to: statePath(s.to) }));
    },
  };
}
