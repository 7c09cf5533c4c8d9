import type { Clock } from '../../../emulator/clock/Clock.ts';
import type { Link } from '../../../emulator/link/Link.ts';
import { createRandom } from '../../../emulator/random/Random.ts';
import { fingerprintOf } from '../../../protocol/codes/requestCode.ts';
import { parseFrame, requestSchema, type Request } from '../../../protocol/messages/envelope.ts';
import { smartserverOps, type CloudLicense, type SmartServerFeature } from '../../../protocol/messages/smartserver.ts';
import { sealLicenseFile } from '../../../protocol/licenseFile.ts';
import { sealResponseCode, type Grant } from '../../../protocol/responseCode.ts';
import { unwrap } from '../../../protocol/result.ts';
import type { SigningKey } from '../../../protocol/signing/ed25519.ts';

interface Held extends CloudLicense {
  customerId: string;
  boundTo: string | null;
}

/**
 * A scripted SmartServer cloud on the far end of a rig's wire: it holds licenses per Customer
 * ID, binds them to install codes on `ss.activate`, signs a file for each, and takes them back
 * on `ss.transfer` — the contract of protocol/messages/smartserver.ts, without a database.
 */
export function createScriptedCloud(options: { link: Link; clock: Clock; vendorKey: SigningKey }) {
  const { link, clock, vendorKey } = options;
  const licenses = new Map<string, Held>();
  const requests: Request[] = [];
  const nonces = createRandom('scripted-cloud-nonces');
  let silent = false;
  let serial = 0;

  link.onFrame((frame) => {
    const request = unwrap(parseFrame(frame, requestSchema, 'request'));
    requests.push(request);
    if (silent) return;
    const reply = (body: object) => link.send(JSON.stringify({ id: request.id, ok: true, body }));
    const refuse = (code: string, message: string) => link.send(JSON.stringify({ id: request.id, ok: false, error: { code, message } }));
    if (request.op === smartserverOps.list.op) {
      const { customerId, installCode } = smartserverOps.list.request.parse(request.body);
      reply({ licenses: [...licenses.values()].filter((l) => l.customerId === customerId && (l.boundTo === null || l.boundTo === installCode)).map(row) });
    } else if (request.op === smartserverOps.activate.op) {
      const { customerId, installCode, licenseIds } = smartserverOps.activate.request.parse(request.body);
      const chosen = licenseIds.map((id) => licenses.get(id));
      const bad = chosen.find((l) => !l || l.customerId !== customerId || (l.boundTo !== null && l.boundTo !== installCode));
      if (bad !== undefined || chosen.includes(undefined)) return refuse('LICENSE_BOUND_ELSEWHERE', `cannot activate ${licenseIds.join(', ')} on ${installCode}`);
      const files = chosen.map((l) => {
        l!.boundTo = installCode;
        l!.segmentController = installCode;
        return sealLicenseFile({
          licenseId: l!.licenseId, hardwareId: installCode, featureCode: l!.featureCode, count: l!.count, start: 0, end: l!.end,
          transactionType: 'New', kind: 'standard', nonce: nonces.hex(8), issuedAt: clock.now(),
        }, vendorKey);
      });
      reply({ files });
    } else if (request.op === smartserverOps.transfer.op) {
      const { installCode } = smartserverOps.transfer.request.parse(request.body);
      const mine = [...licenses.values()].filter((l) => l.boundTo === installCode);
      if (mine.length === 0) return refuse('NOTHING_TO_TRANSFER', `${installCode} holds nothing`);
      for (const l of mine) Object.assign(l, { boundTo: null, transferDate: clock.now() });
      reply({ transferred: mine.map((l) => l.licenseId), transferDate: clock.now() });
    } else {
      refuse('UNKNOWN_OPERATION', request.op);
    }
  });

  return {
    requests,
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
    /** Stops answering, as a cloud out of reach. */
    setSilent(on: boolean) {
      silent = on;
    },
    /** A customer portal's response code for a request, as SS-8 issues it. */
    responseCode(args: { installCode: string; requestNonce: string; grants: Grant[]; family?: string; key?: SigningKey }): string {
      return sealResponseCode({
        family: args.family ?? 'smartserver', fingerprint: fingerprintOf(args.installCode), requestNonce: args.requestNonce, issuedAt: clock.now(), grants: args.grants,
      }, args.key ?? vendorKey);
    },
  };
}

function row(l: Held): CloudLicense {
  return { licenseId: l.licenseId, featureCode: l.featureCode, count: l.count, end: l.end, transferDate: l.transferDate, segmentController: l.segmentController };
}
