import type { Identity } from '../../../../emulator/identity/Identity.ts';
import { proofText, signProof } from '../../../../protocol/deviceCertificate.ts';
import { gatewayOps } from '../../../../protocol/messages/gateway.ts';

/** Test helpers for the gateway portal: device requests signed as a gateway's firmware signs them. */

export interface InvalidationRequest {
  hardwareId: string;
  licenseIds: string[];
  certificate: string;
  proof: string;
  requestId: string;
}

/** A GW-6 invalidation request signed by the device, as its firmware would send it. */
export function invalidationRequest(device: Identity, licenseIds: string[], requestId = 'req-1'): InvalidationRequest {
  const proof = signProof(device.deviceKey, proofText(gatewayOps.invalidate.op, requestId, device.hardwareId, licenseIds));
  return { hardwareId: device.hardwareId, licenseIds, certificate: device.certificate, proof, requestId };
}

/** A GW-8 test-license request body signed by the device for request `requestId`. */
export function testLicenseRequest(device: Identity, requestId: string): ProvenRequest {
  return provenRequest(device, gatewayOps.testLicense.op, requestId);
}

/** The body of a device's `gateway.download` with request ID `requestId`. */
export function downloadRequest(device: Identity, requestId: string): ProvenRequest {
  return provenRequest(device, gatewayOps.download.op, requestId);
}

type ProvenRequest = { hardwareId: string; certificate: string; proof: string };

function provenRequest(device: Identity, op: string, requestId: string): ProvenRequest {
  const proof = signProof(device.deviceKey, proofText(op, requestId, device.hardwareId, []));
  return { hardwareId: device.hardwareId, certificate: device.certificate, proof };
}
