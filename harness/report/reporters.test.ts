import { describe, it, expect } from 'vitest';
import { createReporter, reporters } from './reporters.ts';

describe('reporters', () => {
  it('maps each name to a factory', () => {
    expect(Object.keys(reporters)).toEqual(['console', 'dot', 'github', 'junit', 'json', 'html', 'blob']);
    expect(createReporter('console', { out: { write: () => true } }).onScenarioEnd).toBeTypeOf('function');
    expect(createReporter('junit', { outputFile: 'x.xml' }).onRunEnd).toBeTypeOf('function');
    expect(createReporter('json', { outputFile: 'x.json' }).onRunEnd).toBeTypeOf('function');
  });
});
