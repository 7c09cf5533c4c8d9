import type { MqttClient } from 'mqtt';
import { z } from 'zod';
import { MAX_FRAME_BYTES, parseValue } from '../../protocol/messages/envelope.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import type { MqttWill } from '../connect.ts';
import { deviceTopics } from '../topics.ts';
import { publishAcked } from './publishAcked.ts';

/**
 * The retained payload on `fleetrig/v1/dev/{deviceId}/state`: the appliance's state as JSON
 * (firmware-sim's ApplianceState, plus whatever its family adds), or — published by the broker
 * as the device's last will — `{deviceId, family, state: "offline"}` with no licenses, since
 * nobody knows what an unreachable device runs.
 */
const licenseSchema = z.looseObject({
  licenseId: z.string().min(1),
  featureCode: z.string().min(1),
  count: z.number().int().nonnegative(),
  status: z.string().min(1),
});

export const onlineStateSchema = z.looseObject({
  deviceId: z.string().min(1).max(128),
  family: z.string().min(1).max(64),
  state: z.enum(['off', 'booting', 'running']),
  licenses: z.array(licenseSchema),
  pendingReset: z.boolean().optional(),
});

export const offlineStateSchema = z.object({
  deviceId: z.string().min(1).max(128),
  family: z.string().min(1).max(64).optional(),
  state: z.literal('offline'),
}).strict();

export const deviceStateSchema = z.discriminatedUnion('state', [onlineStateSchema, offlineStateSchema]);
export type DeviceStatePayload = z.infer<typeof deviceStateSchema>;

/** The offline marker as JSON text; the same bytes the will carries. */
export function offlinePayload(deviceId: string, family?: string): string {
  return JSON.stringify(family === undefined ? { deviceId, state: 'offline' } : { deviceId, family, state: 'offline' });
}

/**
 * The last will for connectMqtt's `will` option: if the device's connection dies without a
 * DISCONNECT, the broker publishes it retained on the device's state topic.
 */
export function offlineWill(deviceId: string, family?: string): MqttWill {
  return { topic: deviceTopics(deviceId).state, payload: offlinePayload(deviceId, family), qos: 1, retain: true };
}

/**
 * Publishes a device's state retained at QoS 1 and resolves on PUBACK, or with LINK_DOWN if the
 * connection is or goes away first. The state is checked first: it must match the schema, name
 * this device and fit in a frame.
 */
export async function publishDeviceState(client: MqttClient, deviceId: string, state: object): Promise<Result<void>> {
  const checked = checkState(deviceId, state);
  if (!checked.ok) return checked;
  try {
    await publishAcked(client, deviceTopics(deviceId).state, checked.value, { qos: 1, retain: true });
    return ok(undefined);
  } catch (error) {
    return fail(ErrorCode.LinkDown, `state of ${deviceId} not published: ${(error as Error).message}`, deviceTopics(deviceId).state);
  }
}

/** A received state payload, validated. */
export function parseDeviceState(text: string): Result<DeviceStatePayload> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(ErrorCode.BadRequest, `device state: not JSON (${(error as Error).message})`);
  }
  return parseValue(json, deviceStateSchema, 'device state');
}

function checkState(deviceId: string, state: object): Result<string> {
  const parsed = parseValue(state, deviceStateSchema, `state of ${deviceId}`);
  if (!parsed.ok) return parsed;
  if (parsed.value.deviceId !== deviceId) {
    return fail(ErrorCode.BadRequest, `state names device ${JSON.stringify(parsed.value.deviceId)}, not ${JSON.stringify(deviceId)}`, 'deviceId');
  }
  const text = JSON.stringify(state);
  if (Buffer.byteLength(text) > MAX_FRAME_BYTES) {
    return fail(ErrorCode.BadRequest, `state of ${deviceId} is ${Buffer.byteLength(text)} bytes; at most ${MAX_FRAME_BYTES} fit in a frame`);
  }
  return ok(text);
}
