import { z } from 'zod';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { fail, ok, type Result } from '../../license-server/core/result.ts';
import type { CoreContext } from '../../license-server/core/CoreContext.ts';
import { readStore, runOperation } from '../../license-server/core/runOperation.ts';
import { ServerRole } from '../../license-server/auth/ServerRole.ts';
import { opRoute } from '../../license-server/http/route.ts';
import { deviceOp } from '../../license-server/link/deviceOp.ts';
import { definePortal } from '../../license-server/portals/PortalModule.ts';
import { toyOps } from './toyOps.ts';

export interface ToyGrant {
  hardwareId: string;
  licenseId: string;
}

/** The toy cloud: a lamp gets one light license, once; the portal lists who has one. */
export interface ToyPortal {
  license(input: { hardwareId: string }): Promise<Result<ToyGrant>>;
  grant(input: { hardwareId: string }): Promise<Result<ToyGrant>>;
}

const hardwareInput = z.object({ hardwareId: z.string().min(1).max(128) }).strict();
const KIND = 'toy.grant';

function createToyPortal(ctx: CoreContext): ToyPortal {
  return {
    async license(input) {
      const parsed = parseValue(input, hardwareInput, 'toy license');
      if (!parsed.ok) return parsed;
      const { hardwareId } = parsed.value;
      return runOperation(ctx, { actor: `device:${hardwareId}`, action: 'toy.license', subject: hardwareId }, async ({ tx, now, audit }) => {
        const earlier = await tx.records.get(KIND, hardwareId);
        if (earlier) return ok({ hardwareId, licenseId: String(earlier.data.licenseId) });
        const licenseId = ctx.ids.uuid();
        await tx.records.insert({ kind: KIND, id: hardwareId, accountId: null, data: { licenseId }, updatedAt: now });
        await audit({ licenseId });
        return ok({ hardwareId, licenseId });
      });
    },
    async grant(input) {
      const parsed = parseValue(input, hardwareInput, 'toy grant');
      if (!parsed.ok) return parsed;
      const { hardwareId } = parsed.value;
      const record = await readStore(ctx, (tx) => tx.records.get(KIND, hardwareId));
      return record ? ok({ hardwareId, licenseId: String(record.data.licenseId) }) : fail('NOT_FOUND', `hardware ID ${hardwareId} has no toy license`, 'hardwareId');
    },
  };
}

/** The toy portal: its facet, one HTTP route under /api/v1/toy, one device op. */
export const toyModule = definePortal<ToyPortal>({
  name: 'toy',
  create: createToyPortal,
  routes: [
    opRoute('get', '/devices/:hardwareId/grant', (toy: ToyPortal, input) => toy.grant(input), { access: { role: ServerRole.Customer }, reply: (grant) => ({ grant }) }),
  ],
  deviceOps: [
    deviceOp(toyOps.license, async (toy: ToyPortal, body) => {
      const granted = await toy.license(body);
      return granted.ok ? ok({ licenseId: granted.value.licenseId, featureCode: 'TOY-LIGHT' }) : granted;
    }),
  ],
});
