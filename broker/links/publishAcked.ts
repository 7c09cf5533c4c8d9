import type { IClientPublishOptions, MqttClient } from 'mqtt';

/** Publishes awaiting their acknowledgement, per client: one 'close' listener each, however many. */
const waiting = new WeakMap<MqttClient, Set<(error: Error) => void>>();

/**
 * Publishes and resolves once the broker acknowledged (QoS 1: PUBACK), or rejects if the
 * connection is gone or closes first. mqtt.js keeps an unacknowledged QoS 1 message for a resend
 * after reconnecting — which, with reconnect off, never happens — and does not call back, so
 * `publishAsync` alone could wait for ever.
 */
export function publishAcked(client: MqttClient, topic: string, payload: string | Buffer, options: IClientPublishOptions): Promise<void> {
  if (!client.connected) return Promise.reject(new Error('the connection to the broker is closed'));
  return new Promise((resolve, reject) => {
    const pending = waitingOn(client);
    pending.add(reject);
    client.publish(topic, payload, options, (error) => {
      pending.delete(reject);
      if (error) reject(error);
      else resolve();
    });
  });
}

function waitingOn(client: MqttClient): Set<(error: Error) => void> {
  let pending = waiting.get(client);
  if (pending === undefined) {
    const set = new Set<(error: Error) => void>();
    client.on('close', () => {
      for (const reject of [...set]) reject(new Error('the connection to the broker closed before the broker acknowledged'));
      set.clear();
    });
    waiting.set(client, (pending = set));
  }
  return pending;
}
