import type { MqttClient } from 'mqtt';
import type { Link } from '../../emulator/link/Link.ts';
import { startTestBroker, DEVICE_A, SERVICE, type TestBroker, type TransportName } from '../brokerTestKit.ts';
import { createMqttDeviceLink, type MqttDeviceLink, type MqttDeviceLinkOptions } from './mqttDeviceLink.ts';
import { serveOverMqtt, type MqttServerEndpoint, type ServeOverMqttOptions } from './mqttServerEndpoint.ts';
import type { FrameRefusal } from './payloadText.ts';

/**
 * Test support for the MQTT links: an embedded broker, a server endpoint serving with `serve`,
 * and device A's link, with every refused frame collected instead of printed.
 */
export interface LinkRig {
  readonly broker: TestBroker;
  readonly service: MqttClient;
  readonly endpoint: MqttServerEndpoint;
  readonly device: MqttClient;
  readonly link: MqttDeviceLink;
  readonly refusals: FrameRefusal[];
  close(): Promise<void>;
}

export async function startLinkRig(options: {
  transport?: TransportName;
  serve: (link: Link) => () => void;
  endpoint?: Partial<ServeOverMqttOptions>;
  device?: Partial<MqttDeviceLinkOptions>;
}): Promise<LinkRig> {
  const broker = await startTestBroker(options.transport ?? 'in-process');
  const refusals: FrameRefusal[] = [];
  const log = (entry: FrameRefusal): void => void refusals.push(entry);
  const service = await broker.connect(SERVICE);
  const endpoint = await serveOverMqtt({ client: service, serve: options.serve, log, ...options.endpoint });
  const device = await broker.connect(DEVICE_A);
  const link = await createMqttDeviceLink({ client: device, deviceId: DEVICE_A, log, ...options.device });
  return {
    broker, service, endpoint, device, link, refusals,
    async close() {
      await link.close();
      await endpoint.close();
      await broker.broker.close();
    },
  };
}

/** A server that answers every frame `{id}` with `{id, ok: true, body: {echo: frame}}`. */
export function echoServe(link: Link): () => void {
  return link.onFrame((frame) => {
    const { id } = JSON.parse(frame) as { id: string };
    link.send(JSON.stringify({ id, ok: true, body: { echo: frame } }));
  });
}

/** The next `count` frames a link delivers. */
export function nextFrames(link: Link, count: number): Promise<string[]> {
  const got: string[] = [];
  return new Promise((resolve) => {
    const stop = link.onFrame((frame) => {
      got.push(frame);
      if (got.length < count) return;
      stop();
      resolve(got);
    });
  });
}

/** The next frame a link delivers. */
export async function nextFrame(link: Link): Promise<string> {
  const [frame] = await nextFrames(link, 1);
  return frame!;
}

export function request(id: string, body: Record<string, unknown> = {}, deviceId = DEVICE_A): string {
  return JSON.stringify({ id, op: 'test.echo', deviceId, body });
}
