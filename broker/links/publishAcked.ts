import type { IClientPublishOptions, MqttClient } from 'mqtt';

/**
 * Publishes and resolves once the broker acknowledged (QoS 1: PUBACK), or rejects if the
 * connection is gone or closes first. mqtt.js keeps an unacknowledged QoS 1 message for a resend
 * after reconnecting — which, with reconnect off, never happens — and does not call back, so
 * `publishAsync` alone could wait for ever.
 */
export function publishAcked(client: MqttClient, topic: string, payload: string | Buffer, options: IClientPublishOptions): Promise<void> {
  if (!client.connected) return Promise.reject(new Error('the connection to the broker is closed'));
  return new Promise((resolve, reject) => {
    const onClose = (): void => reject(new Error('the connection to the broker closed before the broker acknowledged'));
    client.once('close', onClose);
    client.publish(topic, payload, options, (error) => {
      client.off('close', onClose);
      if (error) reject(error);
      else resolve();
    });
  });
}
