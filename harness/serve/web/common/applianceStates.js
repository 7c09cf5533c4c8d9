/* global document, getComputedStyle */
// How a page names an appliance's state from its live-feed snapshot (ApplianceState and its
// family's extension, firmware-sim/<family>/): one of six tile states, each with a colour
// (a CSS custom property of fleetrig.css), a text label and a one-letter code for small tiles.

/** In legend order. */
export const TILE_STATES = [
  { key: 'off', label: 'off', letter: 'O' },
  { key: 'booting', label: 'booting', letter: 'B' },
  { key: 'running', label: 'running', letter: 'R' },
  { key: 'test-mode', label: 'test mode', letter: 'T' },
  { key: 'unlicensed', label: 'unlicensed', letter: 'U' },
  { key: 'licensed', label: 'licensed', letter: 'L' },
];

export const TILE_STATE = Object.fromEntries(TILE_STATES.map((s) => [s.key, s]));

/** SmartServer field devices by colour [SS-7]: purple, blue, green. */
export const FIELD_COLOURS = [
  { key: 'unlicensed', colour: 'purple', label: 'unlicensed' },
  { key: 'unprovisioned', colour: 'blue', label: 'unprovisioned' },
  { key: 'provisioned', colour: 'green', label: 'provisioned' },
];

/**
 * The tile state of a device: off and booting as the firmware says; once running, a gateway in
 * test mode is `test-mode`; an audio device is licensed while enrolled (its licenses live in the
 * service); a SmartServer whose firmware needs no license (before 3.3) is plain `running`;
 * otherwise licensed when a license is in effect, unlicensed when none is.
 */
export function tileState(device) {
  if (device.state !== 'running') return device.state === 'booting' ? 'booting' : 'off';
  if (device.testMode?.on) return 'test-mode';
  if (device.family === 'audio') return device.enrollment ? 'licensed' : 'unlicensed';
  if (device.family === 'smartserver' && device.licensingRequired === false) return 'running';
  return device.licenses.length > 0 ? 'licensed' : 'unlicensed';
}

/** The colours of the states and field devices, read once from the stylesheet (for canvas). */
export function stateColours(element = document.documentElement) {
  const style = getComputedStyle(element);
  const read = (name) => style.getPropertyValue(name).trim();
  return {
    state: Object.fromEntries(TILE_STATES.map((s) => [s.key, read(`--state-${s.key}`)])),
    field: Object.fromEntries(FIELD_COLOURS.map((f) => [f.key, read(`--field-${f.key}`)])),
  };
}

/** What a device's state says in words, for its accessible name: `ss-001: licensed; field devices …`. */
export function describeDevice(device) {
  const words = [`${device.deviceId}: ${TILE_STATE[tileState(device)].label}`];
  if (device.fieldDevices) words.push(`field devices ${describeFieldDevices(device.fieldDevices)}`);
  return words.join('; ');
}

export function describeFieldDevices(counts) {
  return FIELD_COLOURS.map((f) => `${counts[f.key]} ${f.colour} (${f.label})`).join(', ');
}
