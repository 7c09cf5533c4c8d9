import { describe, expect, it } from 'vitest';
import { settle } from '../../emulator/clock/settle.ts';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { gateLink } from './gatedLink.ts';

describe('gateLink', () => {
  it('while closed passes nothing either way, counts the losses and reports the link down', async () => {
    const pair = createMemoryLinkPair();
    const gate = gateLink(pair.a);
    const atDevice: string[] = [];
    const atFar: string[] = [];
    const statuses: boolean[] = [];
    gate.link.onFrame((frame) => atDevice.push(frame));
    gate.link.onStatus((up) => statuses.push(up));
    pair.b.onFrame((frame) => atFar.push(frame));
    gate.setUp(false);
    gate.link.send('out while down');
    pair.b.send('in while down');
    await settle();
    expect(gate.link.isUp()).toBe(false);
    expect([atDevice, atFar, gate.dropped()]).toEqual([[], [], 2]);
    gate.setUp(true);
    gate.link.send('out');
    pair.b.send('in');
    await settle();
    expect([atDevice, atFar, statuses]).toEqual([['in'], ['out'], [false, true]]);
  });

  it('follows the inner link too, reporting transitions of the two together only', () => {
    const pair = createMemoryLinkPair();
    const gate = gateLink(pair.a);
    const statuses: boolean[] = [];
    gate.link.onStatus((up) => statuses.push(up));
    pair.setUp(false);
    gate.setUp(false);
    pair.setUp(true);
    expect(gate.link.isUp()).toBe(false);
    gate.setUp(true);
    expect(statuses).toEqual([false, true]);
  });
});
