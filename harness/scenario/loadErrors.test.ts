import { describe, it, expect } from 'vitest';
import { formatLoadError, loadFailure } from './loadErrors.ts';

describe('formatLoadError', () => {
  it('names file, line, column and YAML path', () => {
    expect(formatLoadError({ file: 'scenarios/gw.yaml', line: 12, column: 5, path: 'steps[4].expect', message: 'unknown state "runing"' }))
      .toBe('scenarios/gw.yaml:12:5: steps[4].expect: unknown state "runing"');
  });

  it('leaves out the parts it does not know', () => {
    expect(formatLoadError({ file: 'a.yaml', message: 'file not found' })).toBe('a.yaml: file not found');
    expect(formatLoadError({ file: 'a.yaml', line: 3, message: 'bad indent' })).toBe('a.yaml:3: bad indent');
    expect(formatLoadError({ file: 'a.yaml', column: 3, path: '', message: 'x' })).toBe('a.yaml: x');
  });
});

describe('loadFailure', () => {
  it('counts errors and files in its message', () => {
    const f = loadFailure('SCENARIO_INVALID', [
      { file: 'a.yaml', message: 'x' },
      { file: 'a.yaml', message: 'y' },
      { file: 'b.yaml', message: 'z' },
    ]);
    expect(f).toMatchObject({ code: 'SCENARIO_INVALID', message: '3 errors in 2 files' });
    expect(f.errors).toHaveLength(3);
  });

  it('says no scenarios were found when there is nothing to run', () => {
    expect(loadFailure('NO_SCENARIOS', []).message).toBe('no scenarios found');
  });
});
