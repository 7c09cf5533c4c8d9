import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreModule } from '../core/coreModule.ts';
import { portalModules } from '../portals/portalModules.ts';
import type { PortalModule } from '../portals/PortalModule.ts';
import { API_PREFIX } from './createHttpApi.ts';
import { isPublic, needsRole, type RouteAccess } from './RouteAccess.ts';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'http.md');

/** `METHOD path body? access` for every route row of docs/http.md. */
function documented(): string[] {
  const rows = readFileSync(DOC, 'utf8').split('\n').filter((line) => /^\| (GET|POST|PUT|DELETE) \|/.test(line));
  return rows.map((row) => {
    const cells = row.split('|').map((c) => c.trim());
    return `${cells[1]} ${cells[2]!.replace(/`/g, '')}${cells[5] === 'body' ? ' (body)' : ''} ${cells[6]!.replace(/`/g, '')}`;
  });
}

/** How the access column writes a route's access: `public`, `Vendor`, `Customer (accountId)`. */
function accessCell(access: RouteAccess): string {
  if (isPublic(access)) return 'public';
  if (!needsRole(access)) return 'any token';
  return access.account === undefined ? access.role : `${access.role} (${access.account})`;
}

function served(): string[] {
  return ([coreModule, ...portalModules] as PortalModule<unknown>[]).flatMap((m) => (m.routes ?? []).map((r) =>
    `${r.method.toUpperCase()} ${API_PREFIX}${m.mount ?? `/${m.name}`}${r.path}${r.body === 'required' ? ' (body)' : ''} ${accessCell(r.access)}`));
}

describe('docs/http.md', () => {
  it('lists exactly the routes the license server serves, which need a body, and who may call each', () => {
    expect(documented().sort()).toEqual(served().sort());
  });
});
