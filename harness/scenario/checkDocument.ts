import { isAlias, isMap, isPair, isScalar, isCollection, visit, type Document, type LineCounter, type Node } from 'yaml';
import type { LoadError } from './loadErrors.ts';

/**
 * Limits a scenario document must keep before it is turned into values (docs/scenarios.md,
 * "Limits"). They are far above what any scenario needs, and low enough that a hostile file is
 * refused in milliseconds instead of exhausting memory or time.
 */
export const SCENARIO_LIMITS = {
  /** Bytes in one file: the largest bundled scenario is 8 KiB; parsing 256 KiB takes a fraction of a second. */
  fileBytes: 256 * 1024,
  /** Keys in one mapping: a step has a handful, a `licenses:` expectation a few dozen. */
  mapKeys: 1000,
  /**
   * Alias resolutions in one document, counting the aliases inside what an alias refers to
   * each time it is used: an anchor reused 150 times costs 150, a billion-laughs file 10⁹.
   */
  aliasResolutions: 1000,
} as const;

type Range = [number, number, number];

/**
 * Checks what the YAML parser leaves to its caller, in one pass over the document: unique keys
 * (the parser's own check compares each key with every earlier one, so 40,000 keys take
 * seconds), the size of mappings, and aliases — each must name an earlier anchor, not sit inside
 * the node it names, and all together must not expand past the limit.
 * Returns errors; the document is safe to turn into values (`toJS`) only when there are none.
 */
export function checkDocument(doc: Document, lines: LineCounter, file: string): LoadError[] {
  const errors: LoadError[] = [];
  const at = (range: Range | null | undefined, message: string): void => {
    const pos = range ? lines.linePos(range[0]) : undefined;
    errors.push({ file, line: pos?.line ?? 1, column: pos?.col ?? 1, message });
  };
  const anchors = new Map<string, Node>();
  const aliases: { alias: Node & { source: string }; target: Node }[] = [];
  // visit() walks in document order, so the anchor an alias names is the last one seen before it.
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target === undefined) at(node.range, `YAML: alias *${node.source} names no anchor before it (write &${node.source} on an earlier value)`);
        else aliases.push({ alias: node, target });
        return undefined;
      }
      if (node.anchor !== undefined) anchors.set(node.anchor, node);
      if (isMap(node)) checkMap(node.items, node.range, at);
      return undefined;
    },
  });
  if (errors.length > 0 || aliases.length === 0) return errors;
  checkAliases(aliases, at);
  return errors;
}

function checkMap(items: readonly { key: unknown }[], range: Range | null | undefined, at: (range: Range | null | undefined, message: string) => void): void {
  if (items.length > SCENARIO_LIMITS.mapKeys) {
    const first = items[SCENARIO_LIMITS.mapKeys]?.key as { range?: Range } | undefined;
    at(first?.range ?? range, `YAML: a mapping of ${items.length} keys; at most ${SCENARIO_LIMITS.mapKeys} are allowed`);
    return;
  }
  const seen = new Set<string>();
  for (const { key } of items) {
    const id = keyIdentity(key);
    if (id === undefined) continue;
    if (seen.has(id)) {
      at((key as { range?: Range }).range ?? range, `YAML: duplicate key ${showKey(key)}`);
      continue;
    }
    seen.add(id);
  }
}

/** What makes two keys the same, as the parser's own check has it: equal scalar values. */
function keyIdentity(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value = key.value;
  return `${typeof value}:${String(value)}`;
}

function showKey(key: unknown): string {
  const value = isScalar(key) ? String(key.value) : '';
  return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
}

/**
 * Counts what turning the document into values would resolve, without doing it: each alias
 * costs one plus what its anchor's node costs. Each anchor's cost is computed once, so a
 * billion-laughs file is counted in a few steps.
 */
function checkAliases(aliases: readonly { alias: Node & { source: string }; target: Node }[], at: (range: Range | null | undefined, message: string) => void): void {
  const targetOf = new Map(aliases.map((a) => [a.alias, a.target]));
  const cost = new Map<Node, number>();
  const open = new Set<Node>();
  let cycle: (Node & { source: string }) | undefined;
  const costOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targetOf.get(node)!;
      if (open.has(target)) {
        cycle ??= node;
        return Infinity;
      }
      return 1 + costOf(target);
    }
    if (isPair(node)) return costOf(node.key) + costOf(node.value);
    if (!isCollection(node)) return 0;
    const known = cost.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let sum = 0;
    for (const item of node.items) sum += costOf(item);
    open.delete(node);
    cost.set(node, sum);
    return sum;
  };
  // Every alias written in the document is resolved once where it stands, plus whatever its
  // target holds; summed in document order so the error names the alias that passes the limit.
  let total = 0;
  for (const { alias } of aliases) {
    total += costOf(alias);
    if (cycle !== undefined) {
      at(cycle.range, `YAML: alias *${cycle.source} sits inside the value it names, which would make it endless`);
      return;
    }
    if (total > SCENARIO_LIMITS.aliasResolutions) {
      const count = Number.isFinite(total) && total < 1e15 ? String(total) : 'more than 10¹⁵';
      at(alias.range, `YAML: too many alias resolutions (${count} by this one; at most ${SCENARIO_LIMITS.aliasResolutions} are allowed per document)`);
      return;
    }
  }
}

