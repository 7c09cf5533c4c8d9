import { LineCounter, parseAllDocuments, isMap, type Document } from 'yaml';
import type { z } from 'zod';
import type { LoadError } from './loadErrors.ts';
import { scenarioSchema, type ScenarioHeader } from './scenarioSchema.ts';
import { sourceMapOf, formatPath, type SourceMap } from './sourceMap.ts';
import { closest } from './closest.ts';
import { checkDocument } from './checkDocument.ts';
import { forbiddenCharacter } from './decodeScenarioText.ts';

/**
 * What the loader checks steps and fleets against: the registered step kinds (their argument
 * schemas) and families (the variants a fleet entry may ask for). The harness's catalogue
 * (catalogue.ts) is one.
 */
export interface ScenarioVocabulary {
  readonly steps: ReadonlyMap<string, { readonly args: z.ZodType<unknown> }>;
  readonly families: ReadonlyMap<string, { readonly variants?: readonly string[] }>;
}

export interface ParsedStep {
  index: number;
  kind: string;
  args: unknown;
  /** The arguments as written, before parsing (`8h`, not 28800000): what demo mode shows. */
  written: unknown;
  /** The step's narration (`say:`), shown in demo mode. */
  say?: string;
  /** YAML path of the step, e.g. `steps[4]`, and the line it starts on. */
  path: string;
  line?: number;
  /** For a `parallel:` block, the steps it starts at one virtual instant (docs/scenarios.md). */
  steps?: ParsedStep[];
}

export interface Scenario extends Omit<ScenarioHeader, 'steps'> {
  file: string;
  ids: string[];
  steps: ParsedStep[];
  line?: number;
}

/** The optional key beside a step's kind: its narration in demo mode. */
const SAY = 'say';

/** The step kind whose value is a list of steps run concurrently, at one virtual instant. */
export const PARALLEL = 'parallel';

/** Step kinds that move virtual time, which a parallel block's single instant cannot hold. */
const TIMED = new Set(['advance', 'wait', PARALLEL]);

const BRACKET_IDS = /\[([A-Z]{2}-\d+)\]/g;

/**
 * Parses a scenario file: one scenario per YAML document (`---` between them). Every error
 * names the file, the line and the field; nothing is run unless the whole file is valid.
 */
export function parseScenarios(text: string, file: string, catalogue: ScenarioVocabulary): { scenarios: Scenario[]; errors: LoadError[] } {
  const scenarios: Scenario[] = [];
  const errors: LoadError[] = [];
  const forbidden = forbiddenCharacter(text, file);
  if (forbidden) return { scenarios, errors: [forbidden] };
  const lines = new LineCounter();
  // Keys are checked for uniqueness by checkDocument, in linear time.
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  if (!Array.isArray(docs)) {
    return { scenarios, errors: [{ file, line: 1, message: 'not a YAML stream' }] };
  }
  for (const doc of docs) {
    const before = errors.length;
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      errors.push({ file, line: pos.line, column: pos.col, message: `YAML: ${e.message.split('\n')[0]}` });
    }
    if (errors.length > before || doc.contents === null) continue;
    errors.push(...checkDocument(doc, lines, file));
    if (errors.length > before) continue;
    const scenario = parseDocument(doc, sourceMapOf(doc, lines), file, catalogue, errors);
    if (scenario) scenarios.push(scenario);
  }
  if (scenarios.length === 0 && errors.length === 0) errors.push({ file, line: 1, message: 'no scenario in file' });
  return { scenarios, errors };
}

function parseDocument(doc: Document, source: SourceMap, file: string, catalogue: ScenarioVocabulary, errors: LoadError[]): Scenario | undefined {
  const at = (path: (string | number)[], message: string): void => {
    const pos = source.locate(path);
    errors.push({ file, line: pos?.line, column: pos?.column, path: formatPath(path), message });
  };
  if (!isMap(doc.contents)) {
    at([], 'a scenario is a mapping with name, fleet and steps');
    return undefined;
  }
  const value = toValue(doc);
  if (!value.ok) {
    at([], `YAML: ${value.message}`);
    return undefined;
  }
  const checked = checkAgainst(scenarioSchema, value.value, [], at);
  if (!checked.ok) return undefined;
  const header = checked.value;
  header.fleet.forEach((entry, i) => {
    const family = catalogue.families.get(entry.family);
    const variants = family?.variants ?? [];
    if (!family) {
      const hint = closest(entry.family, catalogue.families.keys());
      at(['fleet', i, 'family'], `unknown family '${entry.family}'${hint ? ` (did you mean '${hint}'?)` : ''}; known: ${[...catalogue.families.keys()].join(', ')}`);
    } else if (entry.variant !== undefined && !variants.includes(entry.variant)) {
      const hint = closest(entry.variant, variants);
      const known = variants.length > 0 ? `known: ${variants.join(', ')}` : `the ${entry.family} family has none`;
      at(['fleet', i, 'variant'], `unknown variant '${entry.variant}'${hint ? ` (did you mean '${hint}'?)` : ''}; ${known}`);
    }
  });
  const steps: ParsedStep[] = [];
  header.steps.forEach((raw, index) => {
    const step = parseStep(raw, index, ['steps', index], catalogue, source, at);
    if (step) steps.push(step);
  });
  const ids = new Set(header.ids ?? []);
  for (const m of header.name.matchAll(BRACKET_IDS)) ids.add(m[1]!);
  return { ...header, file, ids: [...ids].sort(), steps, line: source.locate([])?.line };
}

/**
 * The document as plain values. checkDocument has already bounded and resolved every alias, so
 * the parser's own alias limit (100, which refuses a harmless anchor reused 150 times) is off;
 * anything the parser still throws is reported, not raised.
 */
function toValue(doc: Document): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** One step, `- kind: args` with an optional `say:`; a `parallel:` block holds steps itself. */
function parseStep(raw: unknown, index: number, path: (string | number)[], catalogue: ScenarioVocabulary, source: SourceMap, at: (path: (string | number)[], message: string) => void, inBlock = false): ParsedStep | undefined {
  const keys = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw).filter((k) => k !== SAY) : [];
  if (keys.length !== 1) {
    at(path, 'a step is a mapping with exactly one key, the step kind, e.g. `- advance: 8h` (and an optional `say:` narration)');
    return undefined;
  }
  const entries = raw as Record<string, unknown>;
  const say = entries[SAY];
  if (say !== undefined && typeof say !== 'string') {
    at([...path, SAY], '`say:` is the step\'s narration: a string');
    return undefined;
  }
  const kind = keys[0]!;
  const value = entries[kind];
  const common = { index, kind, written: value, ...(say === undefined ? {} : { say }), path: formatPath(path), line: source.locate(path)?.line };
  if (inBlock && TIMED.has(kind)) {
    at([...path, kind], `'${kind}' cannot run in a parallel block: its steps all run at one virtual instant; put it before or after the block`);
    return undefined;
  }
  if (kind === PARALLEL) {
    if (!Array.isArray(value) || value.length < 2) {
      at([...path, kind], 'a parallel block is a list of at least two steps, e.g. `- parallel: [{ gateway.download: { devices: gw-001 } }, { gateway.download: { devices: gw-002 } }]`');
      return undefined;
    }
    const children = value.map((child, i) => parseStep(child, i, [...path, kind, i], catalogue, source, at, true));
    if (children.some((c) => c === undefined)) return undefined;
    return { ...common, args: undefined, steps: children as ParsedStep[] };
  }
  const step = catalogue.steps.get(kind);
  if (!step) {
    const hint = closest(kind, [...catalogue.steps.keys(), PARALLEL]);
    at([...path, kind], `unknown step '${kind}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
    return undefined;
  }
  const args = checkAgainst(step.args, value, [...path, kind], at);
  if (!args.ok) return undefined;
  return { ...common, args: args.value };
}

/** Validates `value` with a zod schema, reporting the first issues at their YAML location. */
function checkAgainst<T>(schema: z.ZodType<T>, value: unknown, base: (string | number)[], at: (path: (string | number)[], message: string) => void): { ok: true; value: T } | { ok: false } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  for (const issue of parsed.error.issues.slice(0, 5)) {
    const path = [...base, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = knownKeys(schema, issue.path as (string | number)[]);
        const hint = known ? closest(key, known) : undefined;
        at([...path, key], `unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
      }
    } else if (issue.code === 'invalid_value') {
      const given = valueAt(value, issue.path as (string | number)[]);
      const hint = typeof given === 'string' ? closest(given, issue.values.map(String)) : undefined;
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      at(path, `${JSON.stringify(given)} is not one of ${allowed}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}`);
    } else {
      at(path, issue.message);
    }
  }
  return { ok: false };
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let node = value;
  for (const p of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[p] : undefined;
  return node;
}

/** Field names the schema accepts at a path, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: (string | number)[]): string[] | undefined {
  let node: unknown = schema;
  for (const p of path) {
    const def = (node as { def?: { shape?: Record<string, unknown>; element?: unknown; innerType?: unknown } }).def;
    node = typeof p === 'number' ? def?.element ?? def?.innerType : def?.shape?.[p] ?? (def?.innerType as { def?: { shape?: Record<string, unknown> } })?.def?.shape?.[p];
    if (!node) return undefined;
  }
  const shape = unwrapShape(node);
  return shape ? Object.keys(shape) : undefined;
}

function unwrapShape(node: unknown): Record<string, unknown> | undefined {
  for (let i = 0; i < 5 && node; i++) {
    const def = (node as { def?: { shape?: Record<string, unknown>; innerType?: unknown; in?: unknown } }).def;
    if (def?.shape) return def.shape;
    node = def?.innerType ?? def?.in;
  }
  return undefined;
}
