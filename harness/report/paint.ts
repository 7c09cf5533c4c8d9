/** ANSI colours for the console, or none: when NO_COLOR is set or the output is not a terminal. */
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

/** https://no-color.org: a NO_COLOR that is present and not empty turns colours off. */
export function colorsWanted(options: { isTTY?: boolean; env: Record<string, string | undefined> }): boolean {
  const noColor = options.env.NO_COLOR;
  return options.isTTY === true && (noColor === undefined || noColor === '');
}
