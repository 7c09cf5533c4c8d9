import { fail, ok, type Result } from '../../protocol/result.ts';

/**
 * Where `fleetrig device` puts the appliance's console: this terminal (`stdio`), a new
 * pseudo-terminal a serial program can open (`pty`), or a TCP port (`tcp:PORT`, 0 = any free).
 */
export type SerialMode = { readonly kind: 'stdio' } | { readonly kind: 'pty' } | { readonly kind: 'tcp'; readonly port: number };

export function parseSerialMode(value: string): Result<SerialMode> {
  if (value === 'stdio' || value === 'pty') return ok({ kind: value });
  const tcp = /^tcp:(\d{1,5})$/.exec(value);
  const port = tcp ? Number(tcp[1]) : NaN;
  if (tcp && port <= 65535) return ok({ kind: 'tcp', port });
  if (value.startsWith('tcp:')) return fail('BAD_SERIAL', `'${value}': the port must be a number from 0 to 65535, e.g. tcp:5000`);
  return fail('BAD_SERIAL', `'${value}' is not a serial mode: use pty, tcp:PORT or stdio`);
}

/** How the mode reads in messages: `pty`, `tcp:5000`. */
export function describeSerialMode(mode: SerialMode): string {
  return mode.kind === 'tcp' ? `tcp:${mode.port}` : mode.kind;
}
