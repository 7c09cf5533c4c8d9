import { z } from 'zod';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectationFailed } from '../../../steps/outcome.ts';
import { mismatch } from '../../../steps/matchPartial.ts';
import { fingerprintOf } from '../../../../protocol/codes/requestCode.ts';
import type { World } from '../../../runner/World.ts';
import { keptToken } from '../videoVars.ts';
import { account } from './portalArgs.ts';
import { videoModule } from '../../../../license-server/portals/video/videoModule.ts';

const count = z.number().int().min(0);

/**
 * `- video.portal.expect: { account: acme, tokens: { t1: Revoked }, products: { cl-001: { mode: online } } }`
 * — checks the video portal as its pages show it: access tokens by the name given at creation
 * (CL-8), purchased products by device ID (CL-4, CL-5; `false` for "not listed") with their
 * assigned entitlements, and entitlement pools by feature (CL-6).
 */
export const portalExpect = defineStep({
  kind: 'video.portal.expect',
  split: 'portal',
  summary: 'Check the video portal: access tokens (Active/Revoked), purchased products by device, entitlement pools by feature.',
  args: z.object({
    account,
    tokens: z.record(z.string(), z.enum(['Active', 'Revoked'])).optional().describe('Token name → Active or Revoked.'),
    products: z
      .record(
        z.string(),
        z.union([
          z.literal(false),
          z
            .object({
              mode: z.enum(['standard', 'restrictive', 'online']).optional().describe('How the product was added.'),
              name: z.string().nullable().optional().describe('Its Name on the portal.'),
              type: z.string().nullable().optional().describe('Its Type on the portal.'),
              entitlements: z.record(z.string(), count).optional().describe('Feature → count assigned to it.'),
            })
            .strict(),
        ]),
      )
      .optional()
      .describe('Device ID → its purchased product on the portal, or false for none.'),
    entitlements: z
      .record(
        z.string(),
        z
          .object({
            total: count.optional().describe('All the pool holds.'),
            assigned: count.optional().describe('Assigned to products.'),
            available: count.optional().describe('Left to assign.'),
          })
          .strict(),
      )
      .optional()
      .describe('Feature → its entitlement pool.'),
  }).strict(),
  async run(world, { account, ...expected }) {
    const actual = await portalView(world, account, expected);
    if (!actual.ok) return actual;
    const miss = mismatch(stripUndefined(expected), actual.value);
    if (miss !== undefined) {
      return expectationFailed(`video portal, account ${account}: expected ${miss.path} to be ${JSON.stringify(miss.expected)}, found ${JSON.stringify(miss.actual)}`, {
        expected: miss.expected, actual: miss.actual,
      });
    }
    return { ok: true, value: actual.value };
  },
});

type Expected = { tokens?: Record<string, unknown>; products?: Record<string, unknown>; entitlements?: Record<string, unknown> };

/** The portal's pages for the account, keyed the way the expectation names things. */
async function portalView(world: World, accountId: string, expected: Expected) {
  const view: Record<string, Record<string, unknown>> = {};
  if (expected.tokens) {
    const listed = await world.server.portal(videoModule).listAccessTokens({ accountId });
    if (!listed.ok) return listed;
    view.tokens = {};
    for (const tokenName of Object.keys(expected.tokens)) {
      const kept = keptToken(world, tokenName);
      if (!kept.ok) return kept;
      view.tokens[tokenName] = listed.value.find((t) => t.tokenId === kept.value.tokenId)?.status ?? 'not listed';
    }
  }
  if (expected.products) {
    const listed = await world.server.portal(videoModule).listProducts({ accountId });
    if (!listed.ok) return listed;
    view.products = {};
    for (const id of Object.keys(expected.products)) {
      const device = world.members.get(id);
      const productId = device ? fingerprintOf(device.identity.hardwareId) : id;
      const product = listed.value.find((p) => p.productId === productId);
      view.products[id] = product ? { ...product, entitlements: withZeros(product.entitlements) } : false;
    }
  }
  if (expected.entitlements) {
    const listed = await world.server.portal(videoModule).listEntitlements({ accountId });
    if (!listed.ok) return listed;
    view.entitlements = Object.fromEntries(listed.value.map((e) => [e.featureCode, e]));
    for (const feature of Object.keys(expected.entitlements)) view.entitlements[feature] ??= { total: 0, assigned: 0, available: 0 };
  }
  return { ok: true as const, value: view };
}

/** Reads 0 for a feature not assigned, so `entitlements: { CLARITI-USERS: 0 }` means none. */
function withZeros(counts: Record<string, number>): Record<string, number> {
  return new Proxy(counts, { get: (target, key) => (typeof key === 'string' ? target[key] ?? 0 : undefined) });
}

function stripUndefined(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, stripUndefined(v)]));
}
