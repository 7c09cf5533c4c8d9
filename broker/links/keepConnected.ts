import type { MqttClient } from 'mqtt';
import type { Clock, TimerId } from '../../emulator/clock/Clock.ts';
import { backoffDelay, DEFAULT_RECONNECT_POLICY, type ReconnectPolicy } from './reconnectPolicy.ts';

export interface KeepConnectedOptions {
  /** Connected with mqtt.js' own reconnect off (connectMqtt's default): this takes its place. */
  readonly client: MqttClient;
  /** Times the attempts: the wall clock for a real broker, whatever clock the run is on. */
  readonly clock: Clock;
  readonly policy?: ReconnectPolicy;
}

export interface KeptConnection {
  /** Failed attempts since the connection was last up; 0 while it is. */
  attempts(): number;
  /** Stops reconnecting (before the owner ends the client); safe to call twice. */
  stop(): void;
}

/**
 * Reconnects a client whose connection the broker dropped, with bounded exponential backoff on
 * an injected clock — mqtt.js' own reconnect retries at a fixed period on the host's timers.
 * A client its owner ends (DISCONNECT) is left alone. Resubscribing is the owner's job, on the
 * client's 'connect': a clean session starts with none, and only the owner knows when its
 * subscriptions are live again (SUBACK).
 */
export function keepConnected(options: KeepConnectedOptions): KeptConnection {
  const { client, clock } = options;
  const policy = options.policy ?? DEFAULT_RECONNECT_POLICY;
  let attempt = 0;
  let timer: TimerId | undefined;
  let stopped = false;

  const onClose = (): void => {
    if (stopped || client.disconnecting) return;
    failUnacknowledged(client);
    if (timer !== undefined) return;
    timer = clock.setTimeout(() => {
      timer = undefined;
      if (stopped || client.connected || client.disconnecting) return;
      attempt++;
      // A failed attempt closes again, which schedules the next one.
      client.reconnect();
    }, backoffDelay(policy, attempt));
  };
  const onConnect = (): void => {
    attempt = 0;
  };
  client.on('close', onClose);
  client.on('connect', onConnect);

  return {
    attempts: () => attempt,
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      client.off('close', onClose);
      client.off('connect', onConnect);
    },
  };
}

/**
 * Fails what the broker had not acknowledged when the connection died. `reconnect()` starts
 * mqtt.js from empty stores, so it would never resend them nor call their callbacks — and
 * `end()` waits for every one of them, for ever. The links re-send what matters themselves.
 */
function failUnacknowledged(client: MqttClient): void {
  for (const [id, entry] of Object.entries(client.outgoing)) {
    delete client.outgoing[Number(id)];
    entry.cb(new Error('the connection to the broker closed before the broker acknowledged'));
  }
}
