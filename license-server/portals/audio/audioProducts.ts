import type { ManagedDeviceKind } from '../../../protocol/messages/audio.ts';
import type { Duration } from '../../../emulator/clock/duration.ts';
import { DAY_MS } from '../../core/licenseTerms.ts';
import type { TransactionType } from '../../core/types.ts';

/**
 * The device-management service's products (PC-3, docs/behaviours.md): each feature code is a
 * *Managed Device* license that bounds how many devices of one kind the service manages.
 * Licenses of other feature codes may share an activation key (PC-5) but belong to other
 * portals and are not listed here.
 */
export const MANAGED_DEVICE = 'Managed Device';

export interface AudioProduct {
  readonly featureCode: string;
  /** The product name the license list shows as Description. */
  readonly description: string;
  readonly type: typeof MANAGED_DEVICE;
  readonly deviceKind: ManagedDeviceKind;
}

export const audioProducts: readonly AudioProduct[] = [
  { featureCode: 'PDMS-AUDIO', description: 'Device Management Service for audio devices', type: MANAGED_DEVICE, deviceKind: 'audio' },
];

export function audioProduct(featureCode: string): AudioProduct | undefined {
  return audioProducts.find((p) => p.featureCode === featureCode);
}

export function productForDevice(kind: ManagedDeviceKind): AudioProduct | undefined {
  return audioProducts.find((p) => p.deviceKind === kind);
}

/**
 * PC-8: the term a license gets when its order gives none — a Trial is free for a limited
 * period (30 days), a New or Renewal subscription runs a year, a calendar one ("a one or three
 * year period"). An Addon has no term of its own: it ends with the New or Renewal license it adds to.
 */
export const DEFAULT_TERMS: Readonly<Record<Exclude<TransactionType, 'Addon'>, Duration>> = {
  Trial: { months: 0, ms: 30 * DAY_MS },
  New: { months: 12, ms: 0 },
  Renewal: { months: 12, ms: 0 },
};
