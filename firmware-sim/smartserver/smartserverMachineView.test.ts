import { describe, expect, it } from 'vitest';
import type { MachineGraph } from '../shared/machineInspection.ts';
import { ACTIVATION_TIME_MS } from './smartserverMachine.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

const ids = (node: MachineGraph): string[] => [node.id, ...node.states.flatMap(ids)];

describe('the SmartServer\'s machine view', () => {
  it('[SS-5] draws the license work inside running, and shows an activation claim, wait and install', async () => {
    const rig = createSmartServerRig();
    await rig.boot();
    const { definition } = rig.device.machine!();
    expect(ids(definition)).toEqual([
      'smartserver', 'smartserver.off', 'smartserver.booting', 'smartserver.running',
      'smartserver.running.idle', 'smartserver.running.claiming', 'smartserver.running.activating', 'smartserver.running.transferring',
    ]);
    expect(definition.states[2]).toMatchObject({ type: 'compound', initial: 'smartserver.running.idle' });
    expect(definition.states[2]!.transitions.map((t) => t.event)).toEqual(['POWER_OFF', 'RESET', 'REBOOT', 'EDIT_CUSTOMER_ID', 'SET_DOWNLOAD_LIST']);

    rig.saveCustomerId();
    const started = rig.clock.now();
    await rig.activate([rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 2 })]);
    const view = rig.device.machine!();
    expect(view.current).toEqual(['smartserver.running', 'smartserver.running.idle']);
    expect(view.transitions.slice(-3).map(({ event, from, to }) => ({ event, from, to }))).toEqual([
      { event: 'CLAIM', from: 'running.idle', to: 'running.claiming' },
      { event: 'CLAIMED', from: 'running.claiming', to: 'running.activating' },
      { event: 'after:activationTime', from: 'running.activating', to: 'running.idle' },
    ]);
    expect(view.transitions.at(-1)!.at - started).toBeGreaterThanOrEqual(ACTIVATION_TIME_MS);
  });
});
