import { z } from 'zod';
import { managedDeviceKinds, type ManagedDeviceKind } from '../../../protocol/messages/audio.ts';
import type { ReadOptions, StoreTx } from '../../store/Store.ts';

/**
 * Enrolled managed devices (PC-7), kept as facet records of kind `audio.device` under the
 * hardware ID — a device is enrolled with one account at a time — owned by that account.
 */
export const DEVICE_KIND = 'audio.device';

export interface ManagedDevice {
  hardwareId: string;
  accountId: string;
  deviceKind: ManagedDeviceKind;
  serialNumber: string;
  enrolledAt: number;
  lastSeenAt: number;
}

const deviceData = z.object({
  hardwareId: z.string(),
  deviceKind: z.enum(managedDeviceKinds),
  serialNumber: z.string(),
  enrolledAt: z.number(),
  lastSeenAt: z.number(),
});

export async function readDevice(tx: StoreTx, hardwareId: string, options?: ReadOptions): Promise<ManagedDevice | undefined> {
  const record = await tx.records.get(DEVICE_KIND, hardwareId, options);
  const data = deviceData.safeParse(record?.data);
  return record && record.accountId !== null && data.success ? { ...data.data, accountId: record.accountId } : undefined;
}

export async function writeDevice(tx: StoreTx, device: ManagedDevice, now: number): Promise<void> {
  const { accountId, ...data } = device;
  await tx.records.put({ kind: DEVICE_KIND, id: device.hardwareId, accountId, data: { ...data }, updatedAt: now });
}

/** The account's enrolled devices, in enrolment order. */
export async function listDevices(tx: StoreTx, accountId: string): Promise<ManagedDevice[]> {
  const out: ManagedDevice[] = [];
  for (const record of await tx.records.list(DEVICE_KIND, { accountId })) {
    const data = deviceData.safeParse(record.data);
    if (data.success) out.push({ ...data.data, accountId });
  }
  return out.sort((a, b) => a.enrolledAt - b.enrolledAt);
}

export function countByKind(devices: readonly ManagedDevice[], kind: ManagedDeviceKind): number {
  return devices.filter((d) => d.deviceKind === kind).length;
}
