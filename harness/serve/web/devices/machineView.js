// The machine view: a device's lifecycle machine drawn from its definition as nested boxes
// (a compound state holds its substates), each state's ways out with the events that take
// them, the states the machine is in marked `current`, and the latest transitions XState's
// inspection reported. Everything comes from GET /api/v1/fleet/devices/<id>/machine, which
// fleetrig serves itself (Stately's inspector needs its website; a lab may not reach it).

import { el } from '/common/api.js';

/** How many of the transitions the device keeps are shown, newest first. */
const SHOWN = 20;

/** 30000 → `30 s`, 28800000 → `8 h`: a delay as a person would say it. */
function durationText(ms) {
  const units = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** Virtual epoch ms as `2026-12-01 13:20:05` (UTC), the rig's clock, not the browser's. */
function virtualTime(ms) {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** A state node id as a path inside its machine: `gateway.running.testMode` → `running.testMode`. */
const pathOf = (rootId, id) => (id.startsWith(`${rootId}.`) ? id.slice(rootId.length + 1) : id);

/** `RESET → booting`, `after:bootTime (30 s) → running`, `always if isEnrolled → enrolled`, `NOTE (stays; runs count)`. */
function transitionText(t, rootId, delays) {
  const wait = t.delay === undefined ? '' : ` (${durationText(typeof t.delay === 'number' ? t.delay : delays[t.delay] ?? 0)})`;
  const guard = t.guard === undefined ? '' : ` if ${t.guard}`;
  const actions = t.actions.length === 0 ? '' : `; runs ${t.actions.join(', ')}`;
  if (t.targets.length === 0) return `${t.event}${wait}${guard} (stays${actions})`;
  const targets = t.targets.map((id) => pathOf(rootId, id)).join(', ');
  return `${t.event}${wait}${guard} → ${targets}${t.reenter ? ' (re-entered)' : ''}${actions ? ` (${actions.slice(2)})` : ''}`;
}

/**
 * Builds the view in `root` (a section headed "State machine") and returns `update()`, which
 * reads the machine API and redraws only what changed: the boxes once, the current marks when
 * the machine moves, the table rows when a transition is added.
 */
export function mountMachineView(root, { deviceId, get, errorText }) {
  const status = el('p', { class: 'machine-status', role: 'status', 'aria-live': 'polite' });
  const diagram = el('div', { class: 'machine-diagram' });
  const rows = el('tbody');
  const table = el('table', { class: 'machine-transitions', 'aria-label': 'Latest transitions' },
    el('caption', {}, 'Newest first, at the rig\'s virtual time (UTC)'),
    el('thead', {}, el('tr', {}, ...['Virtual time', 'Event', 'From', 'To'].map((h) => el('th', { scope: 'col' }, h)))),
    rows);
  const empty = el('p', {}, 'No transitions yet.');
  const error = el('p', { class: 'error', role: 'alert' });
  root.append(status, diagram, el('h3', {}, 'Latest transitions'), empty, table, error);

  /** State id → its box and its `current` label, for marking without redrawing. */
  const boxes = new Map();
  let drawnFrom = null;
  let lastCurrent = '';
  const rowsByKey = new Map();
  let lastRows = '';
  let asked = 0;
  let shown = 0;

  function stateBox(node, rootId, delays, initialId) {
    const path = pathOf(rootId, node.id);
    const mark = el('span', { class: 'badge ok machine-current-mark', hidden: true }, 'current');
    const head = el('p', { class: 'machine-state-head' },
      el('span', { class: 'machine-state-name' }, node.key),
      node.id === initialId ? el('span', { class: 'machine-initial' }, 'initial') : '',
      mark);
    const ways = node.transitions.length === 0 ? ''
      : el('ul', { class: 'machine-ways', 'aria-label': `Transitions from ${path}` },
        ...node.transitions.map((t) => el('li', {}, transitionText(t, rootId, delays))));
    const children = node.states.length === 0 ? ''
      : el('div', { class: 'machine-children' }, ...node.states.map((child) => stateBox(child, rootId, delays, node.initial)));
    const box = el('div', { class: `machine-state machine-${node.type}`, role: 'group', 'aria-label': `State ${path}`, 'data-state': node.id }, head, ways, children);
    boxes.set(node.id, { box, mark });
    return box;
  }

  function draw(definition, delays) {
    boxes.clear();
    diagram.replaceChildren(...definition.states.map((node) => stateBox(node, definition.id, delays, definition.initial)));
    lastCurrent = '';
  }

  function markCurrent(definition, current) {
    const key = current.join(' ');
    if (key === lastCurrent) return;
    lastCurrent = key;
    const active = new Set(current);
    for (const [id, { box, mark }] of boxes) {
      box.classList.toggle('machine-is-current', active.has(id));
      mark.hidden = !active.has(id);
    }
    const innermost = current.at(-1);
    status.textContent = innermost === undefined ? 'Current state: unknown' : `Current state: ${pathOf(definition.id, innermost)}`;
  }

  function showTransitions(transitions) {
    const latest = transitions.slice(-SHOWN).reverse();
    const keys = latest.map((t) => `${t.at}|${t.event}|${t.from}|${t.to}`);
    const signature = keys.join('\n');
    empty.hidden = latest.length > 0;
    table.hidden = latest.length === 0;
    if (signature === lastRows) return;
    lastRows = signature;
    // Rows already shown are kept as they are; only new ones are built.
    const next = new Map();
    const built = latest.map((t, i) => {
      const row = rowsByKey.get(keys[i]) ?? el('tr', {},
        el('td', {}, virtualTime(t.at)), el('td', {}, el('code', {}, t.event)), el('td', {}, t.from ?? '—'), el('td', {}, t.to));
      next.set(keys[i], row);
      return row;
    });
    rowsByKey.clear();
    for (const [key, row] of next) rowsByKey.set(key, row);
    rows.replaceChildren(...built);
  }

  return async function update() {
    const ask = ++asked;
    const read = await get(`/api/v1/fleet/devices/${encodeURIComponent(deviceId)}/machine`);
    // Reads overlap when the live feed and the timer both refresh: an older answer must not win.
    if (ask < shown) return;
    shown = ask;
    if (!read.ok) {
      error.textContent = errorText(read);
      return;
    }
    error.textContent = '';
    const { definition, current, transitions, delays } = read.value;
    // A machine's definition never changes while it runs: its id and this device's delays say when to redraw.
    const drawn = `${definition.id} ${JSON.stringify(delays)}`;
    if (drawn !== drawnFrom) {
      drawnFrom = drawn;
      draw(definition, delays);
    }
    markCurrent(definition, current);
    showTransitions(transitions);
  };
}
