import { z } from 'zod';
import { name as varName } from '../../../scenario/fields.ts';
import { ok } from '../../../../protocol/result.ts';
import { keptToken } from '../videoVars.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { videoDevices } from '../videoDevices.ts';

/**
 * `- video.configure: { devices: cl-001, mode: standard, autoRefresh: true, token: t1 }` — fills in
 * the Licenses page and selects Update Configuration (CL-1, CL-3). `token` names an access
 * token made by video.portal.createToken; `rawToken` types one in as given (a wrong one, say);
 * `name: ''` goes back to the host name.
 */
export const configure = deviceStep({
  family: videoDevices,
  kind: 'video.configure',
  summary: 'Set Name, License mode, automatic refresh and the Access token on the Licenses page, then Update Configuration.',
  args: {
    name: z.string().max(64).optional().describe('[CL-1] The Name; empty goes back to the host name.'),
    mode: z.enum(['standard', 'restrictive']).optional().describe('The License mode: standard connects to the portal, restrictive works by copied codes.'),
    autoRefresh: z.boolean().optional().describe('[CL-3] Refresh the license automatically every day.'),
    token: varName.nullable().optional().describe('The Access token, by the name video.portal.createToken kept it under; null clears it.'),
    rawToken: z.string().min(1).max(256).optional().describe('An Access token typed as text (a wrong one is refused at Update License).'),
  },
  what: (a) => `configure the Licenses page (${Object.keys(a).filter((k) => k !== 'devices' && k !== 'expectError').join(', ')})`,
  run: (product, a, world) => {
    let accessToken: string | null | undefined = a.rawToken;
    if (a.token !== undefined) {
      if (a.token === null) accessToken = null;
      else {
        const token = keptToken(world, a.token);
        if (!token.ok) return token;
        accessToken = token.value.secret;
      }
    }
    const saved = product.licenses.configure({ name: a.name, mode: a.mode, autoRefresh: a.autoRefresh, accessToken });
    return saved.ok ? ok(saved.value.name) : saved;
  },
});
