import type { AedesOptions, AuthenticateError, AuthErrorCode, Client } from 'aedes';
import type { Clock } from '../emulator/clock/Clock.ts';
import { mayPublish, mayUseClientId, maySubscribe } from './acl.ts';
import type { Credentials, Principal } from './credentials.ts';

/** `packet`: a connection dropped for what it sent on the wire (broker/packetGuard.ts), before or after CONNECT. */
export type RefusalAction = 'connect' | 'publish' | 'subscribe' | 'packet';

/** One refused connect, publish or subscribe: who asked, for what, and why not. */
export interface Refusal {
  readonly clientId: string;
  /** The username the client gave (a device ID or a service name), if any. */
  readonly user: string | undefined;
  readonly topic: string | undefined;
  readonly action: RefusalAction;
  readonly reason: string;
  /** The peer's `host:port`, for refusals of a connection (it may have no client ID yet). */
  readonly address?: string;
  /** Clock reading, when the policy was given a clock. */
  readonly at?: number;
}

export type RefusalLogger = (entry: Refusal) => void;

export interface PolicyOptions {
  readonly credentials: Credentials;
  /** Where refusals go; by default one line each on stderr. */
  readonly log?: RefusalLogger;
  readonly clock?: Clock;
}

/** aedes' hook functions, enforcing fleetrig's credentials and topic ACL. */
export interface Policy {
  readonly authenticate: NonNullable<AedesOptions['authenticate']>;
  readonly authorizePublish: NonNullable<AedesOptions['authorizePublish']>;
  readonly authorizeSubscribe: NonNullable<AedesOptions['authorizeSubscribe']>;
  /** How many connects, publishes and subscribes were refused so far. */
  refusals(): number;
  /** Counts and logs a refusal the broker made outside these hooks (an oversized packet, a late CONNECT). */
  refuse(entry: Omit<Refusal, 'at'>): void;
  principalOf(client: Client): Principal | undefined;
}

// CONNACK return codes, MQTT 3.1.1 table 3.1.
const IDENTIFIER_REJECTED = 2 as AuthErrorCode;
const BAD_USERNAME_OR_PASSWORD = 4 as AuthErrorCode;

export function createPolicy(options: PolicyOptions): Policy {
  const { credentials, clock } = options;
  const log = options.log ?? logToStderr;
  // Per policy, not per module: each broker knows only its own clients.
  const principals = new WeakMap<Client, Principal>();
  let refused = 0;

  function refuse(entry: Omit<Refusal, 'at'>): void {
    refused += 1;
    log(clock === undefined ? entry : { ...entry, at: clock.now() });
  }

  return {
    authenticate(client, username, password, done) {
      const principal = credentials.verify(username, password);
      if (principal === undefined) {
        refuse({ clientId: client.id, user: username, topic: undefined, action: 'connect', reason: 'bad username or password' });
        return done(connectError('bad username or password', BAD_USERNAME_OR_PASSWORD), false);
      }
      const idCheck = mayUseClientId(principal, client.id, credentials);
      if (!idCheck.ok) {
        refuse({ clientId: client.id, user: username, topic: undefined, action: 'connect', reason: idCheck.error.message });
        return done(connectError(idCheck.error.message, IDENTIFIER_REJECTED), false);
      }
      principals.set(client, principal);
      done(null, true);
    },

    // aedes closes the connection on a refused publish; MQTT 3.1.1 has no negative PUBACK
    // [MQTT-3.3.5-2]. The will of a closing client comes through here too.
    authorizePublish(client, packet, done) {
      const principal = client === null ? undefined : principals.get(client);
      const decision = principal === undefined ? undefined : mayPublish(principal, packet.topic);
      if (decision?.ok === true) return done(null);
      const reason = decision === undefined ? 'publisher is not an authenticated client' : decision.error.message;
      refuse({ clientId: client?.id ?? '', user: userOf(principal), topic: packet.topic, action: 'publish', reason });
      done(new Error(`publish to ${JSON.stringify(packet.topic)} refused: ${reason}`));
    },

    // A refused filter is granted QoS 128 (failure) in the SUBACK; the connection stays up
    // [MQTT-3.9.3-2].
    authorizeSubscribe(client, subscription, done) {
      const principal = principals.get(client);
      const decision = principal === undefined ? undefined : maySubscribe(principal, subscription.topic);
      if (decision?.ok === true) return done(null, subscription);
      const reason = decision === undefined ? 'subscriber is not an authenticated client' : decision.error.message;
      refuse({ clientId: client.id, user: userOf(principal), topic: subscription.topic, action: 'subscribe', reason });
      done(null, null);
    },

    refusals: () => refused,
    refuse,
    principalOf: (client) => principals.get(client),
  };
}

/** A refusal as one log line: `broker refused publish: client "d1" user "d1" topic "…": reason`. */
export function formatRefusal(entry: Refusal): string {
  const topic = entry.topic === undefined ? '' : ` topic ${JSON.stringify(entry.topic)}`;
  const address = entry.address === undefined ? '' : ` from ${entry.address}`;
  return `broker refused ${entry.action}: client ${JSON.stringify(entry.clientId)} user ${JSON.stringify(entry.user ?? '')}${address}${topic}: ${entry.reason}`;
}

function logToStderr(entry: Refusal): void {
  process.stderr.write(`${formatRefusal(entry)}\n`);
}

function userOf(principal: Principal | undefined): string | undefined {
  if (principal === undefined) return undefined;
  return principal.kind === 'device' ? principal.deviceId : principal.name;
}

function connectError(message: string, returnCode: AuthErrorCode): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}
