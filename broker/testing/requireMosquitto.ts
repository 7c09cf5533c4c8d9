import { connect } from 'node:net';

/** The machine's Mosquitto, which the services suites run against (anonymous, no ACL). */
export const MOSQUITTO_URL = 'mqtt://127.0.0.1:1883';

/**
 * Resolves when Mosquitto accepts a TCP connection on 127.0.0.1:1883; otherwise rejects with
 * an error that names the missing service, so a services suite fails loudly, not obscurely.
 */
export function requireMosquitto(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: 1883 });
    socket.setTimeout(2000, () => socket.destroy(new Error('timed out after 2 s')));
    socket.once('connect', () => { socket.end(); resolve(); });
    socket.once('error', (error) => reject(new Error(`Mosquitto not reachable at 127.0.0.1:1883: ${error.message} (start it with \`mosquitto -d -c /etc/mosquitto/mosquitto.conf\`)`)));
  });
}
