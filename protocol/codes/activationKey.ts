import { appendChecks, readCheckedCode } from './checkedCode.ts';
import { encodeSymbols, group } from './base32.ts';
import type { Failure, Result } from '../result.ts';

/**
 * License activation keys: 17 characters (15 random, 75 bits, plus 2 check characters), shown
 * in groups of 6-6-5. The vendor documents give the 17-character length (PC-5).
 */
export const ACTIVATION_KEY_LENGTH = 17;
const GROUPS = [6, 6, 5];

/** Anything that draws integers: the seeded Random satisfies it. */
export interface IntSource {
  int(min: number, maxExclusive: number): number;
}

export function newActivationKey(random: IntSource): string {
  const data = Array.from({ length: ACTIVATION_KEY_LENGTH - 2 }, () => random.int(0, 32));
  return formatActivationKey(encodeSymbols(appendChecks(data)));
}

export function formatActivationKey(compact: string): string {
  return group(compact, GROUPS);
}

/** Validates a typed key; on success returns it in canonical grouped form. */
export function readActivationKey(text: string): Result<string, Failure<'CODE_INVALID'>> {
  const read = readCheckedCode(text, { name: 'activation key', length: ACTIVATION_KEY_LENGTH });
  return read.ok ? { ok: true, value: formatActivationKey(read.value) } : read;
}
