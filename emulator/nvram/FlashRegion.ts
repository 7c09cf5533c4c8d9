/**
 * Flash cells page by page, as sparse as flash that was never programmed: an erased page reads
 * 0xFF and holds no memory, so a board's two 64 KiB slots cost what its firmware wrote, not
 * 128 KiB each (issue: ten thousand boards in one process).
 */
export class FlashRegion {
  readonly length: number;
  readonly #pageSize: number;
  readonly #pages = new Map<number, Uint8Array>();

  constructor(length: number, pageSize: number) {
    this.length = length;
    this.#pageSize = pageSize;
  }

  /** Programs `bytes` at `offset`, materialising only the pages it touches. */
  write(offset: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) {
      const at = offset + done;
      const index = Math.floor(at / this.#pageSize);
      const within = at - index * this.#pageSize;
      const n = Math.min(this.#pageSize - within, bytes.length - done);
      this.#page(index).set(bytes.subarray(done, done + n), within);
      done += n;
    }
  }

  /** A copy of `length` bytes from `offset`; erased cells read 0xFF. */
  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length).fill(0xff);
    for (let done = 0; done < length; ) {
      const at = offset + done;
      const index = Math.floor(at / this.#pageSize);
      const within = at - index * this.#pageSize;
      const n = Math.min(this.#pageSize - within, length - done);
      const page = this.#pages.get(index);
      if (page) out.set(page.subarray(within, within + n), done);
      done += n;
    }
    return out;
  }

  flip(byte: number, bit: number): void {
    const index = Math.floor(byte / this.#pageSize);
    const page = this.#page(index);
    const within = byte - index * this.#pageSize;
    page[within] = page[within]! ^ (1 << bit);
  }

  #page(index: number): Uint8Array {
    let page = this.#pages.get(index);
    if (!page) {
      page = new Uint8Array(Math.min(this.#pageSize, this.length - index * this.#pageSize)).fill(0xff);
      this.#pages.set(index, page);
    }
    return page;
  }
}
