import type { IntSource } from './activationKey.ts';
import { ALPHABET } from './base32.ts';
import { add, mul, pow } from './gf32.ts';
import { newRequestCode, type RequestCode } from './requestCode.ts';
import { fail, ok, type Failure, type Result } from '../result.ts';

/**
 * Request codes of products whose details are copied by hand (CL-5 restrictive mode). The
 * portal cannot see the product, so the code itself carries what it needs to check the copy:
 * its 8-character nonce is 3 random characters, then one check character for each of the
 * product's Name, Type, Version, Serial and Host name, in that order. The portal recomputes
 * the checks from the fields as typed and names the first one that does not match.
 *
 * A check is Σ m(cᵢ)·αⁱ over GF(32), each character mapped to m(c) = 1 + (code mod 29), never 0.
 * So any one wrong character — a wrong capitalization (codes 32 apart) or a 0/O mix-up (31
 * apart) included — or one missing or extra at the end, or two neighbours swapped, always
 * changes it; larger errors slip past with 1-in-32 odds each. The fingerprint part stays that
 * of the product's identity, so response codes stay bound to the hardware (responseCode.ts).
 */
export const PRODUCT_FIELDS = ['name', 'type', 'version', 'serial', 'hostName'] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];
export type ProductFields = Readonly<Record<ProductField, string>>;

/** The fields as the product's License Product window labels them. */
export const PRODUCT_FIELD_LABELS: Readonly<Record<ProductField, string>> = {
  name: 'Name',
  type: 'Type',
  version: 'Version',
  serial: 'Serial',
  hostName: 'Host name',
};

/** Random characters at the start of the nonce; the product keeps them from repeating. */
export const RANDOM_NONCE_SYMBOLS = 3;

export function fieldCheck(value: string): number {
  let sum = 0;
  for (let i = 0; i < value.length; i++) sum = add(sum, mul(1 + (value.charCodeAt(i) % 29), pow(i)));
  return sum;
}

/**
 * A request code for the product with `identity` (its hardware ID) showing `fields`. The three
 * random characters come from `random`; the rest of the nonce is the field checks.
 */
export function newProductRequestCode(args: { identity: string; fields: ProductFields; random: IntSource }): RequestCode {
  const symbols = [
    ...Array.from({ length: RANDOM_NONCE_SYMBOLS }, () => args.random.int(0, 32)),
    ...PRODUCT_FIELDS.map((f) => fieldCheck(args.fields[f])),
  ];
  // newRequestCode draws its nonce one symbol at a time, in order: feed it the planned ones.
  let next = 0;
  return newRequestCode({ identity: args.identity, random: { int: () => symbols[next++]! } });
}

/**
 * Checks fields typed into the portal against the request code the product showed. Fields
 * left out are not checked. Code FIELD_MISMATCH, `where` naming the field.
 */
export function checkProductFields(code: RequestCode, typed: Partial<ProductFields>): Result<RequestCode, Failure<'FIELD_MISMATCH'>> {
  for (const [i, field] of PRODUCT_FIELDS.entries()) {
    const value = typed[field];
    if (value === undefined) continue;
    if (ALPHABET[fieldCheck(value)] !== code.nonce[RANDOM_NONCE_SYMBOLS + i]) {
      return fail(
        'FIELD_MISMATCH',
        `${PRODUCT_FIELD_LABELS[field]} '${value}' does not match the product that showed this request code; enter it exactly as the License Product window shows it (capitalization matters)`,
        field,
      );
    }
  }
  return ok(code);
}
