import type { Express } from 'express';
import type { Clock } from '../emulator/clock/Clock.ts';
import type { Link } from '../emulator/link/Link.ts';
import type { Random } from '../emulator/random/Random.ts';
import { signingKeyFromSeed } from '../protocol/signing/ed25519.ts';
import { authenticate } from './auth/authenticate.ts';
import { ensureBootstrapToken } from './auth/bootstrapToken.ts';
import { readAuditLog } from './core/auditLog.ts';
import type { Core } from './core/Core.ts';
import type { CoreContext } from './core/CoreContext.ts';
import { coreModule } from './core/coreModule.ts';
import type { AuditEntry } from './core/types.ts';
import { createHttpApi } from './http/createHttpApi.ts';
import type { ServerFaultListener } from './http/jsonErrorHandler.ts';
import { createLinkStats, serveLink, type LinkStats, type ServedLink } from './link/serveLink.ts';
import { mountPortals } from './portals/mountPortals.ts';
import type { PortalModule } from './portals/PortalModule.ts';
import { portalModules } from './portals/portalModules.ts';
import type { Store } from './store/Store.ts';

export type { AuditEntry, License, LicenseView, LicenseStatus } from './core/types.ts';
export type { Core } from './core/Core.ts';
export type { PortalModule } from './portals/PortalModule.ts';

export interface LicenseServerOptions {
  /** Opened by the caller, who also closes it: several servers may share one store. */
  store: Store;
  clock: Clock;
  random: Random;
  /** Verifies device certificates (GW-6). */
  manufacturerPublicKey: string;
  /** The portals served beside the core; every registered one (`portalModules`) unless given. */
  portals?: readonly PortalModule<unknown>[];
  /**
   * Salts the streams that draw record IDs, activation keys, nonces and portal secrets. A
   * server started again on a store an earlier one filled passes a new session, so it never
   * draws what is already there; the vendor key, which devices trust, is not salted.
   */
  session?: string;
  /** Told of every device request answered over a link: its op, and `ok` or the refusal code (metrics). */
  onDeviceRequest?: (op: string, outcome: string) => void;
  /** Told of every HTTP request answered: method, route path as mounted, status (metrics). */
  onHttpRequest?: (method: string, route: string, status: number) => void;
}

/** The vendor license cloud: one core and store, a facet per portal, served over links and HTTP. */
export interface LicenseServer {
  /** Devices verify license files with this. */
  readonly vendorPublicKey: string;
  /**
   * An Administrator bearer token for the HTTP API, drawn from the seeded random and stored
   * hashed: what a client starts with to mint the tokens of its users (`POST /api/v1/tokens`).
   * Revocable like any token. The in-process facets (`core`, `portal()`) need none.
   */
  readonly bootstrapToken: string;
  /** Orders, activation keys, an account's licenses, the audit log: what every portal shares. */
  readonly core: Core;
  /** The facet of a portal this server serves, e.g. `server.portal(gatewayModule).move(…)`. */
  portal<F>(module: PortalModule<F>): F;
  /** Resolves a bearer token's secret to its holder, for routes a service adds beside the API. */
  authenticate(secret: string): ReturnType<typeof authenticate>;
  /** Answers device requests on a link until the returned function is called. */
  serveLink(link: Link): () => void;
  /** Counters over every served link: requests, duplicates answered from cache, bad frames. */
  linkStats(): Readonly<LinkStats>;
  /** An Express app with the core's and every portal's routes under /api/v1; `onFault` hears its 500s, to log them. */
  http(options?: { onFault?: ServerFaultListener }): Express;
  /** The audit log in append order. */
  audit(options?: { afterSeq?: number; limit?: number }): Promise<AuditEntry[]>;
  /** Stops taking frames on every link, answers the requests in flight, then resolves; leaves the store open. */
  close(): Promise<void>;
}

/**
 * Builds the core and every portal over one store. Start-up throws when two portals claim one
 * name, device op or route (mountPortals.ts), so a wiring mistake never reaches a device.
 */
export async function createLicenseServer(options: LicenseServerOptions): Promise<LicenseServer> {
  const { store, clock, random } = options;
  const vendorKey = signingKeyFromSeed(random.fork('vendor').bytes(32));
  const salted = (name: string): string => (options.session === undefined ? name : `${name}#${options.session}`);
  const ctx: CoreContext = {
    store,
    clock,
    ids: random.fork(salted('ids')),
    keys: random.fork(salted('activation-keys')),
    nonces: random.fork(salted('nonces')),
    vendorKey,
    manufacturerPublicKey: options.manufacturerPublicKey,
  };
  const modules = [coreModule, ...(options.portals ?? portalModules)] as readonly PortalModule<unknown>[];
  const mounted = mountPortals(modules, ctx);
  const bootstrapToken = await ensureBootstrapToken(ctx, random.fork('bootstrap-token'));
  const stats = createLinkStats();
  const served = new Set<ServedLink>();

  return {
    vendorPublicKey: vendorKey.publicKey,
    bootstrapToken,
    authenticate: (secret) => authenticate(ctx, secret),
    core: mounted.facets.get(coreModule as PortalModule<unknown>) as Core,
    portal<F>(module: PortalModule<F>): F {
      if (!mounted.facets.has(module as PortalModule<unknown>)) {
        throw new Error(`portal '${module.name}' is not served here (served: ${modules.map((m) => m.name).join(', ')})`);
      }
      return mounted.facets.get(module as PortalModule<unknown>) as F;
    },
    serveLink(link) {
      const servedLink = serveLink({ link, handlers: mounted.handlers, stats, ...(options.onDeviceRequest ? { onAnswered: options.onDeviceRequest } : {}) });
      served.add(servedLink);
      return () => {
        servedLink.stop();
        served.delete(servedLink);
      };
    },
    linkStats: () => ({ ...stats }),
    http: (httpOptions = {}) => createHttpApi({
      routes: mounted.routes,
      ...(httpOptions.onFault ? { onFault: httpOptions.onFault } : {}),
      authenticate: (secret) => authenticate(ctx, secret),
      ...(options.onHttpRequest ? { onAnswered: options.onHttpRequest } : {}),
    }),
    audit: (o = {}) => readAuditLog(ctx, o),
    async close() {
      const links = [...served];
      served.clear();
      for (const link of links) link.stop();
      await Promise.all(links.map((link) => link.idle()));
    },
  };
}
