import { z } from 'zod';
import { errorCode, name } from '../../../scenario/fields.ts';
import { defineStep } from '../../../steps/StepKind.ts';
import { expectOutcome } from '../../../steps/outcome.ts';
import { keepToken, keptToken } from '../videoVars.ts';

const account = name.default('default');

/**
 * `- clPortal.createToken: { account: acme, user: alice, as: t1 }` — [CL-8] creates an access
 * token for a user; `as` names it for cl.configure and clPortal.revokeToken.
 */
export const portalCreateToken = defineStep({
  kind: 'clPortal.createToken',
  summary: 'Create an access token for a portal user; `as` names it for later steps.',
  args: z.object({ account, user: z.string().min(1).max(128), as: name, expectError: errorCode.optional() }).strict(),
  async run(world, { account: accountId, user, as, expectError }) {
    const result = await world.server.video.createAccessToken({ accountId, user });
    if (result.ok) {
      keepToken(world, as, { account: accountId, tokenId: result.value.tokenId, secret: result.value.token });
      world.record('portal', `video: access token ${result.value.tokenId} for ${user} (${as})`);
    }
    return expectOutcome(result, expectError, `creating an access token for ${user}`);
  },
});

/** `- clPortal.revokeToken: { token: t1 }` — [CL-8] revokes an access token in the portal. */
export const portalRevokeToken = defineStep({
  kind: 'clPortal.revokeToken',
  summary: 'Revoke an access token made by clPortal.createToken.',
  args: z.object({ token: name, expectError: errorCode.optional() }).strict(),
  async run(world, { token, expectError }) {
    const kept = keptToken(world, token);
    if (!kept.ok) return kept;
    const result = await world.server.video.revokeAccessToken({ accountId: kept.value.account, tokenId: kept.value.tokenId });
    if (result.ok) world.record('portal', `video: revoked access token ${kept.value.tokenId} (${token})`);
    return expectOutcome(result, expectError, `revoking access token ${token}`);
  },
});
