import { z } from 'zod';
import { licenseRef } from '../../../scenario/fields.ts';
import { ALPHABET } from '../../../../protocol/codes/base32.ts';
import { ok, type Result } from '../../../../protocol/result.ts';
import type { SmartServer } from '../../../../firmware-sim/smartserver/SmartServer.ts';
import type { World } from '../../../runner/World.ts';
import { licenseIds } from '../../../steps/licenseRefs.ts';
import { customerName, findCustomer } from './customerRef.ts';
import { deviceStep } from '../../../steps/deviceStep.ts';
import { smartserverDevices } from '../smartserverDevices.ts';
import { smartserverModule } from '../../../../license-server/portals/smartserver/smartserverModule.ts';

/**
 * `- smartserver.offlineActivate: { devices: ss-001, customer: Harbour Tower, licenses: [o1.3] }` —
 * [SS-8] the whole offline round trip in one step: the server shows a request code, the
 * customer types it (and the install code) into the License Customer Portal with the chosen
 * capacity licenses, and enters the response code on the server. `typo: N` mistypes the Nth
 * character of the request code, which the portal refuses with CODE_INVALID naming it.
 */
export const offlineActivate = deviceStep({
  splits: false,
  family: smartserverDevices,
  kind: 'smartserver.offlineActivate',
  summary: 'Offline capacity activation: request code from the server, response code from the customer portal, installed on the server; `typo: N` mistypes the Nth character.',
  args: {
    customer: customerName,
    licenses: z.array(licenseRef).min(1).describe('The capacity licenses to activate, as ORDER.N references.'),
    typo: z.number().int().min(1).max(26).optional().describe('Mistype the request code at this character (1-based): the portal must refuse it naming the position.'),
  },
  what: (a) => `activate ${a.licenses.join(', ')} offline${a.typo ? ` (request code mistyped at character ${a.typo})` : ''}`,
  run: (server, a, world) => roundTrip(server, a, world),
});

async function roundTrip(server: SmartServer, a: { customer: string; licenses: string[]; typo?: number }, world: World): Promise<Result<unknown>> {
  const customer = await findCustomer(world, a.customer);
  if (!customer.ok) return customer;
  const ids = licenseIds(world, a.licenses);
  if (!ids.ok) return ids;
  const request = server.offline.requestCode();
  if (!request.ok) return request;
  const typed = a.typo === undefined ? request.value.requestCode : mistype(request.value.requestCode, a.typo);
  const answer = await world.server.portal(smartserverModule).offlineActivate({
    customerId: customer.value.customerId, installCode: request.value.installCode, requestCode: typed, licenseIds: ids.value,
  });
  if (!answer.ok) return answer;
  world.record('portal', `customer portal answered request ${typed} for ${server.deviceId} with ${ids.value.length} capacity license(s)`);
  const installed = server.offline.installResponse(answer.value.responseCode);
  return installed.ok ? ok(installed.value) : installed;
}

/** The code with its Nth character (as typed, dashes counted) swapped for another code character. */
function mistype(code: string, position: number): string {
  const i = Math.min(position, code.length) - 1;
  const at = code[i]!;
  const swap = at === '-' ? '0' : ALPHABET[(ALPHABET.indexOf(at) + 1) % ALPHABET.length]!;
  return code.slice(0, i) + swap + code.slice(i + 1);
}
