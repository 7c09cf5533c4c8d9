import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApplianceConsole } from '../console/testing/applianceConsole.ts';
import type { MockTerminal } from '../console/testing/mockTerminal.ts';
import { smartserverConsole } from './smartserverConsole.ts';
import { ACTIVATION_TIME_MS } from './smartserverMachine.ts';
import { createSmartServerRig, RIG_CUSTOMER_ID } from './testing/smartserverRig.ts';

describe('SmartServer serial console', () => {
  let rig: ReturnType<typeof createSmartServerRig>;
  let term: MockTerminal;
  let close: () => Promise<void>;

  beforeEach(async () => {
    rig = createSmartServerRig();
    ({ term, close } = await openApplianceConsole({ appliance: rig.device, board: rig.board, commands: smartserverConsole(rig.device) }));
    await rig.boot();
  });
  afterEach(() => close());

  it('[SS-3] shows the account and saves or discards a typed Customer ID', async () => {
    expect(await term.command('account')).toBe(`segment controller  ss-001\ninstall code        ${rig.identity.installCode}\ncustomer ID         (none saved)`);
    expect(await term.command('customerid not-a-uuid')).toBe('customer ID not-a-uuid typed; save or discard');
    expect(await term.command('save')).toMatch(/^error BAD_REQUEST: Customer ID 'not-a-uuid' is not a UUID/);
    expect(await term.command('discard')).toBe('discarded; customer ID (none saved)');
    await term.command(`customerid ${RIG_CUSTOMER_ID}`);
    expect(await term.command('save')).toBe(`customer ID ${RIG_CUSTOMER_ID} saved`);
  });

  it('[SS-4] [SS-5] [SS-6] [SS-7] downloads, activates, provisions and transfers to the cloud', async () => {
    rig.saveCustomerId();
    const cap = rig.portal.add({ customerId: RIG_CUSTOMER_ID, featureCode: 'SS-CAPACITY', count: 2 });
    expect(await term.command('download')).toBe(`${cap}  Device capacity: 2  transferred 2026-01-01  segment controller -`);
    expect(await term.command('activate all')).toBe(`activating ${cap}; done at 2026-01-01T00:02:45.000Z`);
    expect(await term.command('transfer confirm')).toMatch(/^error ACTIVATION_IN_PROGRESS: /);
    await rig.clock.advance(ACTIVATION_TIME_MS);
    expect(await term.command('licenses')).toBe(`${cap}  Device capacity: 2  active  online`);
    expect(await term.command('adddevices bacnet 3')).toBe('added 3 BACnet device(s): bacnet-001 … bacnet-003');
    expect(await term.command('provision all')).toBe('provisioned 2; refused 1: device capacity used up');
    expect(await term.command('devices')).toBe('unlicensed 0  unprovisioned 1  provisioned 2  total 3');
    expect(await term.command('provision bacnet-003')).toMatch(/^error LICENSE_LIMIT: /);
    expect(await term.command('transfer')).toMatch(/^error CONFIRMATION_REQUIRED: /);
    expect(await term.command('transfer confirm')).toBe(`transferred ${cap} to the cloud at 2026-01-01T00:02:45.000Z; field devices are unlicensed until a new license is activated`);
    expect(await term.command('devices list')).toBe('bacnet-001 BACnet unlicensed\nbacnet-002 BACnet unlicensed\nbacnet-003 BACnet unlicensed');
    expect(await term.command('transfer confirm')).toMatch(/^error NOTHING_TO_TRANSFER: /);
  });

  it('[SS-8] shows a request code and refuses a response code that is not genuine', async () => {
    const answer = await term.command('request');
    expect(answer).toMatch(new RegExp(`^request code  [0-9A-Z-]{26}\ninstall code  ${rig.identity.installCode}$`));
    expect(await term.command('response RSP1.garbage.x')).toMatch(/^error (ENVELOPE_MALFORMED|SIGNATURE_INVALID): /);
  });

  it('[SS-1] tells the firmware and refuses bad arguments with their usage', async () => {
    expect(await term.command('firmware')).toBe('firmware 4.0; license management required (3.3 and later)');
    expect(await term.command('firmware 4.1')).toMatch(/^error MAINTENANCE_REQUIRED: /);
    expect(await term.command('adddevices knx 3')).toBe("error BAD_REQUEST: no field protocol 'knx'; one of LON, BACnet, Modbus");
    expect(await term.command('adddevices lon many')).toMatch(/^error BAD_REQUEST: /);
    expect(await term.command('devices everything')).toBe("error USAGE: devices takes only the word list, not 'everything'");
    expect(await term.command('activate')).toBe('error USAGE: usage: activate <licenseId>...');
  });
});
