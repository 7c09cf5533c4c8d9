import { Duplex, type DuplexOptions } from 'node:stream';

/**
 * A Duplex whose `read()` without a size returns everything buffered, as Node documented it up to
 * Node 24. From Node 26 on it returns one chunk, and another 'readable' comes only once the
 * reader has read until `null`; aedes reads once per 'readable', so over an in-process stream
 * it waited for the rest of a CONNECT for ever (over TCP the packet arrives as one chunk).
 */
class WholeReadDuplex extends Duplex {
  // aedes calls read(null), which Node treats as no size.
  override read(size?: number | null): Buffer | null {
    if (size !== undefined && size !== null) return super.read(size) as Buffer | null;
    const chunks: Buffer[] = [];
    for (let chunk = super.read() as Buffer | null; chunk !== null; chunk = super.read() as Buffer | null) chunks.push(chunk);
    if (chunks.length <= 1) return chunks[0] ?? null;
    return Buffer.concat(chunks);
  }
}

/**
 * Two Duplex streams wired back to back, in memory: what one side writes, the other reads, and
 * ending one side ends the other's reading. It replaces `stream.duplexPair()` for the embedded
 * broker's in-process connections, because its sides read as WholeReadDuplex does.
 */
export function streamPair(): [Duplex, Duplex] {
  const sides: Duplex[] = [];
  const side = (peer: () => Duplex) => {
    const options: DuplexOptions = {
      read() {},
      write(chunk: Buffer, _encoding, done) {
        peer().push(chunk);
        done();
      },
      final(done) {
        peer().push(null);
        done();
      },
    };
    return new WholeReadDuplex(options);
  };
  sides.push(side(() => sides[1]!), side(() => sides[0]!));
  return [sides[0]!, sides[1]!];
}

/**
 * `connection` (a socket, a WebSocket stream) as a stream aedes can read on every Node line: a
 * WholeReadDuplex fed from it and writing back to it, each closing the other. A TCP packet that
 * arrives in two chunks, or a WebSocket's frames, would otherwise stall aedes on Node 26 too.
 */
export function wholeReads(connection: Duplex): Duplex {
  const [brokerSide, relay] = streamPair();
  connection.pipe(relay);
  relay.pipe(connection);
  connection.once('close', () => brokerSide.destroy());
  connection.once('error', () => brokerSide.destroy());
  brokerSide.once('close', () => connection.destroy());
  return brokerSide;
}
