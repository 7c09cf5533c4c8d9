import type { Failure } from '../core/result.ts';
import type { Actor } from '../auth/Actor.ts';
import { ServerRole } from '../auth/ServerRole.ts';

/**
 * Who may call a route, declared by every route (docs/http.md, *Authentication*):
 * - `{ role }`: a bearer token holding the role, or Administrator;
 * - `{ role, account }`: the same, and a token tied to an account acts only where the input's
 *   `account` field (a path parameter or a body field) names that account;
 * - `{ anyToken }`: any valid bearer token, whatever its roles; the text says why (a page asking
 *   who is signed in);
 * - `{ public }`: no credential, because the request proves itself (a device certificate and
 *   proof, a product's access token); the text says how, and docs/http.md lists it as public.
 */
export type RouteAccess =
  | { readonly role: ServerRole; readonly account?: string }
  | { readonly anyToken: string }
  | { readonly public: string };

export const isPublic = (access: RouteAccess): access is { readonly public: string } => 'public' in access;
export const needsRole = (access: RouteAccess): access is { readonly role: ServerRole; readonly account?: string } => 'role' in access;

/** FORBIDDEN, naming the role needed, unless the actor holds it or is an Administrator. */
export function roleRefusal(access: { readonly role: ServerRole } | { readonly anyToken: string }, actor: Actor, route: string): Failure | undefined {
  if ('anyToken' in access || actor.roles.includes(access.role) || actor.roles.includes(ServerRole.Administrator)) return undefined;
  return { code: 'FORBIDDEN', message: `${route} needs the ${access.role} role; token ${actor.tokenId} of ${actor.user} has ${actor.roles.join(', ')}`, where: 'authorization' };
}

/**
 * FORBIDDEN when a token tied to an account reaches past it: the route's account field (a path
 * parameter, else the input's field) names another account or none, or the route names no
 * account at all, so it cannot tell.
 */
export function accountRefusal(access: { readonly account?: string } | { readonly anyToken: string }, actor: Actor, request: { input: unknown; params: Readonly<Record<string, string>> }, route: string): Failure | undefined {
  if (actor.accountId === null || 'anyToken' in access) return undefined;
  if (access.account === undefined) {
    return { code: 'FORBIDDEN', message: `${route} acts for no one account, so it needs a token not tied to one; token ${actor.tokenId} is for account ${actor.accountId}`, where: 'authorization' };
  }
  // The path's parameter when it has one, so a body that is not even an object is still placed.
  const { input, params } = request;
  const named = params[access.account] ?? (typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[access.account] : undefined);
  if (named === actor.accountId) return undefined;
  return { code: 'FORBIDDEN', message: `${route} for ${access.account} ${typeof named === 'string' ? named : '(none given)'}: token ${actor.tokenId} acts for account ${actor.accountId} only`, where: access.account };
}
