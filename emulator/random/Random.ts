/**
 * The one source of randomness in fleetrig: seeded, so the same seed gives the same fleet,
 * the same keys and the same trace. `fork(label)` derives an independent stream by name, so a
 * device's draws do not depend on how many draws its neighbours made.
 */
export interface Random {
  readonly seed: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number;
  bytes(n: number): Uint8Array;
  /** `n` random bytes as lowercase hex. */
  hex(n: number): string;
  /** An RFC 4122 version-4 UUID drawn from this stream. */
  uuid(): string;
  pick<T>(items: readonly T[]): T;
  fork(label: string): Random;
}

export function createRandom(seed: number | string): Random {
  return new SeededRandom(String(seed));
}

/** A seed for runs that did not ask for one; the run prints it so it can be replayed. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

class SeededRandom implements Random {
  readonly seed: string;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: string) {
    this.seed = seed;
    [this.#a, this.#b, this.#c, this.#d] = cyrb128(seed);
  }

  // sfc32: small, fast, and passes PractRand; good enough for simulation, not for secrets
  // that must resist an attacker (the rig's keys are test keys by design).
  next(): number {
    let a = this.#a, b = this.#b, c = this.#c, d = this.#d;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    this.#a = a; this.#b = b; this.#c = c; this.#d = d;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, maxExclusive: number): number {
    return min + Math.floor(this.next() * (maxExclusive - min));
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(0, 256);
    return out;
  }

  hex(n: number): string {
    return Buffer.from(this.bytes(n)).toString('hex');
  }

  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Buffer.from(b).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length)]!;
  }

  fork(label: string): Random {
    return new SeededRandom(`${this.seed}/${label}`);
  }
}

/** 128-bit string hash used to seed sfc32 (public domain, by bryc). */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
