// Types of applianceStates.js, for the TypeScript tests that check it against real snapshots.
import type { ApplianceState } from '../../../../firmware-sim/shared/Appliance.ts';

export type TileStateKey = 'off' | 'booting' | 'running' | 'test-mode' | 'unlicensed' | 'licensed';
export interface TileStateInfo { readonly key: TileStateKey; readonly label: string; readonly letter: string }
export const TILE_STATES: readonly TileStateInfo[];
export const TILE_STATE: Readonly<Record<TileStateKey, TileStateInfo>>;
export const FIELD_COLOURS: readonly { readonly key: 'unlicensed' | 'unprovisioned' | 'provisioned'; readonly colour: string; readonly label: string }[];
export function tileState(device: ApplianceState): TileStateKey;
export function stateColours(element?: Element): { state: Record<TileStateKey, string>; field: Record<string, string> };
export function describeDevice(device: ApplianceState): string;
export function describeFieldDevices(counts: { unlicensed: number; unprovisioned: number; provisioned: number }): string;
