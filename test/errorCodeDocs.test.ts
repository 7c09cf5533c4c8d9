import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_TABLES, everyErrorCode } from '../harness/errorCodes.ts';
import { failureStatus, HTTP_STATUS, type LicenseServerErrorCode } from '../license-server/http/failureStatus.ts';

/**
 * docs/protocol.md section 9 lists every error code of the `ErrorCode` union — each layer's
 * table — once, with the HTTP status the license server answers it with (`—` for a code it never
 * answers with).
 */
const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'protocol.md'), 'utf8');
const section = doc.slice(doc.indexOf('## 9. Error codes'), doc.indexOf('## 10.'));
const rows = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+?) \|/gm)].map((m) => ({ code: m[1]!, status: m[2]! }));
const documented = new Map(rows.map((r) => [r.code, r.status]));
const codes: readonly string[] = everyErrorCode();

function isServerCode(code: string): code is LicenseServerErrorCode {
  return Object.hasOwn(HTTP_STATUS, code);
}

describe('error code documentation', () => {
  it('finds the error code tables of docs/protocol.md section 9', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(codes)('documents %s with its HTTP status', (code) => {
    expect(documented.has(code), `docs/protocol.md section 9 has no row for ${code}`).toBe(true);
    expect(documented.get(code)).toBe(isServerCode(code) ? String(failureStatus(code)) : '—');
  });

  it('documents no code twice and none that no table defines', () => {
    expect(rows.map((r) => r.code).filter((code, i, all) => all.indexOf(code) !== i)).toEqual([]);
    expect(rows.map((r) => r.code).filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('defines each code in one layer table only, so each has one meaning', () => {
    const all = Object.values(ERROR_CODE_TABLES).flatMap((table) => Object.values(table));
    expect(all.filter((code, i) => all.indexOf(code) !== i)).toEqual([]);
  });
});
