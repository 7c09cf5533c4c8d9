import { describe, it, expect } from 'vitest';
import { createRandom } from '../../emulator/random/Random.ts';
import { unwrap } from '../result.ts';
import { checkProductFields, fieldCheck, newProductRequestCode, type ProductFields } from './productRequestCode.ts';
import { fingerprintOf, readRequestCode } from './requestCode.ts';

const fields: ProductFields = { name: 'clariti-core-01', type: 'Clariti Core', version: '2.2.1', serial: 'FR7K2QF9X3M0', hostName: 'clariti-fr7k2qf9x3m0' };
const code = () => unwrap(readRequestCode(newProductRequestCode({ identity: '009033ABC123', fields, random: createRandom('codes') }).code));

describe('product request codes', () => {
  it('[CL-5] keep the fingerprint of the identity and accept the fields exactly as shown', () => {
    const read = code();
    expect(read.fingerprint).toBe(fingerprintOf('009033ABC123'));
    expect(checkProductFields(read, fields)).toEqual({ ok: true, value: read });
    expect(checkProductFields(read, { name: fields.name, type: fields.type, version: fields.version }).ok).toBe(true);
  });

  it('[CL-5] refuse a wrongly capitalised field, naming it', () => {
    const read = code();
    const cases: [Partial<ProductFields>, string, string][] = [
      [{ name: 'Clariti-core-01' }, 'name', "Name 'Clariti-core-01'"],
      [{ type: 'clariti core' }, 'type', "Type 'clariti core'"],
      [{ serial: 'fr7k2qf9x3m0' }, 'serial', 'Serial'],
      [{ hostName: 'Clariti-FR7K2QF9X3M0' }, 'hostName', 'Host name'],
    ];
    for (const [typed, where, label] of cases) {
      const result = checkProductFields(read, { ...fields, ...typed });
      expect(result).toMatchObject({ ok: false, error: { code: 'FIELD_MISMATCH', where } });
      if (!result.ok) expect(result.error.message).toContain(label);
    }
  });

  it('always catch one wrong, dropped or extra character, a 0/O mix-up or a swapped pair', () => {
    const name = 'clariti-core-01';
    const variants = [
      ...[...name].map((_, i) => name.slice(0, i) + (name[i] === name[i]!.toUpperCase() ? '#' : name[i]!.toUpperCase()) + name.slice(i + 1)),
      'clariti-core-O1', 'clariti-core-0', 'clariti-core-011', 'claritic-ore-01',
    ];
    for (const typed of variants) expect(fieldCheck(typed), typed).not.toBe(fieldCheck(name));
  });

  it('draw a fresh random part for each code', () => {
    const random = createRandom('fresh');
    const nonces = new Set(Array.from({ length: 50 }, () => newProductRequestCode({ identity: 'x', fields, random }).nonce));
    expect(nonces.size).toBeGreaterThan(45);
  });
});
