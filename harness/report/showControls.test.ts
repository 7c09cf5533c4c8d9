import { describe, it, expect } from 'vitest';
import { showControls } from './showControls.ts';

describe('showControls', () => {
  it('makes control characters visible and keeps tabs and line feeds', () => {
    expect(showControls('a\u001b[31mb\u0000c\u007f')).toBe('a\\u001b[31mb\\u0000c\\u007f');
    expect(showControls('one\ttwo\nthree\r')).toBe('one\ttwo\nthree\\u000d');
    expect(showControls('→ ✓ ümlaut')).toBe('→ ✓ ümlaut');
  });
});
