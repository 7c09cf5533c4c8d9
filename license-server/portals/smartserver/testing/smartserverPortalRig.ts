import { unwrap } from '../../../../protocol/result.ts';
import { proofText, signProof } from '../../../../protocol/deviceCertificate.ts';
import { SS_CAPACITY, SS_MAINTENANCE, smartserverProofSubject, type SmartServerOp } from '../../../../protocol/messages/smartserver.ts';
import { createTestServer, type TestServer } from '../../../testing/createTestServer.ts';
import type { Store } from '../../../store/Store.ts';
import { smartserverModule } from '../smartserverModule.ts';

/**
 * A license server with a partner that has bought SmartServer licenses (`capacity` licenses
 * of 100 devices, `maintenance` one-year licenses) and one customer they are assigned to.
 */
export async function smartserverPortalRig(options: { capacity?: number; maintenance?: number; store?: Store } = {}) {
  const t: TestServer = await createTestServer(options.store ? { store: options.store } : {});
  const portal = t.server.portal(smartserverModule);
  const items = [
    ...Array.from({ length: options.capacity ?? 3 }, () => ({ featureCode: SS_CAPACITY, count: 100 })),
    ...Array.from({ length: options.maintenance ?? 1 }, () => ({ featureCode: SS_MAINTENANCE, count: 1, termDays: 365 })),
  ];
  const licenseIds = await t.activated('partner', items);
  const customer = unwrap(await portal.createCustomer({ partnerAccountId: 'partner', name: 'Harbour Tower' }));
  unwrap(await portal.assignLicenses({ partnerAccountId: 'partner', customerId: customer.customerId, licenseIds }));
  /** A SmartServer's install code, the same per name. */
  const installCode = (name: string): string => t.device(name).installCode;
  /**
   * A `smartserver.*` body as the server `name` sends it for request `requestId`: its own install code
   * unless `fields` names another, its certificate, and its proof over what the body asks.
   */
  const serverBody = <F extends Record<string, unknown> = Record<never, never>>(args: { server: string; op: SmartServerOp; requestId: string; fields?: F }) => {
    const device = t.device(args.server);
    const body = { installCode: device.installCode, ...(args.fields ?? {}) } as { installCode: string } & F;
    const subject = smartserverProofSubject(args.op, body as Parameters<typeof smartserverProofSubject>[1]);
    const proof = signProof(device.deviceKey, proofText(args.op, args.requestId, device.hardwareId, subject));
    return { ...body, hardwareId: device.hardwareId, certificate: device.certificate, proof };
  };
  return { t, portal, customerId: customer.customerId, licenseIds, installCode, serverBody };
}
