/**
 * Makes control characters visible (`\u001b`), so text from devices and scenario files cannot
 * move the cursor or recolour a terminal, and survives in reports that cannot hold it (XML 1.0).
 * Tabs and line feeds stay as they are.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function showControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
