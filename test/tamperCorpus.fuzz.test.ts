import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../emulator/board/createBoard.ts';
import { DAY } from '../emulator/clock/duration.ts';
import { createSkewedClock } from '../emulator/clock/skewedClock.ts';
import { VirtualClock } from '../emulator/clock/VirtualClock.ts';
import { createFactory, manufacture } from '../emulator/identity/manufacture.ts';
import { createMemoryLinkPair } from '../emulator/link/memoryLinkPair.ts';
import { createRandom } from '../emulator/random/Random.ts';
import { CLOCK_TOLERANCE_MS, createClockGuard } from '../firmware-sim/shared/clockGuard.ts';
import { createGateway } from '../firmware-sim/gateway/createGateway.ts';
import { BOOT_TIME_MS } from '../firmware-sim/gateway/gatewayMachine.ts';
import { timeStatus } from '../firmware-sim/gateway/licenseCounts.ts';
import { createGatewayRig } from '../firmware-sim/gateway/testing/gatewayRig.ts';
import { gatewayModule } from '../license-server/portals/gateway/gatewayModule.ts';
import { downloadRequest, invalidationRequest } from '../license-server/portals/gateway/testing/gatewayPortalRig.ts';
import { createTestServer, type TestServer } from '../license-server/testing/createTestServer.ts';
import { issueCertificate, proofText, signProof, verifyDeviceProof } from '../protocol/deviceCertificate.ts';
import { openLicenseFile, sealLicenseFile, type LicensePayload } from '../protocol/licenseFile.ts';
import { openResponseCode, sealResponseCode } from '../protocol/responseCode.ts';
import { fingerprintOf } from '../protocol/codes/requestCode.ts';
import { unwrap } from '../protocol/result.ts';
import { signingKeyFromSeed } from '../protocol/signing/ed25519.ts';

/**
 * The tamper corpus: what someone holding a device or listening on its network can try, each
 * refused with its stable code and nothing changed — bit flips of license files, response codes
 * and certificates, a wrong signing key, another device's file, a replayed request, an older
 * issuance, a signature made for one kind of message presented as another, and a clock set back.
 */
const T0 = Date.UTC(2026, 0, 1);
const vendorKey = signingKeyFromSeed(createRandom('test-vendor').bytes(32));
const factory = createFactory({ random: createRandom('corpus-factory'), clock: new VirtualClock() });
const device = manufacture(factory, { random: createRandom('corpus-device'), family: 'gateway' });
const other = manufacture(factory, { random: createRandom('corpus-other'), family: 'gateway' });

const payload = (overrides: Partial<LicensePayload> = {}): LicensePayload => ({
  licenseId: 'LIC-1', hardwareId: device.hardwareId, featureCode: 'Mobility', count: 5, start: T0, end: null,
  transactionType: 'New', kind: 'standard', nonce: 'abcdef0123456789', issuedAt: T0, issue: 1, ...overrides,
});
const licenseFile = sealLicenseFile(payload(), vendorKey);
const responseIdentity = 'clariti-core|FR123';
const responseCode = sealResponseCode({ family: 'video', fingerprint: fingerprintOf(responseIdentity), requestNonce: 'ABCDEFGH', issuedAt: T0, grants: [{ licenseId: 'e', featureCode: 'CLARITI-PORTS', count: 8, end: null }] }, vendorKey);

/** The text with one bit of one character flipped; a flip that changes nothing is skipped by the caller. */
function flipBit(text: string, index: number, bit: number): string {
  const i = index % text.length;
  return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << bit)) + text.slice(i + 1);
}
const aFlip = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 }));
const aSeed = fc.uint8Array({ minLength: 32, maxLength: 32 });
const refusedBlob = ['ENVELOPE_MALFORMED', 'SIGNATURE_INVALID'];

describe('tamper corpus', () => {
  it('[TM-2] refuses a license file with any one bit flipped, offline and on the device, which keeps its licenses', async () => {
    const { device: gateway, boot, licenseFile: rigFile } = createGatewayRig({ seed: 'corpus-flips' });
    await boot();
    const genuine = rigFile({ licenseId: 'LIC-KEEP' });
    fc.assert(fc.property(aFlip, ([index, bit]) => {
      const flipped = flipBit(genuine, index, bit);
      fc.pre(flipped.trim() !== genuine);
      const added = gateway.page.add(flipped);
      expect(added.ok).toBe(false);
      if (!added.ok) expect([...refusedBlob, 'BAD_REQUEST']).toContain(added.error.code);
      expect(unwrap(gateway.page.list())).toEqual([]);
    }));
    expect(gateway.page.add(genuine).ok).toBe(true);
  });

  it('[TM-2] refuses a flipped response code and a flipped certificate', () => {
    fc.assert(fc.property(aFlip, ([index, bit]) => {
      const flipped = flipBit(responseCode, index, bit);
      fc.pre(flipped.replace(/\s+/g, '') !== responseCode);
      const opened = openResponseCode(flipped, { vendorPublicKey: vendorKey.publicKey, identity: responseIdentity, requestNonce: 'ABCDEFGH' });
      expect(opened.ok).toBe(false);
    }));
    const text = proofText('gateway.invalidate', 'r1', device.hardwareId, ['LIC-1']);
    const proof = signProof(device.deviceKey, text);
    fc.assert(fc.property(aFlip, ([index, bit]) => {
      const certificate = flipBit(device.certificate, index, bit);
      fc.pre(certificate.trim() !== device.certificate);
      const verified = verifyDeviceProof({ certificate, manufacturerPublicKey: factory.manufacturerPublicKey, hardwareId: device.hardwareId, proof, text });
      expect(verified).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
    }));
  });

  it('[TM-4] refuses files, codes and certificates signed with any key but the right one', () => {
    fc.assert(fc.property(aSeed, (seed) => {
      const wrong = signingKeyFromSeed(seed);
      fc.pre(wrong.publicKey !== vendorKey.publicKey && wrong.publicKey !== factory.manufacturerKey.publicKey);
      expect(openLicenseFile(sealLicenseFile(payload(), wrong), vendorKey.publicKey, device.hardwareId)).toMatchObject({ ok: false, error: { code: 'SIGNATURE_INVALID' } });
      const forged = issueCertificate({ hardwareId: device.hardwareId, serialNumber: device.serialNumber, devicePublicKey: device.deviceKey.publicKey, issuedAt: T0 }, wrong);
      const text = proofText('gateway.download', 'r1', device.hardwareId, []);
      expect(verifyDeviceProof({ certificate: forged, manufacturerPublicKey: factory.manufacturerPublicKey, hardwareId: device.hardwareId, proof: signProof(device.deviceKey, text), text }))
        .toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
      // A proof signed by any key but the certified one.
      expect(verifyDeviceProof({ certificate: device.certificate, manufacturerPublicKey: factory.manufacturerPublicKey, hardwareId: device.hardwareId, proof: signProof(wrong, text), text }))
        .toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    }));
  });

  it('[TM-4] refuses another device\'s genuine file and certificate', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9A-F]{6}$/), (suffix) => {
      const hardwareId = `009033${suffix.toUpperCase()}`;
      fc.pre(hardwareId !== device.hardwareId);
      const file = sealLicenseFile(payload({ hardwareId }), vendorKey);
      expect(openLicenseFile(file, vendorKey.publicKey, device.hardwareId)).toMatchObject({ ok: false, error: { code: 'LICENSE_FOREIGN_HARDWARE' } });
    }), { numRuns: 50 });
    const text = proofText('gateway.download', 'r1', device.hardwareId, []);
    expect(verifyDeviceProof({ certificate: other.certificate, manufacturerPublicKey: factory.manufacturerPublicKey, hardwareId: device.hardwareId, proof: signProof(other.deviceKey, text), text }))
      .toMatchObject({ ok: false, error: { code: 'CERTIFICATE_INVALID' } });
  });

  it('[TM-4] refuses a signature made for one kind of message presented as another', () => {
    const blobs = { LIC1: licenseFile, CRT1: device.certificate, RSP1: responseCode };
    const kinds = Object.keys(blobs) as (keyof typeof blobs)[];
    fc.assert(fc.property(fc.constantFrom(...kinds), fc.constantFrom(...kinds), (from, to) => {
      fc.pre(from !== to);
      const relabelled = blobs[from].replace(/^[A-Z0-9]+\./, `${to}.`);
      const opened = to === 'LIC1'
        ? openLicenseFile(relabelled, vendorKey.publicKey, device.hardwareId)
        : to === 'RSP1'
          ? openResponseCode(relabelled, { vendorPublicKey: vendorKey.publicKey, identity: responseIdentity, requestNonce: 'ABCDEFGH' })
          : verifyDeviceProof({ certificate: relabelled, manufacturerPublicKey: factory.manufacturerPublicKey, hardwareId: device.hardwareId, proof: 'x', text: 'x' });
      expect(opened.ok).toBe(false);
    }), { numRuns: 30 });
    // A device's proof for one op, or for other licenses, does not prove another.
    const ops = ['gateway.download', 'gateway.invalidate', 'gateway.testLicense', 'smartserver.list', 'audio.enroll'];
    fc.assert(fc.property(fc.constantFrom(...ops), fc.constantFrom(...ops), fc.string({ minLength: 1, maxLength: 16 }), (signedFor, presentedAs, requestId) => {
      fc.pre(signedFor !== presentedAs);
      const proof = signProof(device.deviceKey, proofText(signedFor, requestId, device.hardwareId, []));
      expect(verifyDeviceProof({ certificate: device.certificate, manufacturerPublicKey: factory.manufacturerPublicKey, hardwareId: device.hardwareId, proof, text: proofText(presentedAs, requestId, device.hardwareId, []) }))
        .toMatchObject({ ok: false, error: { code: 'PROOF_INVALID' } });
    }), { numRuns: 50 });
  });

  it('[TM-2] refuses every issuance older than the newest seen for a license, whatever the order they arrive in', async () => {
    const { device: gateway, boot, licenseFile: rigFile } = createGatewayRig({ seed: 'corpus-issues' });
    await boot();
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 8 }), async (issues) => {
      const licenseId = `LIC-ORDER-${++n}`;
      let newest = 0;
      for (const issue of issues) {
        const added = gateway.page.add(rigFile({ licenseId, issue }));
        if (issue < newest) {
          expect(added).toMatchObject({ ok: false, error: { code: 'LICENSE_SUPERSEDED' } });
          continue;
        }
        expect(added.ok).toBe(true);
        newest = issue;
        unwrap(gateway.page.delete(licenseId));
      }
    }), { numRuns: 60 });
  });

  describe('at the portal', () => {
    let t: TestServer;
    let ids: string[];
    beforeAll(async () => {
      t = await createTestServer({ seed: 'tamper-corpus' });
      ids = await t.activated('acme', [{ featureCode: 'Port', count: 1 }]);
    });
    afterAll(async () => {
      await t.close();
    });

    it('[TM-3] refuses any signed request sent a second time, whatever changed between', async () => {
      const gw = t.device('replayer');
      const portal = t.server.portal(gatewayModule);
      const used = new Set<string>();
      await fc.assert(fc.asyncProperty(fc.stringMatching(/^[a-z0-9-]{1,64}$/), fc.boolean(), async (requestId, rebind) => {
        fc.pre(!used.has(requestId));
        used.add(requestId);
        unwrap(await portal.bind({ licenseId: ids[0]!, hardwareId: gw.hardwareId }));
        const request = invalidationRequest(gw, [ids[0]!], requestId);
        expect(await portal.invalidate(request)).toEqual({ ok: true, value: [ids[0]] });
        if (rebind) unwrap(await portal.bind({ licenseId: ids[0]!, hardwareId: gw.hardwareId }));
        expect(await portal.invalidate(request)).toMatchObject({ ok: false, error: { code: 'REQUEST_REPLAYED' } });
        // The same request ID under another op's proof is used up too: IDs are per device, not per op.
        expect(await portal.downloadToDevice({ ...downloadRequest(gw, requestId), requestId })).toMatchObject({ ok: false, error: { code: 'REQUEST_REPLAYED' } });
        if (!rebind) return;
        const bound = unwrap(await portal.filesForDevice({ hardwareId: gw.hardwareId }));
        expect(bound).toHaveLength(1);
        unwrap(await portal.invalidate(invalidationRequest(gw, [ids[0]!], `${requestId}-undo`.slice(-64))));
      }), { numRuns: 40 });
    });
  });

  it('[TM-1] flags a clock exactly when it reads earlier than the latest time seen, beyond the tolerance', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -60 * DAY, max: 60 * DAY }), { minLength: 1, maxLength: 20 }), (skews) => {
      const clock = createSkewedClock(new VirtualClock());
      const guard = createClockGuard(clock);
      let latest = clock.now();
      guard.read();
      for (const by of skews) {
        clock.skew(by);
        const reading = guard.read();
        expect(reading.tampered !== null).toBe(reading.now < latest - CLOCK_TOLERANCE_MS);
        if (reading.tampered === null) latest = Math.max(latest, reading.now);
      }
    }));
  });

  it('[TM-1] never shows an expired license active again after the clock is set back, with or without a reboot', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 120 }), fc.boolean(), async (termDays, backDays, reboot) => {
      const base = new VirtualClock();
      const clock = createSkewedClock(base);
      const identity = manufacture(createFactory({ random: createRandom('corpus-clock-factory'), clock }), { random: createRandom('corpus-clock'), family: 'gateway' });
      const board = createBoard({ id: 'gw-clock', clock, random: createRandom('corpus-clock-board'), identity, link: createMemoryLinkPair().a });
      const gateway = createGateway({ board, vendorPublicKey: vendorKey.publicKey });
      gateway.start();
      expect(await base.advanceUntil(() => gateway.snapshot().state === 'running', BOOT_TIME_MS * 2)).toBe(true);
      const start = clock.now();
      const file = sealLicenseFile(payload({ hardwareId: identity.hardwareId, kind: 'test', transactionType: 'Trial', start, end: start + termDays * DAY, issuedAt: start }), vendorKey);
      unwrap(gateway.page.add(file));
      board.reset();
      expect(await base.advanceUntil(() => gateway.snapshot().state === 'running', BOOT_TIME_MS * 2)).toBe(true);
      await base.advance((termDays + 1) * DAY);
      expect(gateway.snapshot().licenses.map((l) => l.status)).toEqual(['expired']);
      clock.skew(-backDays * DAY);
      if (reboot) {
        board.reset();
        expect(await base.advanceUntil(() => gateway.snapshot().state === 'running', BOOT_TIME_MS * 2)).toBe(true);
      }
      const [license] = gateway.snapshot().licenses;
      expect(license!.status).not.toBe('active');
      expect(timeStatus(payload({ end: start + termDays * DAY }), clock.now(), gateway.snapshot().clockTampered !== null)).not.toBe('active');
      gateway.stop();
    }), { numRuns: 40 });
  });
});
