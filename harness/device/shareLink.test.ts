import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../emulator/link/memoryLinkPair.ts';
import { settle } from '../../emulator/clock/settle.ts';
import { shareLink } from './shareLink.ts';

/** The device's MQTT link (here a memory wire to a fake service) shared with one console or two. */
function rig() {
  const wire = createMemoryLinkPair();
  const shared = shareLink(wire.a);
  const atService: string[] = [];
  wire.b.onFrame((frame) => atService.push(frame));
  const firmwareGot: string[] = [];
  shared.device.onFrame((frame) => firmwareGot.push(frame));
  const consoleLine = () => {
    const line = createMemoryLinkPair();
    const hostGot: string[] = [];
    line.b.onFrame((frame) => hostGot.push(frame));
    return { hostGot, send: (frame: object) => line.b.send(JSON.stringify(frame)), stop: shared.relay(line.a) };
  };
  const reply = (id: string) => wire.b.send(JSON.stringify({ id, ok: true, body: {} }));
  return { shared, atService, firmwareGot, consoleLine, reply };
}
const ids = (frames: string[]) => frames.map((f) => (JSON.parse(f) as { id: string }).id);

describe('shareLink: the firmware and the console on one device link', () => {
  it('gives each reply to the side whose request ID it answers, and nothing to the other', async () => {
    const r = rig();
    const host = r.consoleLine();
    r.shared.device.send(JSON.stringify({ id: 'fw-1', op: 'gateway.download', deviceId: 'gw-x001', body: {} }));
    host.send({ id: 'host-1', op: 'gateway.download', deviceId: 'gw-x001', body: {} });
    await settle();
    expect(ids(r.atService)).toEqual(['fw-1', 'host-1']);
    r.reply('host-1');
    r.reply('fw-1');
    r.reply('stray');
    await settle();
    expect(ids(host.hostGot)).toEqual(['host-1']);
    expect(ids(r.firmwareGot)).toEqual(['fw-1', 'stray']);
  });

  it('refuses on the console an ID the firmware used, or one another session has in flight, with CONFLICT', async () => {
    const r = rig();
    const one = r.consoleLine();
    const two = r.consoleLine();
    r.shared.device.send(JSON.stringify({ id: 'fw-2', op: 'gateway.download', deviceId: 'gw-x001', body: {} }));
    one.send({ id: 'fw-2', op: 'gateway.download', deviceId: 'gw-x001', body: {} });
    one.send({ id: 'h-1', op: 'gateway.download', deviceId: 'gw-x001', body: {} });
    await settle();
    two.send({ id: 'h-1', op: 'gateway.download', deviceId: 'gw-x001', body: {} });
    await settle();
    expect(ids(r.atService)).toEqual(['fw-2', 'h-1']);
    expect(one.hostGot.map((f) => JSON.parse(f))).toEqual([
      { id: 'fw-2', ok: false, error: { code: 'CONFLICT', message: 'request ID fw-2 is taken: the appliance\'s own firmware used it; send a fresh ID' } },
    ]);
    expect(JSON.parse(two.hostGot[0]!)).toMatchObject({ id: 'h-1', error: { code: 'CONFLICT', message: expect.stringContaining('another console session') } });
  });

  it('drops the late reply to a session that has ended, rather than hand it to the firmware', async () => {
    const r = rig();
    const host = r.consoleLine();
    host.send({ id: 'h-2', op: 'gateway.download', deviceId: 'gw-x001', body: {} });
    await settle();
    host.stop();
    r.reply('h-2');
    await settle();
    expect(host.hostGot).toEqual([]);
    expect(r.firmwareGot).toEqual([]);
  });
});
