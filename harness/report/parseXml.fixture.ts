/**
 * A strict XML 1.0 reader for the reporter tests, so they check well-formedness the way a JUnit
 * consumer does (legal characters, balanced tags, quoted attributes, known entities) and then
 * assert on the tree. It reads the subset reports use: a declaration, elements, attributes and
 * text; no DTD, comments, CDATA or processing instructions. It throws on anything else.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const LEGAL = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  if (!LEGAL.test(xml)) throw new Error('document holds characters XML 1.0 forbids');
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${pos}: ${JSON.stringify(xml.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (pos < xml.length && ' \t\r\n'.includes(xml[pos]!)) pos++;
  };
  const name = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(xml);
    if (!m) return fail('expected a name');
    pos += m[0].length;
    return m[0];
  };
  const decode = (raw: string): string => {
    if (raw.includes('<')) fail('raw < in text or attribute');
    return raw.replace(/&([^;]*);?/g, (all, ref: string) => {
      if (!all.endsWith(';')) return fail(`bare & (${all})`);
      if (ref in ENTITIES) return ENTITIES[ref]!;
      const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? Number(ref.slice(1)) : NaN;
      const char = Number.isNaN(code) ? '' : String.fromCodePoint(code);
      if (char === '' || !LEGAL.test(char)) return fail(`bad reference &${ref};`);
      return char;
    });
  };
  const element = (): XmlElement => {
    if (xml[pos] !== '<') fail('expected <');
    pos++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (xml[pos] === '>') break;
      const attr = name();
      skipSpace();
      if (xml[pos] !== '=') fail('expected =');
      pos++;
      skipSpace();
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") return fail('unquoted attribute');
      const end = xml.indexOf(quote, pos + 1);
      if (end < 0) fail('unterminated attribute');
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      // Literal white space in attribute values is folded into spaces, as XML 1.0 says.
      el.attrs[attr] = decode(xml.slice(pos + 1, end).replace(/[\t\n\r]/g, ' '));
      pos = end + 1;
    }
    pos++;
    for (;;) {
      const next = xml.indexOf('<', pos);
      if (next < 0) fail(`unclosed <${el.name}>`);
      const raw = xml.slice(pos, next);
      if (raw.includes(']]>')) fail(']]> in text');
      el.text += decode(raw);
      pos = next;
      if (xml.startsWith('</', pos)) {
        pos += 2;
        if (name() !== el.name) fail(`mismatched end tag for <${el.name}>`);
        skipSpace();
        if (xml[pos] !== '>') fail('expected >');
        pos++;
        return el;
      }
      if (xml[pos + 1] === '!' || xml[pos + 1] === '?') fail('unsupported markup');
      el.children.push(element());
    }
  };
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>/.exec(xml);
  if (declaration) pos = declaration[0].length;
  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== xml.length) fail('content after the root element');
  return root;
}
