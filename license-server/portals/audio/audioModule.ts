import { audioOps } from '../../../protocol/messages/audio.ts';
import { ok, type Result } from '../../core/result.ts';
import { route, type RouteRequest } from '../../http/route.ts';
import { deviceOp } from '../../link/deviceOp.ts';
import { definePortal } from '../PortalModule.ts';
import { createAudioPortal, type AudioPortal } from './AudioPortal.ts';
import type { PortalActor } from './portalUsers.ts';

/** The request header naming the acting portal user (PC-1); see docs/audio.md. */
export const USER_HEADER = 'x-fleetrig-user';

/**
 * The cloud device-management portal (PC-*) under /api/v1/audio, and the managed audio
 * devices' ops over their links. The acting user is the path's account and the USER_HEADER;
 * the role guard runs first, so a user without the role gets 403 whatever the body, and only
 * then does the operation validate its input (400 naming the field).
 */
export const audioModule = definePortal<AudioPortal>({
  name: 'audio',
  create: createAudioPortal,
  routes: [
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
  return route<AudioPortal, T>(method, path, (portal, request) => {
    const { actor, input } = actorAndInput(request);
    return run(portal, actor, input as never);
  }, { ...options, body: 'optional' });
}

function actorAndInput(request: RouteRequest): { actor: PortalActor; input: unknown } {
  const actor = { accountId: request.params.accountId ?? '', user: request.header(USER_HEADER) ?? '' };
  const raw = request.input;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { actor, input: raw };
  const { accountId: _account, ...input } = raw as Record<string, unknown>;
  return { actor, input };
}
