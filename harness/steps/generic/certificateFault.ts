import { z } from 'zod';
import { issueCertificate } from '../../../protocol/deviceCertificate.ts';
import { fail } from '../../../protocol/result.ts';
import { signingKeyFromSeed } from '../../../protocol/signing/ed25519.ts';
import { deviceId, devices } from '../../scenario/fields.ts';
import { defineStep } from '../StepKind.ts';
import type { DeviceHandle, World } from '../../runner/World.ts';

const certificateUses = ['forged', 'missing', 'foreign', 'genuine'] as const;

/**
 * `- certificate: { device: gw-001, as: forged }` — [TM-4] the device presents another
 * certificate in its signed requests: `forged` (its own details, signed by a key that is not
 * the manufacturer's), `missing` (none), `foreign` (device `of`'s, genuine but not its own), or
 * `genuine` (its own again). The hardware ID and device key stay its own, as on a tampered unit.
 */
export const certificateFault = defineStep({
  kind: 'certificate',
  summary: "Make the selected devices present another certificate in their signed requests: `forged` (not the manufacturer's signature), `missing`, `foreign` (device `of`'s own) or `genuine` (their own again). The portal refuses all but genuine (TM-4).",
  args: z.object({
    device: devices.describe('The devices that present it: an ID, a `*` glob, or a list.'),
    as: z.enum(certificateUses).describe('`forged`, `missing`, `foreign` (needs `of`) or `genuine`.'),
    of: deviceId.optional().describe('With `as: foreign`: the device whose certificate is presented.'),
  }).strict().refine((a) => (a.as === 'foreign') === (a.of !== undefined), {
    message: '`of` names the device whose certificate is presented: give it with `as: foreign`, and only then',
    path: ['of'],
  }),
  async run(world, { device: selector, as, of }) {
    const chosen = world.select(selector);
    if (!chosen.ok) return chosen;
    const owner = of === undefined ? undefined : world.devices.get(of);
    if (of !== undefined && !owner) return fail('NO_SUCH_DEVICE', `certificate: no device '${of}' in the fleet to take a certificate from`);
    for (const device of chosen.value) {
      world.record('fault', `certificate ${as}${of === undefined ? '' : ` of ${of}`}`, device.id);
      if (as === 'genuine') device.certificate.restore();
      else if (as === 'missing') device.certificate.present('');
      else if (as === 'foreign') device.certificate.present(owner!.factoryCertificate);
      else device.certificate.present(forgedCertificate(world, device));
    }
    return { ok: true, value: chosen.value.length };
  },
});

/** The device's own details, signed by a forger's key instead of the manufacturer's. */
function forgedCertificate(world: World, device: DeviceHandle): string {
  const { hardwareId, serialNumber, installCode, deviceKey } = device.certificate.identity;
  const forger = signingKeyFromSeed(world.random.fork(`forger/${device.id}`).bytes(32));
  return issueCertificate({ hardwareId, serialNumber, installCode, devicePublicKey: deviceKey.publicKey, issuedAt: world.clock.now() }, forger);
}
