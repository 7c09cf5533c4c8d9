import { LineCounter, type Document } from 'yaml';

/** Maps a YAML path such as `steps.4.expect.state` to the 1-based line and column it sits on. */
export interface SourceMap {
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

export function sourceMapOf(doc: Document, lines: LineCounter): SourceMap {
  return {
    locate(path) {
      // Walk up from the full path until a node exists: a misspelt or missing key has no node
      // of its own, but its parent mapping does.
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        const key = n === path.length ? keyNode(doc, path) : undefined;
        const offset = key?.range?.[0] ?? node?.range?.[0];
        if (offset !== undefined) {
          const pos = lines.linePos(offset);
          return { line: pos.line, column: pos.col };
        }
      }
      return undefined;
    },
  };
}

/** The key node of the last path element, so an unknown key points at itself. */
function keyNode(doc: Document, path: readonly (string | number)[]): { range?: [number, number, number] } | undefined {
  if (path.length === 0) return undefined;
  const parent = doc.getIn(path.slice(0, -1), true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
  const last = path[path.length - 1];
  return parent?.items?.find((item) => item.key?.value === last)?.key;
}

/** `steps[4].expect.state` from `['steps', 4, 'expect', 'state']`. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(root)';
}
