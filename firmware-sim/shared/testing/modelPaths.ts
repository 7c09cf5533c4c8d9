import type { ActorLogic, AnyMachineSnapshot, AnyStateMachine, EventFromLogic, EventObject, Snapshot } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths, serializeSnapshot, type StatePath } from 'xstate/graph';

/**
 * The paths a model-based test walks, from the machine's initial state over the events the
 * test chose: every simple path (no state twice), and for every transition, and every two
 * transitions in a row, the shortest path to the first one's source followed by them — simple
 * paths alone never take a transition back to a state already on the path (a reboot, test
 * mode's end), which is where the bugs hide. xstate/graph's
 * createTestModel refuses machines with `after` transitions, so the paths come from the graph
 * functions, with each delay an event of its own (`afterEvent`) that the test turns into
 * advancing the clock.
 *
 * Only events a machine snapshot `can` take are offered, so a path never holds a step that changes
 * nothing; `limit` bounds the traversal, so a machine grown too large fails fast (xstate/graph
 * throws "Traversal limit exceeded") instead of running for minutes.
 */
export function modelPaths<TSnapshot extends Snapshot<unknown>, TEvent extends EventObject, TInput>(
  logic: ActorLogic<TSnapshot, TEvent, TInput>,
  options: {
    /** The actor's input, for a machine that takes one (its firmware). */
    input?: TInput;
    /** The events to try, with representative payloads; a function gives each state its own. */
    events: readonly TEvent[] | ((snapshot: TSnapshot) => readonly TEvent[]);
    /** Tells states apart; a machine snapshot's value and context by default. */
    serialize?: (snapshot: TSnapshot) => string;
    limit?: number;
  },
): StatePath<TSnapshot, TEvent>[] {
  type Path = StatePath<TSnapshot, TEvent>;
  const { events, input, limit = 10_000 } = options;
  const serialize = options.serialize ?? ((snapshot: TSnapshot) => serializeSnapshot(snapshot as AnyMachineSnapshot));
  const offered = typeof events === 'function' ? events : () => events;
  const enabled = (snapshot: TSnapshot, event: TEvent) => !isMachineSnapshot(snapshot) || snapshot.can(event);
  const traversal = { events: (snapshot: TSnapshot) => offered(snapshot).filter((event) => enabled(snapshot, event)), serializeState: serialize, limit, input };
  const simple: Path[] = getSimplePaths(logic, traversal);
  const adjacency = getAdjacencyMap(logic, traversal);
  const extend = (path: Path): Path[] =>
    Object.values(adjacency[serialize(path.state) as keyof typeof adjacency]?.transitions ?? {}).map(({ event, state }) => ({ state, steps: [...path.steps, { event, state }], weight: path.weight + 1 }));
  // Transition coverage and transition-pair coverage: each transition, and each two in a row.
  const throughEveryTransition = getShortestPaths(logic, traversal).flatMap(extend);
  const throughEveryPair = throughEveryTransition.flatMap(extend);
  const seen = new Set<string>();
  return [...simple, ...throughEveryTransition, ...throughEveryPair].filter((path) => {
    const key = describePath(path.steps);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

function isMachineSnapshot(snapshot: unknown): snapshot is AnyMachineSnapshot {
  return typeof (snapshot as Partial<AnyMachineSnapshot>).can === 'function';
}

/** The event XState sends itself when `delay` (a name from `setup({ delays })`) elapses in the state with ID `stateId`. */
export function afterEvent<M extends AnyStateMachine>(machine: M, delay: string, stateId: string): EventFromLogic<M> {
  const type = `xstate.after.${delay}.${stateId}`;
  if (!machine.events.includes(type)) throw new Error(`${machine.id} has no delayed transition ${type}; it has ${machine.events.join(', ')}`);
  return { type } as EventFromLogic<M>;
}

/** A path as a test failure names it: its events, payloads included. */
export function describePath(steps: readonly { event: { type: string } }[]): string {
  return steps.map(({ event: { type, ...payload } }) => (Object.keys(payload).length ? `${type} ${JSON.stringify(payload)}` : type)).join(' → ');
}
