/**
 * Escaping for XML 1.0 text and attributes. Characters XML 1.0 cannot hold at all (most control
 * characters, lone surrogates) are shown as `\u001b` or replaced by U+FFFD, never written raw,
 * because one such byte makes a JUnit consumer reject the whole report.
 */
import { showControls } from './showControls.ts';

const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function legal(text: string): string {
  return showControls(text).replace(NOT_XML_CHAR, '\ufffd');
}

export function xmlText(text: string): string {
  return legal(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Also escapes quotes and white space, which parsers would otherwise fold into spaces. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
