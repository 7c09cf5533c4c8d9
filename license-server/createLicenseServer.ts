import type { Express } from 'express';
import type { Clock } from '../emulator/clock/Clock.ts';
import type { Link } from '../emulator/link/Link.ts';
import type { Random } from '../emulator/random/Random.ts';
import { signingKeyFromSeed } from '../protocol/signing/ed25519.ts';
import { readAuditLog } from './core/auditLog.ts';
import type { CoreContext } from './core/CoreContext.ts';
import type { AuditEntry } from './core/types.ts';
import { createHttpApi } from './http/createHttpApi.ts';
import { gatewayLinkHandlers } from './link/gatewayLinkHandlers.ts';
import { devicemgmtLinkHandlers } from './link/devicemgmtLinkHandlers.ts';
import { smartserverLinkHandlers } from './link/smartserverLinkHandlers.ts';
import { videoLinkHandlers } from './link/videoLinkHandlers.ts';
import { createLinkStats, serveLink, type LinkStats, type ServedLink } from './link/serveLink.ts';
import { createGatewayPortal, type GatewayPortal } from './portals/gateway/GatewayPortal.ts';
import { createDevicemgmtPortal, type DevicemgmtPortal } from './portals/devicemgmt/DevicemgmtPortal.ts';
import { createSmartServerPortal, type SmartServerPortal } from './portals/smartserver/SmartServerPortal.ts';
import { createVideoPortal, type VideoPortal } from './portals/video/VideoPortal.ts';
import type { Store } from './store/Store.ts';

export type { GatewayPortal } from './portals/gateway/GatewayPortal.ts';
export type { DevicemgmtPortal } from './portals/devicemgmt/DevicemgmtPortal.ts';
export type { SmartServerPortal } from './portals/smartserver/SmartServerPortal.ts';
export type { VideoPortal } from './portals/video/VideoPortal.ts';
export type { AuditEntry, License, LicenseView, LicenseStatus } from './core/types.ts';

export interface LicenseServerOptions {
  /** Opened by the caller, who also closes it: several servers may share one store. */
  store: Store;
  clock: Clock;
  random: Random;
  /** Verifies device certificates (GW-6). */
  manufacturerPublicKey: string;
}

/** The vendor license cloud: one core and store, a facet per portal, served over links and HTTP. */
export interface LicenseServer {
  /** Devices verify license files with this. */
  readonly vendorPublicKey: string;
  readonly gateway: GatewayPortal;
  /** PC-*: the cloud device-management portal (users and roles, Managed Device licenses, enrolled devices). */
  readonly devicemgmt: DevicemgmtPortal;
  /** SS-*: the SmartServer partner and customer portals and the servers' cloud operations. */
  readonly smartserver: SmartServerPortal;
  /** CL-*: the video platform's portal (purchased products, entitlements, access tokens). */
  readonly video: VideoPortal;
  /** Answers device requests on a link until the returned function is called. */
  serveLink(link: Link): () => void;
  /** Counters over every served link: requests, duplicates answered from cache, bad frames. */
  linkStats(): Readonly<LinkStats>;
  /** An Express app with the portal API under /api/v1. */
  http(): Express;
  /** The audit log in append order. */
  audit(options?: { afterSeq?: number; limit?: number }): Promise<AuditEntry[]>;
  /** Stops taking frames on every link, answers the requests in flight, then resolves; leaves the store open. */
  close(): Promise<void>;
}

export async function createLicenseServer(options: LicenseServerOptions): Promise<LicenseServer> {
  const { store, clock, random } = options;
  const vendorKey = signingKeyFromSeed(random.fork('vendor').bytes(32));
  const ctx: CoreContext = {
    store,
    clock,
    ids: random.fork('ids'),
    keys: random.fork('activation-keys'),
    nonces: random.fork('nonces'),
    vendorKey,
    manufacturerPublicKey: options.manufacturerPublicKey,
  };
  const gateway = createGatewayPortal(ctx);
  const devicemgmt = createDevicemgmtPortal(ctx);
  const smartserver = createSmartServerPortal(ctx);
  const video = createVideoPortal(ctx);
  const handlers = { ...gatewayLinkHandlers(gateway), ...devicemgmtLinkHandlers(devicemgmt), ...smartserverLinkHandlers(smartserver), ...videoLinkHandlers(video) };
  const stats = createLinkStats();
  const served = new Set<ServedLink>();
  const readAudit = (o: { afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> => readAuditLog(ctx, o);

  return {
    vendorPublicKey: vendorKey.publicKey,
    gateway,
    devicemgmt,
    smartserver,
    video,
    serveLink(link) {
      const servedLink = serveLink({ link, handlers, stats });
      served.add(servedLink);
      return () => {
        servedLink.stop();
        served.delete(servedLink);
      };
    },
    linkStats: () => ({ ...stats }),
    http: () => createHttpApi({ gateway, devicemgmt, smartserver, video, readAudit }),
    audit: readAudit,
    async close() {
      const links = [...served];
      served.clear();
      for (const link of links) link.stop();
      await Promise.all(links.map((link) => link.idle()));
    },
  };
}
