import type { ManagedDeviceKind } from '../../../protocol/messages/audio.ts';
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
 * period (30 days), a New or Renewal subscription runs a year. An Addon has no term of its own:
 * it ends with the New or Renewal license it adds to.
 */
export const DEFAULT_TERM_DAYS: Readonly<Record<Exclude<TransactionType, 'Addon'>, number>> = {
  Trial: 30,
  New: 365,
  Renewal: 365,
};
