import type { CoreContext } from '../core/CoreContext.ts';
import type { LinkHandler } from '../link/serveLink.ts';
import type { HttpMethod, RouteRequest } from '../http/route.ts';
import type { RouteAccess } from '../http/RouteAccess.ts';
import type { Result } from '../core/result.ts';
import type { PortalModule } from './PortalModule.ts';

/** A route with its facet bound and its full path under `/api/v1`. */
export interface MountedRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: number;
  readonly body: 'required' | 'optional';
  readonly access: RouteAccess;
  readonly portal: string;
  run(request: RouteRequest): Promise<Result<unknown>>;
}

export interface MountedPortals {
  /** The facet a module built, by module. */
  readonly facets: ReadonlyMap<PortalModule<unknown>, unknown>;
  /** Every device op of every portal, by op name. */
  readonly handlers: Readonly<Record<string, LinkHandler>>;
  readonly routes: readonly MountedRoute[];
}

/**
 * Builds every portal's facet over one core and collects their routes and device ops. Two
 * modules with one name, two handlers for one op, or two routes on one method and path are a
 * wiring mistake: it throws, naming both owners, before anything is served.
 */
export function mountPortals(modules: readonly PortalModule<unknown>[], ctx: CoreContext): MountedPortals {
  const facets = new Map<PortalModule<unknown>, unknown>();
  const names = new Set<string>();
  const handlers: Record<string, LinkHandler> = {};
  const opOwners = new Map<string, string>();
  const routes: MountedRoute[] = [];
  const routeOwners = new Map<string, string>();

  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`portal '${module.name}' is registered twice`);
    names.add(module.name);
    const facet = module.create(ctx);
    facets.set(module, facet);
    for (const op of module.deviceOps ?? []) {
      const owner = opOwners.get(op.op);
      if (owner !== undefined) throw new Error(`device op '${op.op}' of portal '${module.name}' is already answered by portal '${owner}'`);
      opOwners.set(op.op, module.name);
      handlers[op.op] = op.handler(facet);
    }
    const mount = module.mount ?? `/${module.name}`;
    for (const route of module.routes ?? []) {
      const path = `${mount}${route.path}`;
      // Parameter names do not tell routes apart: /a/:x and /a/:y are the same route.
      const key = `${route.method.toUpperCase()} ${path.replace(/:[A-Za-z0-9_]+/g, ':')}`;
      const owner = routeOwners.get(key);
      if (owner !== undefined) throw new Error(`route ${route.method.toUpperCase()} ${path} of portal '${module.name}' is already served by portal '${owner}'`);
      routeOwners.set(key, module.name);
      routes.push({ method: route.method, path, status: route.status, body: route.body, access: route.access, portal: module.name, run: (request) => route.run(facet, request) });
    }
  }
  return { facets, handlers, routes };
}
