import { describe, expect, it } from 'vitest';
import { createAudioRig } from '../../../../firmware-sim/audio/testing/audioRig.ts';
import { createGatewayRig } from '../../../../firmware-sim/gateway/testing/gatewayRig.ts';
import { createSmartServerRig } from '../../../../firmware-sim/smartserver/testing/smartserverRig.ts';
import { createVideoRig } from '../../../../firmware-sim/video/testing/videoRig.ts';
import { describeDevice, tileState } from './applianceStates.js';

// The pages name states from the snapshots the firmware publishes: checked here against real
// firmware, so a renamed field breaks this test rather than the demo.
describe('tile states of real appliance snapshots', () => {
  it('[GW-9] a gateway: off, booting, unlicensed once running, test mode while it is on', async () => {
    const { device, untilRunning } = createGatewayRig();
    expect(tileState(device.snapshot())).toBe('off');
    device.start();
    expect(tileState(device.snapshot())).toBe('booting');
    await untilRunning();
    expect(tileState(device.snapshot())).toBe('unlicensed');
    device.testMode.on();
    expect(tileState(device.snapshot())).toBe('test-mode');
    expect(describeDevice(device.snapshot())).toBe('gw-001: test mode');
  });

  it('[SS-1][SS-7] a SmartServer: unlicensed from 3.3 on, plain running before, with its field devices in words', async () => {
    const current = createSmartServerRig();
    await current.boot();
    expect(tileState(current.device.snapshot())).toBe('unlicensed');
    expect(describeDevice(current.device.snapshot())).toBe('ss-001: unlicensed; field devices 0 purple (unlicensed), 0 blue (unprovisioned), 0 green (provisioned)');
    const old = createSmartServerRig({ firmwareVersion: '3.2' });
    await old.boot();
    expect(tileState(old.device.snapshot())).toBe('running');
  });

  it('video and audio: unlicensed until a license is in effect or the device is enrolled', async () => {
    const video = createVideoRig();
    await video.boot();
    expect(tileState(video.device.snapshot())).toBe('unlicensed');
    const audio = createAudioRig();
    await audio.boot();
    expect(tileState(audio.device.snapshot())).toBe('unlicensed');
    expect(tileState({ ...audio.device.snapshot(), enrollment: { accountId: 'acme' } } as never)).toBe('licensed');
    const licensed = { ...video.device.snapshot(), licenses: [{ licenseId: 'L-1', featureCode: 'Users', count: 5, status: 'active' }] };
    expect(tileState(licensed)).toBe('licensed');
  });
});
