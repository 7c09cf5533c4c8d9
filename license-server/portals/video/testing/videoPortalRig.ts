import { createRandom } from '../../../../emulator/random/Random.ts';
import { newProductRequestCode, type ProductFields } from '../../../../protocol/codes/productRequestCode.ts';
import type { RequestCode } from '../../../../protocol/codes/requestCode.ts';
import { unwrap } from '../../../../protocol/result.ts';
import type { TestServer } from '../../../testing/createTestServer.ts';
import { videoModule } from '../videoModule.ts';

/**
 * Test helpers for the video portal: request codes as a Clariti product of a given name would
 * show them, and an account holding activated CLARITI-* licenses.
 */
export interface ShownCode extends RequestCode {
  fields: ProductFields;
  identity: string;
}

/** The request code the product `name` shows (its n-th, for a fresh nonce). */
export function shownCode(t: TestServer, name: string, options: { n?: number; fields?: Partial<ProductFields> } = {}): ShownCode {
  const identity = t.device(name).hardwareId;
  const fields: ProductFields = {
    name: `clariti-${name}`, type: 'Clariti Core', version: '2.2.1', serial: `FR${name.toUpperCase()}`, hostName: `clariti-${name}`, ...options.fields,
  };
  const code = newProductRequestCode({ identity, fields, random: createRandom(`${name}#${options.n ?? 1}`) });
  return { ...code, fields, identity };
}

/** Orders `items` for the account and activates the key in the video portal (CL-2). */
export async function videoLicenses(t: TestServer, accountId: string, items: { featureCode: string; count: number; termDays?: number | null }[]): Promise<string[]> {
  const order = unwrap(await t.server.core.createOrder({ accountId, items }));
  return unwrap(await t.server.core.activate({ accountId, activationKey: order.activationKey })).map((l) => l.id);
}

/** Adds the product `name` to the account by its standard request code; returns the product ID. */
export async function standardProduct(t: TestServer, accountId: string, name: string): Promise<string> {
  return unwrap(await t.server.portal(videoModule).addStandardProduct({ accountId, requestCode: shownCode(t, name).code })).productId;
}
