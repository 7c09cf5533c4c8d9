import { unwrap } from '../../../protocol/result.ts';
import { bootHelpers, createTestBoard } from '../../shared/testing/testBoard.ts';
import { createSmartServer } from '../createSmartServer.ts';
import { ACTIVATION_TIME_MS, BOOT_TIME_MS } from '../smartserverMachine.ts';
import { createScriptedCloud } from './scriptedCloud.ts';

export const RIG_CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';

/**
 * One SmartServer on an emulated board (FlashNvram, SupplyPower, memory link) in virtual time,
 * with a scripted cloud on the far end of its wire: the starting point of every SmartServer test.
 */
export function createSmartServerRig(options: { seed?: string; firmwareVersion?: string; replyTimeoutMs?: number } = {}) {
  const { clock, vendorKey, factory, identity, wire, board } = createTestBoard({ id: 'ss-001', family: 'smartserver', seed: options.seed ?? 'smartserver-rig' });
  const server = createSmartServer({ board, vendorPublicKey: vendorKey.publicKey, firmwareVersion: options.firmwareVersion, replyTimeoutMs: options.replyTimeoutMs });
  const cloud = createScriptedCloud({ link: wire.b, clock, vendorKey });

  return {
    clock,
    board,
    server,
    wire,
    cloud,
    vendorKey,
    factory,
    identity,
    ...bootHelpers({ appliance: server, board, clock, bootTimeMs: BOOT_TIME_MS }),
    /** Saves the rig's Customer ID on the server. */
    saveCustomerId(customerId = RIG_CUSTOMER_ID) {
      unwrap(server.accounts.edit(customerId));
      unwrap(server.accounts.save());
    },
    /** Downloads, activates the given licenses, and lets the activation complete. */
    async activate(licenseIds: string[]) {
      unwrap(await server.cloud.download());
      unwrap(await server.cloud.activate(licenseIds));
      await clock.advance(ACTIVATION_TIME_MS);
    },
  };
}
