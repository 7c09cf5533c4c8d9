/**
 * Non-volatile memory as firmware sees it: one image that is committed as a whole. A commit is
 * atomic under power loss — after a cut at any write step, the next read returns the old image
 * or the new one, never a mix. While the power is off, reads and commits fail.
 */
export interface Nvram {
  /** The last committed image, or undefined on a blank part. */
  read(): Uint8Array | undefined;
  /** Writes `image` atomically. Throws PowerLossError if the power goes during the write. */
  commit(image: Uint8Array): void;
  /** Number of low-level write steps the last commit took (for power-cut tests). */
  lastCommitSteps(): number;
}

export class PowerLossError extends Error {
  readonly code = 'POWER_LOSS';
  readonly powerLoss = true;
  constructor(message = 'power was lost during an NVRAM write') {
    super(message);
    this.name = 'PowerLossError';
  }
}
