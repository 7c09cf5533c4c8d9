import { assign, createActor, type SnapshotFrom } from 'xstate';
import type { Board } from '../../emulator/board/Board.ts';
import { Listeners, type Unsubscribe } from '../../emulator/link/Link.ts';
import type { Failure } from '../../protocol/result.ts';
import type { ApplianceRunState, HistoryEntry } from '../shared/Appliance.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { createNvramStore } from '../shared/nvramStore.ts';
import { createPortalClient } from '../shared/portalClient.ts';
import { AUDIO_FAMILY, type AudioDevice, type AudioState } from './AudioDevice.ts';
import { audioMachine, HEARTBEAT_INTERVAL_MS } from './audioMachine.ts';
import { createAudioService, type AudioCore } from './audioService.ts';
import { audioSettingsSchema, blankAudioSettings } from './audioSettings.ts';

export interface CreateAudioDeviceOptions {
  board: Board;
  /** How long to wait for the service's reply; 30 s by default. */
  replyTimeoutMs?: number;
  /** How often an enrolled device sends a heartbeat; weekly by default. */
  heartbeatIntervalMs?: number;
}

const HISTORY_KEPT = 200;

type Snapshot = SnapshotFrom<typeof audioMachine>;

/**
 * Builds the managed audio device's firmware on a board: the lifecycle machine on the board's
 * clock, the enrolment in NVRAM, and the service client on the board's link. Power and reset
 * reach the machine as events; `start()` powers the board on.
 */
export function createAudioDevice(options: CreateAudioDeviceOptions): AudioDevice {
  const { board } = options;
  const { clock } = board;
  const settings = createNvramStore({ nvram: board.nvram, schema: audioSettingsSchema, blank: blankAudioSettings, what: 'audio device settings' });
  const portal = createPortalClient({
    link: board.link,
    clock,
    random: board.random.fork('audio-portal-requests'),
    deviceId: board.id,
    replyTimeoutMs: options.replyTimeoutMs,
  });
  const listeners = new Listeners<AudioState>();
  const history: HistoryEntry[] = [];
  const subscriptions: Unsubscribe[] = [];
  let started = false;
  let stopped = false;
  let lastPublished = '';
  let lastError: Failure | null = null;
  let lastHeartbeatAt: number | null = null;
  let nvramProblem: string | null = null;

  const machine = audioMachine.provide({
    actions: {
      loadSettings: assign({
        enrollment: () => {
          const loaded = settings.load();
          nvramProblem = loaded.problem ?? null;
          return loaded.value.enrollment;
        },
      }),
      abortPortalRequests: () =>
        portal.abortAll(DeviceErrorCode.NotRunning, `the audio device ${board.id} stopped running (reset or power loss) before the service replied`),
      sendHeartbeat: () => void service.heartbeat(),
    },
    delays: { heartbeatInterval: options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS },
  });

  const actor = createActor(machine, {
    clock,
    inspect: (event) => {
      if (event.type === '@xstate.snapshot') onTransition(event.snapshot as Snapshot, event.event.type);
    },
  });

  const machineSnapshot = () => actor.getSnapshot();
  const runState = (): ApplianceRunState => (stopped ? 'off' : (topLevel(machineSnapshot().value) as ApplianceRunState));
  const isRunning = () => runState() === 'running';

  const core: AudioCore = {
    board,
    portal,
    settings,
    isRunning,
    enrollment: () => machineSnapshot().context.enrollment,
    enrolled: (enrollment) => actor.send({ type: 'ENROLLED', enrollment }),
    unenrolled: () => actor.send({ type: 'UNENROLLED' }),
    outcome(result) {
      lastError = result.ok ? null : result.error;
      publish();
      return result;
    },
    heartbeatAnswered() {
      lastHeartbeatAt = clock.now();
    },
  };
  const service = createAudioService(core);

  function snapshot(): AudioState {
    const enrollment = isRunning() ? core.enrollment() : null;
    return {
      deviceId: board.id,
      family: AUDIO_FAMILY,
      state: runState(),
      hardwareId: board.identity.hardwareId,
      // The device holds no license: the account's Managed Device licenses live in the service.
      licenses: [],
      pendingReset: false,
      enrollment: enrollment === null ? null : { accountId: enrollment.accountId, since: enrollment.since },
      lastError,
      lastHeartbeatAt,
      nvramProblem: isRunning() ? nvramProblem : null,
    };
  }

  function publish(): void {
    const state = snapshot();
    const text = JSON.stringify(state);
    if (text === lastPublished) return;
    lastPublished = text;
    listeners.emit(state);
  }

  function onTransition(next: Snapshot, eventType: string): void {
    const state = topLevel(next.value);
    if (history.at(-1)?.state !== state) {
      const event = describeEvent(eventType);
      history.push(event === undefined ? { at: clock.now(), state } : { at: clock.now(), state, event });
      if (history.length > HISTORY_KEPT) history.shift();
    }
    publish();
  }

  lastPublished = JSON.stringify(snapshot());

  return {
    deviceId: board.id,
    family: AUDIO_FAMILY,
    ...service,
    start() {
      if (started) return;
      started = true;
      actor.start();
      subscriptions.push(
        board.power.onChange((on) => actor.send({ type: on ? 'POWER_ON' : 'POWER_OFF' })),
        board.onReset(() => actor.send({ type: 'RESET' })),
      );
      if (board.power.isOn()) actor.send({ type: 'POWER_ON' });
      else board.power.restore();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
      portal.close();
      actor.stop();
      publish();
    },
    snapshot,
    onChange: (fn) => listeners.add(fn),
    history: () => [...history],
  };
}

function topLevel(value: Snapshot['value']): string {
  return typeof value === 'string' ? value : Object.keys(value)[0]!;
}

/** `xstate.after.bootTime.audio.booting` → `after:bootTime`; the initial event is left out. */
function describeEvent(type: string): string | undefined {
  if (type === 'xstate.init') return undefined;
  return type.startsWith('xstate.after.') ? `after:${type.split('.')[2]}` : type;
}
