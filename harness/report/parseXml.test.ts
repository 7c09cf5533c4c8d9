import { describe, it, expect } from 'vitest';
import { parseXml } from './parseXml.fixture.ts';

describe('parseXml (test helper)', () => {
  it('reads elements, attributes, entities and text', () => {
    const root = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; &#10;2"><b/><c>t &lt;&#x41;</c></a>\n');
    expect(root.name).toBe('a');
    expect(root.attrs.x).toBe('1 & \n2');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[1]?.text).toBe('t <A');
  });

  it.each([
    ['a control character', '<a>\u001b</a>'],
    ['a bare ampersand', '<a>&</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a reference to an illegal character', '<a>&#0;</a>'],
    ['a raw < in an attribute', '<a x="<"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a>'],
    ['two roots', '<a/><b/>'],
  ])('rejects %s', (_what, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
