/**
 * The behaviour IDs per system. What each ID means, and which vendor document it comes from, is
 * in docs/behaviours.md, which must list exactly these IDs; every ID must be exercised by a test
 * or bundled scenario whose name carries it in brackets. `test/behaviourCoverage.test.ts` holds
 * the project to both.
 */
export const behaviours = {
  GW: { title: 'Gateway / PBX with hardware-bound licenses', count: 10 },
  SS: { title: 'Building-automation server with cloud-held licenses', count: 8 },
  CL: { title: 'Video platform with three license modes', count: 8 },
  PC: { title: 'Cloud device-management licenses', count: 8 },
  TM: { title: 'Tamper resistance, on devices and at the portal', count: 4 },
} as const;

export type System = keyof typeof behaviours;

export function behaviourIds(systems: readonly System[] = Object.keys(behaviours) as System[]): string[] {
  return systems.flatMap((s) => Array.from({ length: behaviours[s].count }, (_, i) => `${s}-${i + 1}`));
}
