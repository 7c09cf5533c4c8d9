import type { SeededPortal } from './PortalSeed.ts';

/**
 * The block `fleetrig device` prints on stderr after seeding its portal: what the portal holds,
 * then the console lines to type, each after the device's prompt as it will appear. The
 * appliance boots first (20 to 45 s, by family), answering NOT_RUNNING until then.
 */
export function describeSeededPortal(portal: SeededPortal, deviceId: string): string {
  const width = Math.max(...portal.holds.map(([label]) => label.length));
  return [
    `fleetrig device: the portal is seeded for ${deviceId} (--empty-portal starts without):`,
    ...portal.holds.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '  on the console, once `status` says running:',
    ...portal.type.map((line) => `    ${deviceId}> ${line}`),
  ].join('\n') + '\n';
}
