import { describe, expect, it } from 'vitest';
import { createLineSplitter, type SplitLine } from './lineSplitter.ts';

function split(limit: number, ...chunks: (string | Uint8Array)[]): SplitLine[] {
  const lines: SplitLine[] = [];
  const splitter = createLineSplitter({ limit, onLine: (line) => lines.push(line) });
  for (const chunk of chunks) splitter.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return lines;
}

describe('createLineSplitter', () => {
  it('ends a line at CR, LF or CRLF, across chunks, and skips empty lines', () => {
    expect(split(100, 'one\r', '\ntwo\nthr', 'ee\r\r\nfour\r\n\n')).toEqual([
      { kind: 'line', text: 'one' }, { kind: 'line', text: 'two' }, { kind: 'line', text: 'three' }, { kind: 'line', text: 'four' },
    ]);
  });

  it('keeps a line without its end until the end arrives', () => {
    expect(split(100, 'half a line')).toEqual([]);
  });

  it('discards a line over the limit as it arrives and reports it once with its length and first bytes', () => {
    const long = `~${'A'.repeat(40)}`;
    expect(split(20, `${long}\r\nnext\r\n`)).toEqual([
      { kind: 'overlong', bytes: 41, head: `~${'A'.repeat(15)}` },
      { kind: 'line', text: 'next' },
    ]);
  });

  it('reports a line that is not UTF-8 text', () => {
    expect(split(100, Uint8Array.from([0x7e, 0xff, 0xfe, 0x0d]), 'ok\n')).toEqual([
      { kind: 'notText', bytes: 3, head: '~\u00ff\u00fe' },
      { kind: 'line', text: 'ok' },
    ]);
  });

  it('forgets a partial line on reset', () => {
    const lines: SplitLine[] = [];
    const splitter = createLineSplitter({ limit: 100, onLine: (line) => lines.push(line) });
    splitter.feed(Buffer.from('~eyJp'));
    splitter.reset();
    splitter.feed(Buffer.from('fresh\r\n'));
    expect(lines).toEqual([{ kind: 'line', text: 'fresh' }]);
  });
});
