import { InvalidArgumentError } from 'commander';
import { describe, it, expect } from 'vitest';
import { parseBrokerUrl, parseIoTimeout, parseSeed } from './flagParsers.ts';

describe('parseSeed', () => {
  it('accepts non-negative integers', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['-1', '1.5', '0x10', ' 4', 'abc', '', String(2 ** 53)])('rejects %j', (value) => {
    expect(() => parseSeed(value)).toThrow(InvalidArgumentError);
  });
});

describe('parseBrokerUrl', () => {
  it('accepts mqtt://host:port, with or without port and credentials', () => {
    for (const url of ['mqtt://127.0.0.1:1883', 'mqtt://broker.local', 'mqtt://user:pw@[::1]:1884/']) expect(parseBrokerUrl(url)).toBe(url);
  });

  it.each(['http://127.0.0.1:1883', 'mqtts://', 'localhost:1883', 'mqtt://h:1883/x', 'mqtt://h?x=1', 'mqtt:///path'])('rejects %j', (value) => {
    expect(() => parseBrokerUrl(value)).toThrow(InvalidArgumentError);
  });
});

describe('parseIoTimeout', () => {
  it('accepts a positive number of milliseconds', () => {
    expect(parseIoTimeout('1')).toBe(1);
    expect(parseIoTimeout('30000')).toBe(30_000);
  });

  it.each(['0', '-1', '1.5', '10s', ' 5', '', String(2 ** 53)])('rejects %j', (value) => {
    expect(() => parseIoTimeout(value)).toThrow(InvalidArgumentError);
  });
});
