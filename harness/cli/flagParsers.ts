/**
 * Flag values checked at the boundary. Each throws commander's InvalidArgumentError, so the
 * message names the flag and the value ("option '--seed <n>' argument 'x' is invalid. …").
 */
import { InvalidArgumentError } from 'commander';

export function parseSeed(value: string): number {
  const seed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('It must be a non-negative integer, e.g. --seed 42.');
  return seed;
}

/** `mqtt://host:port`; the port may be left out for MQTT's 1883. */
export function parseBrokerUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const valid = url !== undefined && url.protocol === 'mqtt:' && url.hostname !== '' && (url.pathname === '' || url.pathname === '/') && url.search === '' && url.hash === '';
  if (!valid) throw new InvalidArgumentError('It must be an mqtt://host:port URL, e.g. mqtt://127.0.0.1:1883.');
  return value;
}

/** `--server`: an http:// or https:// URL of a running fleetrig serve. */
export function parseServerUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new InvalidArgumentError('It must be the http://host:port URL fleetrig serve printed, e.g. http://127.0.0.1:8080.');
  }
  return value;
}

/** `--io-timeout`: wall-clock milliseconds, a positive integer. */
export function parseIoTimeout(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1) throw new InvalidArgumentError('It must be a positive number of milliseconds, e.g. --io-timeout 30000.');
  return ms;
}

/** `--http-port`, `--mqtt-port`: 0 (pick a free one) to 65535. */
export function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(port) || port > 65_535) throw new InvalidArgumentError('It must be a port number from 0 to 65535 (0 picks a free one).');
  return port;
}

/** `--speed`: virtual time per wall time, above 0 and at most 1,000,000. */
export function parseSpeed(value: string): number {
  const speed = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(speed > 0 && speed <= 1_000_000)) throw new InvalidArgumentError('It must be a number above 0 and at most 1000000, e.g. --speed 60 (one virtual minute per second).');
  return speed;
}

/** `--store`: a SQLite file path, or a postgres:// URL. */
export function parseStore(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('It must be a SQLite file path or a postgres://user@host:port/db URL.');
  if (/^postgres(ql)?:\/\//.test(value) && !URL.canParse(value)) throw new InvalidArgumentError('It is not a valid postgres:// URL.');
  return value;
}

/** The environment variable that sets the credential seed of `run` and `credentials` when no flag does. */
export const CREDENTIALS_SEED_ENV = 'FLEETRIG_CREDENTIALS_SEED';

/** The credential seed from the environment, undefined when unset or empty; throws InvalidArgumentError naming the variable when malformed. */
export function credentialSeedFromEnv(env: Record<string, string | undefined>): number | undefined {
  const value = env[CREDENTIALS_SEED_ENV];
  if (value === undefined || value === '') return undefined;
  try {
    return parseSeed(value);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(`environment variable ${CREDENTIALS_SEED_ENV} '${value}' is invalid. ${error.message}`);
  }
}

/** `--grep`: a JavaScript regular expression, matched against scenario names (behaviour IDs included). */
export function parseGrep(value: string): RegExp {
  if (value === '') throw new InvalidArgumentError('It must be a pattern, e.g. --grep GW-9 or --grep "test mode".');
  try {
    return new RegExp(value);
  } catch (error) {
    throw new InvalidArgumentError(`It is not a regular expression: ${(error as Error).message}.`);
  }
}

/** `--bail [n]`: how many failed scenarios stop the run; 1 when given without a number. */
export function parseBail(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('It must be a positive integer, e.g. --bail 3.');
  return n;
}

/** `--workers <n>`: how many scenario files run at once, a positive integer. */
export function parseWorkers(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('It must be a positive integer, e.g. --workers 2 (1 runs every scenario in this process).');
  return n;
}

/** `--shard <i/n>`: the i-th of n parts of the scenario files, 1 ≤ i ≤ n, as Playwright's and Vitest's. */
export function parseShard(value: string): { index: number; total: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = match === null ? NaN : Number(match[1]);
  const total = match === null ? NaN : Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(total) || index < 1 || total < 1 || index > total) {
    throw new InvalidArgumentError('It must be i/n with 1 ≤ i ≤ n, e.g. --shard 1/3 runs the first third of the scenario files.');
  }
  return { index, total };
}

/** `--fleet-shard <i/n>`: this process runs the i-th of n parts of every scenario's fleet. */
export function parseFleetShard(value: string): { index: number; total: number } {
  try {
    return parseShard(value);
  } catch {
    throw new InvalidArgumentError('It must be i/n with 1 ≤ i ≤ n, e.g. --fleet-shard 1/2 runs the first half of each fleet (start 2/2 beside it).');
  }
}

/** `--fleet-id <name>`: names a split fleet's barrier topics and store schema. */
export function parseFleetId(value: string): string {
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(value)) throw new InvalidArgumentError('It must be 1 to 40 lower-case letters, digits, - or _, starting with a letter or digit, e.g. --fleet-id nightly-42.');
  return value;
}

/** `run --store <url>`: a split fleet's shared store, PostgreSQL only (every shard must reach it). */
export function parsePostgresUrl(value: string): string {
  if (!/^postgres(ql)?:\/\//.test(value) || !URL.canParse(value)) throw new InvalidArgumentError('It must be a postgres://user@host:port/database URL: the shards of a split fleet share one PostgreSQL store.');
  return value;
}
