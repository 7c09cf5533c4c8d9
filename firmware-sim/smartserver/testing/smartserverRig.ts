import { createRandom } from '../../../emulator/random/Random.ts';
import { fingerprintOf } from '../../../protocol/codes/requestCode.ts';
import { sealLicenseFile } from '../../../protocol/licenseFile.ts';
import { smartserverOps, type CloudLicense, type SmartServerFeature } from '../../../protocol/messages/smartserver.ts';
import { sealResponseCode, type Grant } from '../../../protocol/responseCode.ts';
import { unwrap } from '../../../protocol/result.ts';
import type { SigningKey } from '../../../protocol/signing/ed25519.ts';
import { createApplianceRig, type RigOptions } from '../../shared/testing/applianceRig.ts';
import { createSmartServer } from '../createSmartServer.ts';
import { ACTIVATION_TIME_MS, BOOT_TIME_MS } from '../smartserverMachine.ts';

export const RIG_CUSTOMER_ID = '2133c667-af41-4518-94df-a2bb3b775330';

/**
 * One SmartServer on an emulated board (FlashNvram, SupplyPower, memory link) in virtual time,
 * with a scripted cloud on the far end of its wire: the starting point of every SmartServer test.
 * The cloud holds licenses per Customer ID, binds them to install codes on `smartserver.activate`, signs
 * a file for each, and takes them back on `smartserver.transfer` — the contract of
 * protocol/messages/smartserver.ts, without a database.
 */
export function createSmartServerRig(options: RigOptions & { firmwareVersion?: string } = {}) {
  const rig = createApplianceRig({
    id: 'ss-001',
    family: 'smartserver',
    seed: options.seed ?? 'smartserver-rig',
    bootTimeMs: BOOT_TIME_MS,
    build: ({ board, vendorKey }) =>
      createSmartServer({ board, vendorPublicKey: vendorKey.publicKey, firmwareVersion: options.firmwareVersion, replyTimeoutMs: options.replyTimeoutMs }),
  });
  const { device, clock } = rig;

  return {
    ...rig,
    portal: scriptSmartServerCloud(rig),
    /** Saves the rig's Customer ID on the server. */
    saveCustomerId(customerId = RIG_CUSTOMER_ID) {
      unwrap(device.accounts.edit(customerId));
      unwrap(device.accounts.save());
    },
    /** Downloads, activates the given licenses, and lets the activation complete. */
    async activate(licenseIds: string[]) {
      unwrap(await device.cloud.download());
      unwrap(await device.cloud.activate(licenseIds));
      await clock.advance(ACTIVATION_TIME_MS);
    },
  };
}

interface Held extends CloudLicense {
  customerId: string;
  boundTo: string | null;
}

/** The SmartServer ops of the rig's portal, with the licenses the cloud holds. */
function scriptSmartServerCloud(rig: ReturnType<typeof createApplianceRig>) {
  const { portal, clock, vendorKey } = rig;
  const licenses = new Map<string, Held>();
  const nonces = createRandom('scripted-cloud-nonces');
  let serial = 0;
  const refusal = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

  portal.answer(smartserverOps.list.op, (request) => {
    const { customerId, installCode } = smartserverOps.list.request.parse(request.body);
    return { ok: true, body: { licenses: [...licenses.values()].filter((l) => l.customerId === customerId && (l.boundTo === null || l.boundTo === installCode)).map(row) } };
  });
  portal.answer(smartserverOps.activate.op, (request) => {
    const { customerId, installCode, licenseIds } = smartserverOps.activate.request.parse(request.body);
    const chosen = licenseIds.map((id) => licenses.get(id));
    const bad = chosen.find((l) => !l || l.customerId !== customerId || (l.boundTo !== null && l.boundTo !== installCode));
    if (bad !== undefined || chosen.includes(undefined)) return refusal('LICENSE_BOUND_ELSEWHERE', `cannot activate ${licenseIds.join(', ')} on ${installCode}`);
    const files = chosen.map((l) => {
      l!.boundTo = installCode;
      l!.segmentController = installCode;
      return sealLicenseFile({
        licenseId: l!.licenseId, hardwareId: installCode, featureCode: l!.featureCode, count: l!.count, start: 0, end: l!.end,
        transactionType: 'New', kind: 'standard', nonce: nonces.hex(8), issuedAt: clock.now(),
      }, vendorKey);
    });
    return { ok: true, body: { files } };
  });
  portal.answer(smartserverOps.transfer.op, (request) => {
    const { installCode } = smartserverOps.transfer.request.parse(request.body);
    const mine = [...licenses.values()].filter((l) => l.boundTo === installCode);
    if (mine.length === 0) return refusal('NOTHING_TO_TRANSFER', `${installCode} holds nothing`);
    for (const l of mine) Object.assign(l, { boundTo: null, transferDate: clock.now() });
    return { ok: true, body: { transferred: mine.map((l) => l.licenseId), transferDate: clock.now() } };
  });

  return Object.assign(portal, {
    licenses,
    /** Holds a new license for the customer in the cloud; returns its ID. */
    add(args: { customerId: string; featureCode: SmartServerFeature; count?: number; end?: number | null }): string {
      const licenseId = `SSL-${++serial}`;
      licenses.set(licenseId, {
        licenseId, featureCode: args.featureCode, count: args.count ?? 1, end: args.end ?? null,
        transferDate: clock.now(), segmentController: null, customerId: args.customerId, boundTo: null,
      });
      return licenseId;
    },
    /** A customer portal's response code for a request, as SS-8 issues it. */
    responseCode(args: { installCode: string; requestNonce: string; grants: Grant[]; family?: string; key?: SigningKey }): string {
      return sealResponseCode({
        family: args.family ?? 'smartserver', fingerprint: fingerprintOf(args.installCode), requestNonce: args.requestNonce, issuedAt: clock.now(), grants: args.grants,
      }, args.key ?? vendorKey);
    },
  });
}

function row(l: Held): CloudLicense {
  return { licenseId: l.licenseId, featureCode: l.featureCode, count: l.count, end: l.end, transferDate: l.transferDate, segmentController: l.segmentController };
}
