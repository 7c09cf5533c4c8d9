import { describe, it, expect } from 'vitest';
import { canonical, jsonReporter, renderJsonTrace } from './jsonReporter.ts';
import type { RunResult } from './RunResult.ts';
import { failedScenario, sampleRun } from './sampleRun.fixture.ts';

describe('renderJsonTrace', () => {
  it('writes seed, files with their scenarios, and the totals, without wall times', () => {
    const text = renderJsonTrace(sampleRun);
    const trace = JSON.parse(text);
    expect(Object.keys(trace)).toEqual(['seed', 'files', 'passed', 'failed']);
    expect(trace).toMatchObject({ seed: 42, passed: 2, failed: 1 });
    expect(trace.files.map((f: { file: string }) => f.file)).toEqual(['scenarios/gw-test-mode.yaml', 'scenarios/gw-move.yaml']);
    const failed = trace.files[0].scenarios[1];
    expect(Object.keys(failed)).toEqual(['name', 'ids', 'status', 'failure', 'devices', 'steps', 'virtualMs', 'trace']);
    expect(failed).toMatchObject({ name: failedScenario.name, ids: ['GW-9'], status: 'failed', devices: 1, steps: 5 });
    expect(failed.failure).toMatchObject({ message: failedScenario.failure?.message, line: 14, path: 'steps[4].expect', expected: 'running' });
    expect(trace.files[0].scenarios[0].failure).toBeNull();
    expect(text).not.toContain('wallMs');
  });

  it('is two-space indented with a trailing newline', () => {
    const text = renderJsonTrace(sampleRun);
    expect(text.startsWith('{\n  "seed": 42,\n  "files": [\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes the same bytes for the same run, whatever order its objects were built in and however long it took', () => {
    const [file] = sampleRun.files;
    const rebuilt: RunResult = {
      wallMs: 99_999,
      failed: 1,
      passed: 2,
      files: [
        {
          scenarios: file!.scenarios.map((s) => ({
            trace: s.trace.map((e) => ({ data: e.data === undefined ? undefined : { a: 1, b: 2 }, text: e.text, device: e.device, kind: e.kind, t: e.t })),
            wallMs: s.wallMs * 7,
            virtualMs: s.virtualMs,
            steps: s.steps,
            devices: s.devices,
            failure: s.failure,
            status: s.status,
            ids: s.ids,
            name: s.name,
            file: s.file,
          })),
          file: file!.file,
        },
        sampleRun.files[1]!,
      ],
      seed: 42,
    };
    expect(renderJsonTrace(rebuilt)).toBe(renderJsonTrace(sampleRun));
  });
});

describe('canonical', () => {
  it('sorts keys at every depth and turns values JSON cannot hold into strings', () => {
    expect(JSON.stringify(canonical({ b: [{ d: 1, c: 2 }], a: 10n }))).toBe('{"a":"10","b":[{"c":2,"d":1}]}');
    expect(canonical(new Uint8Array([1, 255]))).toBe('01ff');
    expect(canonical(undefined)).toBeUndefined();
  });
});

describe('jsonReporter', () => {
  it('writes the trace to its file when the run ends', async () => {
    const written: Array<[string, string]> = [];
    const reporter = jsonReporter({ outputFile: 'out/trace.json', writeFile: async (path, text) => void written.push([path, text]) });
    await reporter.onRunEnd?.(sampleRun);
    expect(written).toEqual([['out/trace.json', renderJsonTrace(sampleRun)]]);
  });
});
