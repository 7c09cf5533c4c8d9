import { audioOps } from '../../../protocol/messages/audio.ts';
import { ServerRole } from '../../auth/ServerRole.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { route, type RouteRequest } from '../../http/route.ts';
import { deviceOp } from '../../link/deviceOp.ts';
import { definePortal } from '../PortalModule.ts';
import { createAudioPortal, type AudioPortal } from './AudioPortal.ts';
import type { PortalActor } from './portalUsers.ts';

/** A Customer token tied to the path's account: the portal's own roles are then its user's. */
const accountUser = { role: ServerRole.Customer, account: 'accountId' };

/**
 * The cloud device-management portal (PC-*) under /api/v1/audio, and the managed audio
 * devices' ops over their links. The acting user is the bearer token's user, in the account
 * the token is tied to (and the path names); the portal's role guard runs first, so a user
 * without the role gets 403 whatever the body, and only then does the operation validate its
 * input (400 naming the field).
 */
export const audioModule = definePortal<AudioPortal>({
  name: 'audio',
  create: createAudioPortal,
  routes: [
    actorRoute('get', '/accounts/:accountId/users', (p, actor) => p.listUsers(actor), { reply: (users) => ({ users }) }),
    actorRoute('put', '/accounts/:accountId/users/:name', (p, actor, input) => p.putUser(actor, input), { reply: (user) => ({ user }) }),
    actorRoute('get', '/accounts/:accountId/licenses', (p, actor) => p.listLicenses(actor), { reply: (licenses) => ({ licenses }) }),
    actorRoute('get', '/accounts/:accountId/licenses/summary', (p, actor) => p.summary(actor), { reply: (summary) => ({ summary }) }),
    actorRoute('post', '/accounts/:accountId/activations', (p, actor, input) => p.activate(actor, input), { status: 201 }),
    actorRoute('post', '/accounts/:accountId/licenses/:licenseId/renewals', (p, actor, input) => p.renew(actor, input), { status: 201 }),
    actorRoute('post', '/accounts/:accountId/provisioning-token', (p, actor) => p.provisioningToken(actor)),
    actorRoute('get', '/accounts/:accountId/devices', (p, actor) => p.listDevices(actor), { reply: (devices) => ({ devices }) }),
  ],
  // Each proof signs the envelope's request ID, so a captured proof cannot be replayed under another.
  deviceOps: [
    deviceOp(audioOps.enroll, async (p: AudioPortal, body, request) => {
      const enrolled = await p.enroll({ ...body, requestId: request.id });
      return enrolled.ok ? ok({ ...enrolled.value }) : enrolled;
    }),
    deviceOp(audioOps.unenroll, async (p: AudioPortal, body, request) => {
      const left = await p.unenroll({ ...body, requestId: request.id });
      return left.ok ? ok({ ...left.value }) : left;
    }),
    deviceOp(audioOps.heartbeat, async (p: AudioPortal, body, request) => {
      const beat = await p.heartbeat({ ...body, requestId: request.id });
      return beat.ok ? ok({ ...beat.value }) : beat;
    }),
  ],
});

/** A route acting as the portal user the request names; the account ID goes to the actor, not the input. */
function actorRoute<T>(
  method: 'get' | 'post' | 'put',
  path: string,
  run: (portal: AudioPortal, actor: PortalActor, input: never) => Promise<Result<T>>,
  options: { reply?: (value: T) => unknown; status?: number } = {},
) {
  // The role check comes before any look at the body, so none is required up front.
  return route<AudioPortal, T>(method, path, async (portal, request) => {
    const acting = actorAndInput(request);
    if (!acting.ok) return acting;
    return run(portal, acting.value.actor, acting.value.input as never);
  }, { ...options, access: accountUser, body: 'optional' });
}

function actorAndInput(request: RouteRequest): Result<{ actor: PortalActor; input: unknown }> {
  const accountId = request.params.accountId ?? '';
  // The route layer let through a token tied to this account, or one tied to none: only the former is a portal user.
  if (request.actor?.accountId !== accountId) {
    return fail('FORBIDDEN', `the device-management portal acts as a user of account ${accountId}: it needs a token minted for that account's user${request.actor ? `, not token ${request.actor.tokenId}, which is tied to no account` : ''}`, 'authorization');
  }
  const actor = { accountId, user: request.actor.user };
  const raw = request.input;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ok({ actor, input: raw });
  const { accountId: _account, ...input } = raw as Record<string, unknown>;
  return ok({ actor, input });
}
