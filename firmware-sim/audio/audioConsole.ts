import { isoTime } from '../../emulator/clock/Clock.ts';
import { errorText, resultText, type ConsoleCommands } from '../console/ConsoleCommands.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import type { AudioDevice, AudioState } from './AudioDevice.ts';

/**
 * The managed audio device's serial console commands (docs/serial.md), beside the built-in
 * help, status, reboot and stats: enrolment with the device-management service, which the
 * account's Managed Device licenses bound (PC-7), as an installer does it on the device. Each
 * is a thin line over the AudioDevice API, so the console refuses exactly what the device
 * refuses, with the service's codes.
 */
export function audioConsole(device: AudioDevice): ConsoleCommands {
  return {
    enroll: {
      usage: 'enroll <accountId> <token>',
      summary: 'enrol with an account of the device-management service, with its provisioning token; refused beyond its Managed Device licenses [PC-7]',
      run: async ([accountId, token]) => resultText(await device.enroll({ accountId: accountId!, provisioningToken: token! }), ({ accountId: account, usage }) =>
        `enrolled with ${account}; the account manages ${usage.used} of ${usage.allowed} devices its licenses allow`),
    },
    unenroll: {
      usage: 'unenroll',
      summary: 'leave the account, freeing this device\'s place under its Managed Device licenses [PC-7]',
      run: async () => resultText(await device.unenroll(), ({ accountId }) => `unenrolled from ${accountId}`),
    },
    heartbeat: {
      usage: 'heartbeat',
      summary: 'send a heartbeat to the service now (an enrolled device also sends one every interval) [PC-7]',
      run: async () => resultText(await device.heartbeat(), ({ enrolled }) =>
        `heartbeat answered; the service ${enrolled ? 'counts this device as enrolled' : 'does not count this device as enrolled'}`),
    },
    enrollment: {
      usage: 'enrollment',
      summary: 'the account managing this device, since when, the last heartbeat and the last failure [PC-7]',
      run: () => {
        const state = device.snapshot();
        if (state.state !== 'running') {
          return errorText(DeviceErrorCode.NotRunning, `enrollment: the audio device ${device.deviceId} is not running (it is off or still booting)`);
        }
        return enrollmentText(state);
      },
    },
  };
}

function enrollmentText(state: AudioState): string {
  const { enrollment, lastError, lastHeartbeatAt } = state;
  return table([
    ['hardware ID', state.hardwareId],
    ['account', enrollment === null ? '(not enrolled)' : enrollment.accountId],
    ...(enrollment === null ? [] : [['since', isoTime(enrollment.since)] as const]),
    ['last heartbeat', lastHeartbeatAt === null ? '(none)' : isoTime(lastHeartbeatAt)],
    ['last error', lastError === null ? '(none)' : `${lastError.code}: ${lastError.message}`],
  ]);
}

function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
