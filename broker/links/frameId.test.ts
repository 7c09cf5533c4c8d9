import { describe, expect, it } from 'vitest';
import { frameId } from './frameId.ts';

describe('frameId', () => {
  it.each([
    ['{"id":"r1","op":"x"}', 'r1'], ['{"id":""}', undefined], [`{"id":"${'x'.repeat(65)}"}`, undefined],
    ['{"id":7}', undefined], ['[1]', undefined], ['null', undefined], ['not json', undefined],
  ])('reads the ID of %s as %s', (frame, id) => {
    expect(frameId(frame)).toBe(id);
  });
});
