/** Arithmetic in GF(32) with the primitive polynomial x^5 + x^2 + 1; α = 2 generates the field. */
const EXP: number[] = [];
const LOG: number[] = new Array<number>(32).fill(-1);
{
  let x = 1;
  for (let i = 0; i < 31; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 32) x ^= 0b100101;
  }
}

export const add = (a: number, b: number): number => a ^ b;

export function mul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[(LOG[a]! + LOG[b]!) % 31]!;
}

export function div(a: number, b: number): number {
  if (b === 0) throw new RangeError('division by zero in GF(32)');
  if (a === 0) return 0;
  return EXP[(LOG[a]! - LOG[b]! + 31) % 31]!;
}

/** α^i */
export const pow = (i: number): number => EXP[((i % 31) + 31) % 31]!;

/** log_α(x) for x ≠ 0 */
export const log = (x: number): number => LOG[x]!;
