import { describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import type { MachineGraph } from '../shared/machineInspection.ts';
import { BOOT_TIME_MS, TEST_MODE_DURATION_MS } from './gatewayMachine.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

const ids = (node: MachineGraph): string[] => [node.id, ...node.states.flatMap(ids)];

describe('the gateway\'s machine view', () => {
  it('[GW-9] draws the gateway\'s states, and shows test mode entered and its 8 hours ending in a reboot', async () => {
    const { clock, device: gateway, boot } = createGatewayRig();
    await boot();
    const booted = gateway.machine!();
    expect(ids(booted.definition)).toEqual(['gateway', 'gateway.off', 'gateway.booting', 'gateway.running', 'gateway.running.normal', 'gateway.running.testMode']);
    expect(booted.current).toEqual(['gateway.running', 'gateway.running.normal']);
    const testMode = booted.definition.states[2]!.states[1]!;
    expect(testMode.transitions).toEqual([
      { event: 'TEST_MODE_OFF', targets: ['gateway.running.normal'], actions: [] },
      { event: 'after:testModeDuration', targets: ['gateway.booting'], delay: 'testModeDuration', actions: [] },
    ]);
    expect(booted.delays).toEqual({ bootTime: BOOT_TIME_MS, testModeDuration: TEST_MODE_DURATION_MS });

    unwrap(gateway.testMode.on());
    expect(gateway.machine!().current).toEqual(['gateway.running', 'gateway.running.testMode']);
    await clock.advance(TEST_MODE_DURATION_MS);
    expect(gateway.machine!().transitions.slice(-2)).toEqual([
      { at: clock.now() - TEST_MODE_DURATION_MS, event: 'TEST_MODE_ON', from: 'running.normal', to: 'running.testMode' },
      { at: clock.now(), event: 'after:testModeDuration', from: 'running.testMode', to: 'booting' },
    ]);
  });
});
