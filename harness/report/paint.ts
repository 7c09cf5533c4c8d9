/** ANSI colours for the console, or none (see colorsWanted). */
export interface Paint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function createPaint(enabled: boolean): Paint {
  const style = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { red: style(31, 39), green: style(32, 39), yellow: style(33, 39), dim: style(2, 22), bold: style(1, 22) };
}

/**
 * Whether to colour, by the rules Node's `util.styleText` follows (tty `getColorDepth`): a set
 * FORCE_COLOR decides alone — `''`, `1`, `2`, `3` or `true` colour even into a pipe (a CI log),
 * anything else (`0`, `false`) turns colours off even on a terminal; otherwise NO_COLOR or
 * NODE_DISABLE_COLORS (set at all) or TERM=dumb turn them off, and only a terminal gets them.
 */
export function colorsWanted(options: { isTTY?: boolean; env: Record<string, string | undefined> }): boolean {
  const { env } = options;
  if (env.FORCE_COLOR !== undefined) return ['', '1', '2', '3', 'true'].includes(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') return false;
  return options.isTTY === true;
}
