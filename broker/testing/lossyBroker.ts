import { Aedes } from 'aedes';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TOPIC_ROOT } from '../topics.ts';

export interface LossyBroker {
  /** `mqtt://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Test support: an aedes on a free loopback port, open to anyone, that acknowledges every
 * request a device publishes and forwards none — as a Mosquitto whose ACL denies the topic
 * does, silently. Nothing in the sending process can tell such a frame is lost.
 */
export async function startLossyBroker(): Promise<LossyBroker> {
  const aedes = await Aedes.createBroker({
    authorizeForward: (_client, packet) => (packet.topic.startsWith(`${TOPIC_ROOT}/dev/`) && packet.topic.endsWith('/req') ? null : packet),
  });
  const server = createServer((socket) => aedes.handle(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
