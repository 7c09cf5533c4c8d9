import { describe, it, expect } from 'vitest';
import { createLineReader, type LineEvent } from './lineReader.ts';

function reader(limitFor: (first: number) => number = () => 16) {
  const events: LineEvent[] = [];
  const echoed: number[] = [];
  const r = createLineReader({ limitFor, onEvent: (e) => events.push(e), echo: (b) => echoed.push(...b), quietFirstByte: 0x7e });
  return { events, echo: () => Buffer.from(echoed).toString('latin1'), feed: (s: string | Uint8Array) => r.feed(typeof s === 'string' ? Buffer.from(s, 'utf8') : s) };
}

const lines = (events: LineEvent[]) => events.map((e) => (e.kind === 'line' ? e.text : `<${e.kind}>`));

describe('lineReader', () => {
  it('ends a line at CR, LF or CRLF, even with the LF in the next chunk, and skips telnet\'s NUL after CR', () => {
    const t = reader();
    t.feed('a\r');
    t.feed('\nb\nc\r\0d\r\r');
    expect(lines(t.events)).toEqual(['a', 'b', 'c', 'd', '']);
  });

  it('erases whole UTF-8 characters, and a control byte erased is no longer garbage', () => {
    const t = reader();
    t.feed('Grüß\x7f\r');
    t.feed('ab\x1b\bc\r');
    t.feed('\b\b\r');
    expect(lines(t.events)).toEqual(['Grü', 'abc', '']);
  });

  it('keeps tabs, refuses C0 and C1 controls and bad UTF-8 as garbage, once per line', () => {
    const t = reader(() => 64);
    t.feed('a\tb\r');
    t.feed(Uint8Array.from([0x61, 0x00, 0x01, 0x02, 0x0d]));
    t.feed('x\u0085y\r');
    t.feed(Uint8Array.from([0xc3, 0x28, 0x0d]));
    expect(t.events).toEqual([
      { kind: 'line', text: 'a\tb' },
      { kind: 'garbage', bytes: 4, firstByte: 0x61 },
      { kind: 'garbage', bytes: 4, firstByte: 0x78 },
      { kind: 'garbage', bytes: 2, firstByte: 0xc3 },
    ]);
  });

  it('discards a 1 MiB line up to its end and reports it once, then reads the next line', () => {
    const t = reader(() => 4096);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    for (let i = 0; i < 16; i++) t.feed(chunk);
    t.feed('\rstatus\r');
    expect(t.events).toEqual([{ kind: 'overlong', bytes: 1024 * 1024, firstByte: 0x41, limit: 4096 }, { kind: 'line', text: 'status' }]);
    expect(t.echo().length).toBe(4096 + 2 + 6 + 2);
  });

  it('takes its limit from the line\'s first byte, so frames may be longer than typed lines', () => {
    const t = reader((first) => (first === 0x7e ? 32 : 8));
    t.feed(`~${'x'.repeat(30)}\r${'y'.repeat(9)}\r`);
    expect(lines(t.events)).toEqual([`~${'x'.repeat(30)}`, '<overlong>']);
  });

  it('echoes typed text but not frame lines, and drops a line on Ctrl-C', () => {
    const t = reader();
    t.feed('ab\bc\r~frame\rxy\x03z\r');
    expect(t.echo()).toBe('ab\b \bc\r\nxy^C\r\nz\r\n');
    expect(lines(t.events)).toEqual(['ac', '~frame', '<cancel>', 'z']);
  });

  it('echoes only valid UTF-8: a character split across chunks once whole, bytes that are not UTF-8 as U+FFFD', () => {
    const t = reader();
    t.feed(Uint8Array.from([0x47, 0xc3]));
    t.feed(Uint8Array.from([0xbc, 0x0d]));
    t.feed(Uint8Array.from([0x61, 0xff, 0xc3, 0x28, 0x80, 0xed, 0xa0, 0x80, 0xe2, 0x82, 0x0d]));
    expect(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(t.echo(), 'latin1'))).toBe('Gü\r\na\ufffd\ufffd(\ufffd\ufffd\ufffd\r\n');
    expect(lines(t.events)).toEqual(['Gü', '<garbage>']);
  });
});
