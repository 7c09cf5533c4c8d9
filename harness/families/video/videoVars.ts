import type { LicenseProductWindow } from '../../../firmware-sim/video/licensesPage.ts';
import { fingerprintOf } from '../../../protocol/codes/requestCode.ts';
import { fail, ok, type Result } from '../../../protocol/result.ts';
import type { World } from '../../runner/World.ts';
import { checkFamilyName } from '../../steps/selectFamily.ts';
import { videoDevices } from './videoDevices.ts';

/**
 * What video steps hand to later ones through `world.vars`, under `video.`-prefixed names: the
 * License Product window a product showed (copied by the person at the portal), the response
 * codes the portal produced, and the access tokens it issued.
 */
const windowKey = (deviceId: string) => `video.window.${deviceId}`;
const responseKey = (name: string) => `video.response.${name}`;
const tokenKey = (name: string) => `video.token.${name}`;

export interface IssuedToken {
  account: string;
  tokenId: string;
  secret: string;
}

export function keepWindow(world: World, deviceId: string, window: LicenseProductWindow): void {
  world.vars.set(windowKey(deviceId), window);
}

export function copiedWindow(world: World, deviceId: string): Result<LicenseProductWindow> {
  const window = world.vars.get(windowKey(deviceId)) as LicenseProductWindow | undefined;
  return window ? ok(window) : fail('NO_REQUEST_CODE', `${deviceId} has shown no request code yet; run video.requestCode on it first`);
}

export function keepResponse(world: World, name: string, code: string): void {
  world.vars.set(responseKey(name), code);
}

export function keptResponse(world: World, name: string): Result<string> {
  const code = world.vars.get(responseKey(name)) as string | undefined;
  return code ? ok(code) : fail('NO_RESPONSE_CODE', `no response code '${name}'; produce it with video.portal.processLicense first`);
}

export function keepToken(world: World, name: string, token: IssuedToken): void {
  world.vars.set(tokenKey(name), token);
}

export function keptToken(world: World, name: string): Result<IssuedToken> {
  const token = world.vars.get(tokenKey(name)) as IssuedToken | undefined;
  return token ? ok(token) : fail('NO_SUCH_TOKEN', `no access token '${name}'; create it with video.portal.createToken first`);
}

/** The one device a portal step names as its product, and its ID in the portal: on a split fleet, wherever it runs. */
export function productOf(world: World, deviceId: string): Result<{ productId: string }> {
  const member = world.members.get(deviceId);
  if (!member) return world.selectMembers(deviceId) as Result<never>;
  const video = checkFamilyName(member.id, member.family, videoDevices);
  if (!video.ok) return video;
  return ok({ productId: fingerprintOf(member.identity.hardwareId) });
}
