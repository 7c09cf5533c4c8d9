import type { ServerRole } from './ServerRole.ts';

/** Who an HTTP request comes from: the holder of the bearer token it carried. */
export interface Actor {
  readonly tokenId: string;
  /** The person or system the token was minted for, e.g. `olive`. */
  readonly user: string;
  readonly roles: readonly ServerRole[];
  /** The one account the token may act for; null: any. */
  readonly accountId: string | null;
}

/** The audit log's name for an actor; `rig` for the trusted in-process caller (harness, tests). */
export const auditActor = (actor: Actor | undefined): string => (actor ? `token:${actor.tokenId}` : 'rig');
