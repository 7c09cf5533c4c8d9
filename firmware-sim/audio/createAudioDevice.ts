import type { Board } from '../../emulator/board/Board.ts';
import type { Failure } from '../../protocol/result.ts';
import { createApplianceShell } from '../shared/applianceShell.ts';
import { machineWithDelay } from '../shared/machineWithDelay.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { createBoardPortalClient } from '../shared/portalClient.ts';
import { createSettingsStore } from '../shared/settingsStore.ts';
import { AUDIO_FAMILY, type AudioDevice, type AudioState } from './AudioDevice.ts';
import type { AudioCore } from './AudioCore.ts';
import { audioImageSchema, blankAudioImage } from './audioImage.ts';
import { audioMachine, HEARTBEAT_INTERVAL_MS, type AudioFirmware } from './audioMachine.ts';
import { createAudioService } from './audioService.ts';

export interface CreateAudioDeviceOptions {
  board: Board;
  /** How long to wait for the service's reply; 30 s by default. */
  replyTimeoutMs?: number;
  /** How often an enrolled device sends a heartbeat; weekly by default. */
  heartbeatIntervalMs?: number;
}

/**
 * Builds the managed audio device's firmware on a board: the lifecycle machine on the board's
 * clock, the enrolment in NVRAM, and the service client on the board's link. Power and reset
 * reach the machine as events; `start()` powers the board on.
 */
export function createAudioDevice(options: CreateAudioDeviceOptions): AudioDevice {
  const { board } = options;
  const { clock } = board;
  const settings = createSettingsStore({ nvram: board.nvram, schema: audioImageSchema, blank: blankAudioImage, what: 'audio device settings' });
  const portal = createBoardPortalClient({ board, requestIds: 'audio-portal-requests', replyTimeoutMs: options.replyTimeoutMs });
  let lastError: Failure | null = null;
  let lastHeartbeatAt: number | null = null;

  const firmware: AudioFirmware = {
    loadSettings() {
      settings.load();
      return settings.image().enrollment;
    },
    abortPortalRequests: () =>
      portal.abortAll(DeviceErrorCode.NotRunning, `the audio device ${board.id} stopped running (reset or power loss) before the service replied`),
    sendHeartbeat: () => void service.heartbeat(),
  };

  const machine = machineWithDelay(audioMachine, 'heartbeatInterval', options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS);
  const shell = createApplianceShell({ board, family: AUDIO_FAMILY, machine, input: firmware, portal, snapshot });
  const { actor, isRunning } = shell;

  const core: AudioCore = {
    board,
    productName: 'audio device',
    settings,
    portal,
    isRunning,
    changed: () => shell.publish(),
    enrollment: () => actor.getSnapshot().context.enrollment,
    enrolled: (enrollment) => actor.send({ type: 'ENROLLED', enrollment }),
    unenrolled: () => actor.send({ type: 'UNENROLLED' }),
    outcome(result) {
      lastError = result.ok ? null : result.error;
      core.changed();
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
      state: shell.runState(),
      hardwareId: board.identity.hardwareId,
      // The device holds no license: the account's Managed Device licenses live in the service.
      licenses: [],
      enrollment: enrollment === null ? null : { accountId: enrollment.accountId, since: enrollment.since },
      lastError,
      lastHeartbeatAt,
      nvramProblem: isRunning() ? (settings.loadProblem() ?? null) : null,
    };
  }

  return {
    ...shell.appliance(),
    ...service,
  };
}
