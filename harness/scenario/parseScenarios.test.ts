import { describe, expect, it } from 'vitest';
import { createCatalogue } from '../catalogue.ts';
import { parseScenarios } from './parseScenarios.ts';
import { formatLoadError } from './loadErrors.ts';

/** Bad scenario files get an error naming the file, the line and the field — and nothing runs. */
const parse = (text: string) => parseScenarios(text, 'x.yaml', createCatalogue());
const errorsOf = (text: string) => parse(text).errors.map(formatLoadError);

const GOOD = `name: "[GW-9] fine"
fleet:
  - family: gateway
steps:
  - advance: 8h
  - expect: { devices: gw-001, state: running }
`;

describe('parseScenarios', () => {
  it('reads a valid scenario, its IDs from the name, and its steps with their lines', () => {
    const { scenarios, errors } = parse(GOOD);
    expect(errors).toEqual([]);
    expect(scenarios[0]!.ids).toEqual(['GW-9']);
    expect(scenarios[0]!.steps.map((s) => [s.kind, s.line, s.path])).toEqual([['advance', 5, 'steps[0]'], ['expect', 6, 'steps[1]']]);
    expect(scenarios[0]!.steps[0]!.args).toEqual({ months: 0, ms: 8 * 3_600_000 });
  });

  it('reads a step\'s narration (`say:`) beside its kind, and keeps its arguments as written', () => {
    const { scenarios, errors } = parse(GOOD.replace('  - advance: 8h\n', '  - say: Eight hours pass.\n    advance: 8h\n'));
    expect(errors).toEqual([]);
    expect(scenarios[0]!.steps[0]).toMatchObject({ kind: 'advance', say: 'Eight hours pass.', written: '8h', args: { months: 0, ms: 8 * 3_600_000 }, line: 5 });
    expect(scenarios[0]!.steps[1]!.say).toBeUndefined();
  });

  it('refuses a narration that is not text, and a step of two kinds even with a narration', () => {
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - say: [a, b]\n    advance: 8h\n'))).toEqual(["x.yaml:5:5: steps[0].say: `say:` is the step's narration: a string"]);
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - say: hi\n    advance: 8h\n    reset: gw-001\n'))[0]).toContain('steps[0]: a step is a mapping with exactly one key');
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - say: only words\n'))[0]).toContain('steps[0]: a step is a mapping with exactly one key');
  });

  it('reads several scenarios from one file, one per YAML document', () => {
    expect(parse(`${GOOD}---\n${GOOD.replace('fine', 'also fine')}`).scenarios.map((s) => s.name)).toEqual(['[GW-9] fine', '[GW-9] also fine']);
  });

  it('names the line, column and path of a misspelt field, with the likely intent', () => {
    expect(errorsOf(GOOD.replace('state: running', 'stat: running'))).toEqual([
      "x.yaml:6:32: steps[1].expect.stat: unknown field 'stat' (did you mean 'state'?)",
    ]);
  });

  it('names an unknown step kind and an unknown family', () => {
    expect(errorsOf(GOOD.replace('advance:', 'advanse:'))).toEqual(["x.yaml:5:5: steps[0].advanse: unknown step 'advanse' (did you mean 'advance'?)"]);
    expect(errorsOf(GOOD.replace('family: gateway', 'family: gatway'))[0]).toMatch(/^x\.yaml:3:5: fleet\[0\]\.family: unknown family 'gatway' \(did you mean 'gateway'\?\); known: gateway/);
  });

  it('refuses a variant the family does not have', () => {
    expect(errorsOf(GOOD.replace('family: gateway', 'family: gateway\n    variant: manager'))[0]).toContain("fleet[0].variant: unknown variant 'manager'; the gateway family has none");
  });

  it('explains a bad value where it stands', () => {
    expect(errorsOf(GOOD.replace('advance: 8h', 'advance: 8 hours'))).toEqual(['x.yaml:5:5: steps[0].advance: expected a duration such as 90s, 5m, 8h, 3mo, 1y']);
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - advance: 8h\n    reset: gw-001\n'))[0]).toContain('steps[0]: a step is a mapping with exactly one key');
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(errorsOf(GOOD.replace('steps:', 'steps: [')).length).toBeGreaterThan(0);
    expect(errorsOf(`name: a\nname: b\nfleet: [{ family: gateway }]\nsteps: [{ advance: 1h }]\n`)).toEqual(["x.yaml:2:1: YAML: duplicate key 'name'"]);
  });

  it('refuses a file with no scenario and a scenario with no steps', () => {
    expect(errorsOf('')).toEqual(['x.yaml:1: no scenario in file']);
    expect(errorsOf(`name: a\nfleet: [{ family: gateway }]\nsteps: []\n`)[0]).toContain('steps');
  });

  it('reads a parallel block as one step holding its steps, each with its own path and line', () => {
    const { scenarios, errors } = parse(GOOD.replace('  - advance: 8h\n', '  - parallel:\n      - reset: gw-001\n      - expect: { devices: gw-001, state: running }\n'));
    expect(errors).toEqual([]);
    const block = scenarios[0]!.steps[0]!;
    expect(block).toMatchObject({ kind: 'parallel', path: 'steps[0]', line: 5 });
    expect(block.steps!.map((s) => [s.kind, s.path, s.line])).toEqual([['reset', 'steps[0].parallel[0]', 6], ['expect', 'steps[0].parallel[1]', 7]]);
  });

  it('refuses a parallel block of fewer than two steps, and steps that move time or nest blocks', () => {
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - parallel: [{ reset: gw-001 }]\n'))[0]).toMatch(/^x\.yaml:5:5: steps\[0\]\.parallel: a parallel block is a list of at least two steps/);
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - parallel:\n      - reset: gw-001\n      - advance: 1h\n'))).toEqual([
      "x.yaml:7:9: steps[0].parallel[1].advance: 'advance' cannot run in a parallel block: its steps all run at one virtual instant; put it before or after the block",
    ]);
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - parallel:\n      - reset: gw-001\n      - parallel: [{ reset: gw-001 }, { reset: gw-001 }]\n'))[0]).toContain("steps[0].parallel[1].parallel: 'parallel' cannot run in a parallel block");
  });

  it('names a bad field inside a parallel block where it stands', () => {
    expect(errorsOf(GOOD.replace('  - advance: 8h\n', '  - parallel:\n      - reset: gw-001\n      - expect: { devices: gw-001, stat: running }\n'))).toEqual([
      "x.yaml:7:36: steps[0].parallel[1].expect.stat: unknown field 'stat' (did you mean 'state'?)",
    ]);
  });

  it('reads an order item\'s start, a date or a duration after the scenario starts, and refuses a day that does not exist', () => {
    const withStart = (start: string) => GOOD.replace('steps:', `portal:\n  orders:\n    - id: o1\n      items: [{ feature: Port, start: ${start}, term: 1y }]\nsteps:`);
    expect(parse(withStart('2026-03-01')).scenarios[0]!.portal.orders[0]!.items[0]!.start).toEqual({ at: Date.UTC(2026, 2, 1) });
    expect(parse(withStart('60d')).scenarios[0]!.portal.orders[0]!.items[0]!.start).toEqual({ after: 60 * 86_400_000 });
    expect(parse(withStart('2026-03-01T12:30:00Z')).scenarios[0]!.portal.orders[0]!.items[0]!.start).toEqual({ at: Date.UTC(2026, 2, 1, 12, 30) });
    expect(errorsOf(withStart('2026-02-30'))).toEqual(['x.yaml:7:32: portal.orders[0].items[0].start: no such date']);
    expect(errorsOf(withStart('1 March'))[0]).toContain('start: expected a UTC date such as 2026-03-01 or 2026-03-01T12:00:00Z, or a duration such as 60d');
  });
});
