import type { ErrorCode } from '../../protocol/errorCodes.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';

/**
 * A console command as a family declares it. `usage` is the name and its arguments:
 * `<arg>` required, `[arg]` optional, a trailing `...` takes any number more; a word such as
 * `on|off` is required too. The console checks the count against it before `run` is called,
 * and answers a wrong count with the usage line.
 */
export interface ConsoleCommand {
  readonly usage: string;
  /** One line for `help`. */
  readonly summary: string;
  /** The answer, as lines of text; start it with `error CODE:` when the command failed. */
  run(args: string[]): string | Promise<string>;
}

/** A family's console commands by name, e.g. `gatewayConsole(gateway)`. */
export type ConsoleCommands = Readonly<Record<string, ConsoleCommand>>;

/** The error line every console answer uses: `error CODE: message`. */
export function errorText(code: ErrorCode, message: string): string {
  return `error ${code}: ${message}`;
}

/** A Result as console text: `show(value)` on success, the error line on failure. */
export function resultText<T>(result: Result<T>, show: (value: T) => string): string {
  return result.ok ? show(result.value) : errorText(result.error.code, result.error.message);
}

/** How many arguments a usage line allows. */
export function arity(usage: string): { min: number; max: number } {
  const words = usage.trim().split(/\s+/).slice(1);
  let min = 0;
  let max = 0;
  for (const word of words) {
    if (word.endsWith('...') || word.endsWith('...]')) return { min: word.startsWith('[') ? min : min + 1, max: Infinity };
    max++;
    if (!word.startsWith('[')) min++;
  }
  return { min, max };
}

/**
 * Splits a typed line into words: whitespace separates, double quotes group (`adduser "Ann Lee"`).
 * An unterminated quote is an error, not a guess.
 */
export function splitWords(line: string): Result<string[]> {
  const words: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  const quotes = (line.match(/"/g) ?? []).length;
  const column = `column ${line.lastIndexOf('"') + 1}`;
  if (quotes % 2 === 1) return fail('BAD_QUOTES', `unterminated quote at ${column}`, column);
  for (const match of line.matchAll(pattern)) words.push(match[1] ?? match[2]!);
  return ok(words);
}
