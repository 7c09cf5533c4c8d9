import { createActor, type Actor, type AnyActorRef, type AnyMachineSnapshot, type AnyStateMachine, type InputFrom, type SnapshotFrom, type StateValue } from 'xstate';
import type { Board } from '../../emulator/board/Board.ts';
import { Listeners, type Unsubscribe } from '../../emulator/link/Link.ts';
import type { Appliance, ApplianceRunState, ApplianceState, HistoryEntry } from './Appliance.ts';
import type { PowerEvent } from './powerStates.ts';
import type { PortalClient } from './portalClient.ts';
import { activeStateIds, createTransitionRecorder, eventName, machineDelays, machineGraph } from './machineInspection.ts';

const HISTORY_KEPT = 200;

export interface ApplianceShellOptions<S extends ApplianceState, M extends AnyStateMachine> {
  board: Board;
  family: S['family'];
  /**
   * The family's lifecycle machine, one for the whole family. It runs on the board's clock,
   * takes PowerEvent and has the top-level states of powerStates.ts: off, booting, running.
   */
  machine: M;
  /** The actor's input: what the machine's actions do on this device (its NVRAM, its portal). */
  input?: InputFrom<M>;
  /** The firmware's portal client; closed when the firmware stops. */
  portal: PortalClient;
  /** The device's state as the family shows it; listeners hear of it when its JSON changes. */
  snapshot: () => S;
  /** The name a history entry gives a machine state; its top-level state by default. */
  historyState?: (snapshot: SnapshotFrom<M>) => string;
  /**
   * After every transition, once it is in the history and before it is published; `entered` is
   * the history entry the transition added, if it changed the state the history names.
   */
  onTransition?: (entered: HistoryEntry | undefined) => void;
  /** When the firmware stops, after power and reset are detached and before the portal closes. */
  onStop?: () => void;
}

/** What a family's firmware builds on: the running machine and the Appliance plumbing around it. */
export interface ApplianceShell<S extends ApplianceState, M extends AnyStateMachine> {
  /** The lifecycle machine, on the board's clock; not started until `start()`. */
  readonly actor: Actor<M>;
  /** `off` once stopped for good, else the machine's top-level state. */
  runState(): ApplianceRunState;
  isRunning(): boolean;
  /** Tells listeners the device's state, if it changed since they last heard. */
  publish(): void;
  /**
   * The Appliance members: start, stop, snapshot, onChange, history, machine. Listeners hear
   * of changes from this call on, not of the state they can read at once, so call it last,
   * when the family returns its device.
   */
  appliance(): Appliance<S> & Required<Pick<Appliance<S>, 'machine'>>;
}

/**
 * The Appliance plumbing every family shares. `start()` attaches the board's power and reset
 * lines to the machine as POWER_ON/POWER_OFF and RESET and powers the board on (or restores
 * its power, which boots it); `stop()` detaches them, closes the portal client and halts the
 * machine. Every transition goes into a bounded history and is published to listeners, but
 * only when the state differs from what they last heard; XState's inspection events feed the
 * machine view's ring of the latest transitions (machineInspection.ts).
 */
export function createApplianceShell<S extends ApplianceState, M extends AnyStateMachine>(
  options: ApplianceShellOptions<S, M>,
): ApplianceShell<S, M> {
  const { board, family, portal, snapshot, onTransition, onStop } = options;
  const { clock } = board;
  const historyState = options.historyState ?? ((next: SnapshotFrom<M>) => topLevelState((next as AnyMachineSnapshot).value));
  const listeners = new Listeners<S>();
  const history: HistoryEntry[] = [];
  const subscriptions: Unsubscribe[] = [];
  let started = false;
  let stopped = false;
  let lastPublished = '';
  const recorder = createTransitionRecorder({ clock });

  // createActor cannot tell whether a machine left generic needs input; ApplianceShellOptions types it.
  const actor = createActor(options.machine as AnyStateMachine, {
    clock,
    input: options.input,
    inspect: (event) => {
      recorder.observe(event);
      if (event.type === '@xstate.snapshot') transitioned(event.snapshot as SnapshotFrom<M>, event.event.type);
    },
  }) as Actor<M>;
  const send = (type: PowerEvent['type']) => (actor as AnyActorRef).send({ type });

  const runState = (): ApplianceRunState => (stopped ? 'off' : (topLevelState((actor.getSnapshot() as AnyMachineSnapshot).value) as ApplianceRunState));

  function publish(): void {
    const state = snapshot();
    const text = JSON.stringify(state);
    if (text === lastPublished) return;
    lastPublished = text;
    listeners.emit(state);
  }

  function transitioned(next: SnapshotFrom<M>, eventType: string): void {
    const state = historyState(next);
    let entered: HistoryEntry | undefined;
    if (history.at(-1)?.state !== state) {
      const event = describeEvent(eventType);
      entered = event === undefined ? { at: clock.now(), state } : { at: clock.now(), state, event };
      history.push(entered);
      if (history.length > HISTORY_KEPT) history.shift();
    }
    onTransition?.(entered);
    publish();
  }

  return {
    actor,
    runState,
    isRunning: () => runState() === 'running',
    publish,
    appliance() {
      lastPublished = JSON.stringify(snapshot());
      return {
        deviceId: board.id,
        family,
        start() {
          if (started) return;
          started = true;
          actor.start();
          subscriptions.push(
            board.power.onChange((on) => send(on ? 'POWER_ON' : 'POWER_OFF')),
            board.onReset(() => send('RESET')),
          );
          if (board.power.isOn()) send('POWER_ON');
          else board.power.restore();
        },
        stop() {
          if (stopped) return;
          stopped = true;
          for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
          onStop?.();
          portal.close();
          actor.stop();
          publish();
        },
        snapshot,
        onChange: (fn) => listeners.add(fn),
        history: () => [...history],
        machine() {
          const definition = machineGraph(options.machine);
          const current = activeStateIds(definition, (actor.getSnapshot() as AnyMachineSnapshot).value);
          return { definition, current, transitions: recorder.transitions(), delays: machineDelays(options.machine) };
        },
      };
    },
  };
}

/** `{ running: 'testMode' }` → `running`. */
export function topLevelState(value: StateValue): string {
  return typeof value === 'string' ? value : Object.keys(value)[0]!;
}

/** `xstate.after.bootTime.gateway.booting` → `after:bootTime`; the initial event is left out. */
function describeEvent(type: string): string | undefined {
  return type === 'xstate.init' ? undefined : eventName(type);
}
