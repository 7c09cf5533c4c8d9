/* global navigator, window */
// Small pieces several pages share: a virtual instant in words, and copying to the clipboard.

/** A virtual instant as the pages show it: `2026-01-01 10:00:00 UTC`; a dash for none. */
export function utcTime(ms) {
  return ms === null || ms === undefined ? '—' : `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * Copies `text` to the clipboard; where the browser refuses (no secure context, no permission),
 * selects the text in `node` instead so Ctrl+C copies it. Resolves with what happened, for a
 * status line.
 */
export async function copyText(text, node) {
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied to the clipboard.';
  } catch {
    window.getSelection()?.selectAllChildren(node);
    return 'The browser would not copy: the text is selected, press Ctrl+C to copy it.';
  }
}
