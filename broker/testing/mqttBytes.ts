/** Raw MQTT bytes for tests that speak to the broker below mqtt.js. */

/** The Remaining Length of a fixed header: 7 bits a byte, the top bit saying another follows [MQTT-2.2.3]. */
export function remainingLength(n: number): number[] {
  const bytes: number[] = [];
  let left = n;
  do {
    let byte = left % 128;
    left = Math.floor(left / 128);
    if (left > 0) byte |= 0x80;
    bytes.push(byte);
  } while (left > 0);
  return bytes;
}

/** A fixed header announcing `remaining` bytes: the type byte, then the Remaining Length. */
export function fixedHeader(type: number, remaining: number): Buffer {
  return Buffer.from([type, ...remainingLength(remaining)]);
}
