/**
 * How long, in wall-clock ms, one frame may take across a real socket (`--transport tcp`,
 * `--broker`) before the scenario fails with IO_TIMEOUT (`--io-timeout`): far above a busy
 * loopback's worst, well below anyone's patience. In process there is no limit: every frame
 * there arrives, or is known lost.
 */
export const DEFAULT_IO_TIMEOUT_MS = 10_000;
