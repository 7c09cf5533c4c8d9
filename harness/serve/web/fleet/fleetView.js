/* global document, window, location, requestAnimationFrame, performance, CustomEvent, setInterval, addEventListener */
/* eslint-disable no-restricted-globals -- the clock display ticks on the browser's wall time; virtual time comes from the feed */
// The fleet view at /: every appliance of the live feed as a tile, grouped by family. Messages
// only record what changed; one animation frame paints it all, so 10,000 devices changing at
// once cost one repaint, not 10,000. After each paint <html data-seq> holds the last sequence
// number shown and a `fleet:paint` event tells tests and the bench.

import { stateColours, TILE_STATES, tileState } from '../common/applianceStates.js';
import { connectLive } from '../common/liveClient.js';
import { createDeviceList } from './deviceList.js';
import { createTileCanvas } from './tileCanvas.js';

const FAMILY_ORDER = ['gateway', 'smartserver', 'video', 'audio'];

const root = document.documentElement;
const groupsElement = document.getElementById('groups');
const filterElement = document.getElementById('family-filter');
const statusElement = document.getElementById('live-status');
const clockElement = document.getElementById('clock');
const colours = stateColours();

const devices = new Map();
/** family → { section, tiles, list, summary, checkbox, members } */
const groups = new Map();
const changed = new Set();
const relayout = new Set();
let lastSeq = 0;
let frame = 0;
let clock = null;
let clockAt = 0;

function familyRank(family) {
  const i = FAMILY_ORDER.indexOf(family);
  return i === -1 ? FAMILY_ORDER.length : i;
}

function group(family) {
  let g = groups.get(family);
  if (g) return g;
  const section = document.createElement('section');
  section.setAttribute('role', 'region');
  section.setAttribute('aria-label', family);
  section.dataset.family = family;
  const heading = document.createElement('h2');
  heading.textContent = family;
  const summary = document.createElement('p');
  summary.className = 'summary';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  const list = document.createElement('ul');
  list.className = 'visually-hidden';
  list.setAttribute('aria-label', `${family} devices`);
  section.append(heading, summary, canvas, list);

  const label = document.createElement('label');
  const checkbox = document.createElement('input');
  checkbox.type = 'checkbox';
  checkbox.checked = true;
  checkbox.addEventListener('change', () => {
    section.hidden = !checkbox.checked;
    if (checkbox.checked) {
      relayout.add(family);
      schedule();
    }
  });
  label.append(checkbox, ` ${family}`);

  // Keep the families in a fixed order, whichever appears first.
  const after = [...groups.keys()].filter((f) => familyRank(f) > familyRank(family) || (familyRank(f) === familyRank(family) && f > family))
    .sort((a, b) => familyRank(a) - familyRank(b) || a.localeCompare(b))[0];
  groupsElement.insertBefore(section, after ? groups.get(after).section : null);
  filterElement.insertBefore(label, after ? groups.get(after).label : null);

  const tiles = createTileCanvas({ canvas, colours });
  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    const id = tiles.deviceAt(event.clientX - box.left, event.clientY - box.top);
    if (id !== undefined) location.assign(`/devices/${encodeURIComponent(id)}/`);
  });
  canvas.addEventListener('mousemove', (event) => {
    const box = canvas.getBoundingClientRect();
    const id = tiles.deviceAt(event.clientX - box.left, event.clientY - box.top);
    canvas.style.cursor = id === undefined ? 'default' : 'pointer';
    canvas.title = id ?? '';
  });
  g = { section, tiles, list: createDeviceList({ list }), summary, checkbox, label, canvas };
  groups.set(family, g);
  return g;
}

function schedule() {
  if (frame === 0) frame = requestAnimationFrame(paint);
}

function membersOf(family) {
  return [...devices.values()].filter((d) => d.family === family).sort((a, b) => a.deviceId.localeCompare(b.deviceId, 'en', { numeric: true }));
}

function summarise(family) {
  const counts = new Map(TILE_STATES.map((s) => [s.key, 0]));
  let total = 0;
  for (const d of devices.values()) {
    if (d.family !== family) continue;
    total++;
    counts.set(tileState(d), counts.get(tileState(d)) + 1);
  }
  const parts = TILE_STATES.filter((s) => counts.get(s.key) > 0).map((s) => `${counts.get(s.key).toLocaleString('en')} ${s.label}`);
  return `${total.toLocaleString('en')} ${total === 1 ? 'device' : 'devices'}: ${parts.join(', ') || 'none'}`;
}

function paint() {
  frame = 0;
  const started = performance.now();
  let painted = 0;
  const laidOut = new Set(relayout);
  const touched = new Set(relayout);
  for (const family of relayout) {
    const g = group(family);
    const members = membersOf(family);
    g.tiles.setDevices(members);
    g.list.setDevices(members);
  }
  relayout.clear();
  for (const id of changed) {
    const device = devices.get(id);
    if (!device) continue;
    if (laidOut.has(device.family)) continue;
    const g = groups.get(device.family);
    g.tiles.update(device);
    g.list.update(device);
    touched.add(device.family);
  }
  changed.clear();
  for (const family of touched) {
    const g = groups.get(family);
    if (!g) continue;
    g.summary.textContent = summarise(family);
    if (!g.section.hidden) painted += g.tiles.paint();
    else g.tiles.relayout();
  }
  root.dataset.seq = String(lastSeq);
  document.dispatchEvent(new CustomEvent('fleet:paint', { detail: { seq: lastSeq, tiles: painted, ms: performance.now() - started } }));
}

function applySnapshot(message) {
  devices.clear();
  for (const d of message.devices) devices.set(d.deviceId, d);
  for (const [family, g] of groups) {
    if (![...devices.values()].some((d) => d.family === family)) {
      g.section.remove();
      g.label.remove();
      groups.delete(family);
    }
  }
  for (const d of devices.values()) relayout.add(d.family);
  setClock(message.clock);
  lastSeq = message.seq;
  schedule();
}

function applyMessage(message) {
  lastSeq = message.seq;
  if (message.type === 'clock') setClock(message.clock);
  else if (message.type === 'removed') {
    const gone = devices.get(message.deviceId);
    devices.delete(message.deviceId);
    if (gone) relayout.add(gone.family);
  } else if (message.type === 'change') {
    const before = devices.get(message.device.deviceId);
    devices.set(message.device.deviceId, message.device);
    if (!before || before.family !== message.device.family) {
      relayout.add(message.device.family);
      if (before) relayout.add(before.family);
    } else changed.add(message.device.deviceId);
  }
  schedule();
}

function setClock(state) {
  clock = state;
  clockAt = performance.now();
  showClock();
}

/** Virtual time moves between clock messages at the speed given, so the page extrapolates. */
function showClock() {
  if (!clock) return;
  const now = clock.now + (clock.running ? (performance.now() - clockAt) * clock.speed : 0);
  const text = new Date(now).toISOString().replace('T', ' ').slice(0, 19);
  clockElement.textContent = `${text} · ${clock.running ? `×${clock.speed}` : 'paused'}`;
}
setInterval(showClock, 1000);

function legend() {
  const element = document.getElementById('legend');
  for (const s of TILE_STATES) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch state-${s.key}`;
    swatch.textContent = s.letter;
    item.append(swatch, s.label);
    element.append(item);
  }
}
legend();

addEventListener('resize', () => {
  for (const family of groups.keys()) relayout.add(family);
  schedule();
});

const live = connectLive({
  onSnapshot: applySnapshot,
  onMessage: applyMessage,
  onStatus: (status) => {
    root.dataset.live = status;
    statusElement.textContent = { connecting: 'connecting…', open: 'live', reconnecting: 'reconnecting…' }[status];
  },
});

/** For browser tests and the bench: where a tile is on the page, and the socket to drop. */
window.fleetView = {
  live,
  seq: () => lastSeq,
  tileCenter(deviceId) {
    const device = devices.get(deviceId);
    const g = device && groups.get(device.family);
    const rect = g?.tiles.tileRect(deviceId);
    if (!rect) return undefined;
    const box = g.canvas.getBoundingClientRect();
    return { x: box.left + rect.x + rect.w / 2, y: box.top + rect.y + rect.h / 2 };
  },
};
