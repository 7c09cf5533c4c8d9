/* global window */
// One family's tiles on one <canvas>: layout, painting only the tiles that changed, and
// hit-testing a click back to its device. Small fleets get large tiles with the device ID and
// the state in words; large ones compact tiles with the state's letter (the legend names it).

import { FIELD_COLOURS, TILE_STATE, tileState } from '../common/applianceStates.js';

/** Up to this many devices in a group get large, labelled tiles. */
export const LARGE_LIMIT = 240;

const LARGE = { w: 184, h: 64, gap: 8 };
const LARGE_FIELD = { w: 280, h: 110, gap: 8 };
const COMPACT = { w: 20, h: 20, gap: 3 };

export function createTileCanvas({ canvas, colours }) {
  const ctx = canvas.getContext('2d');
  let devices = [];
  const index = new Map();
  let size = COMPACT;
  let large = false;
  let cols = 1;
  let dpr = 1;
  let dirty = new Set();
  let needsLayout = true;

  const layout = () => {
    large = devices.length <= LARGE_LIMIT;
    const field = devices.some((d) => d.fieldDevices);
    size = large ? (field ? LARGE_FIELD : LARGE) : COMPACT;
    const width = Math.max(size.w, canvas.parentElement.clientWidth);
    cols = Math.max(1, Math.floor((width + size.gap) / (size.w + size.gap)));
    const rows = Math.ceil(devices.length / cols);
    dpr = window.devicePixelRatio || 1;
    const height = Math.max(0, rows * (size.h + size.gap) - size.gap);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    needsLayout = false;
  };

  const origin = (i) => ({ x: (i % cols) * (size.w + size.gap), y: Math.floor(i / cols) * (size.h + size.gap) });

  const drawTile = (i) => {
    const device = devices[i];
    const { x, y } = origin(i);
    const state = TILE_STATE[tileState(device)];
    ctx.clearRect(x, y, size.w, size.h);
    ctx.fillStyle = colours.state[state.key];
    ctx.fillRect(x, y, size.w, size.h);
    ctx.fillStyle = '#fff';
    if (!large) {
      ctx.font = 'bold 13px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(state.letter, x + size.w / 2, y + (device.fieldDevices ? 7 : size.h / 2));
      if (device.fieldDevices) drawFieldStripe(device.fieldDevices, x, y + size.h - 7, size.w, 7);
      return;
    }
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    ctx.font = 'bold 18px system-ui, sans-serif';
    ctx.fillText(device.deviceId, x + 8, y + 24, size.w - 16);
    ctx.font = '17px system-ui, sans-serif';
    ctx.fillText(state.label, x + 8, y + 50, size.w - 16);
    if (device.fieldDevices) drawFieldCounts(device.fieldDevices, x + 6, y + 60, size.w - 12, 44);
  };

  /** [SS-7] three boxes, purple / blue / green, each with its count over the word for its colour (a box is too narrow for both on one line). */
  const drawFieldCounts = (counts, x, y, w, h) => {
    const boxW = (w - 8) / 3;
    FIELD_COLOURS.forEach((f, k) => {
      const bx = x + k * (boxW + 4);
      ctx.fillStyle = colours.field[f.key];
      ctx.fillRect(bx, y, boxW, h);
      ctx.strokeStyle = '#fff';
      ctx.strokeRect(bx + 0.5, y + 0.5, boxW - 1, h - 1);
      ctx.fillStyle = '#fff';
      ctx.font = 'bold 18px system-ui, sans-serif';
      ctx.fillText(String(counts[f.key]), bx + 5, y + 19, boxW - 10);
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText(f.label, bx + 5, y + h - 8, boxW - 10);
    });
  };

  /** Compact tiles: a stripe split in proportion to the purple / blue / green counts. */
  const drawFieldStripe = (counts, x, y, w, h) => {
    const total = counts.total || 1;
    let at = x;
    for (const f of FIELD_COLOURS) {
      const part = (counts[f.key] / total) * w;
      ctx.fillStyle = colours.field[f.key];
      ctx.fillRect(at, y, part, h);
      at += part;
    }
  };

  return {
    /** Replaces the devices shown, in order; the next paint lays out again. */
    setDevices(list) {
      devices = list;
      index.clear();
      list.forEach((d, i) => index.set(d.deviceId, i));
      needsLayout = true;
    },
    /** A shown device changed; false when it is not one of this canvas's tiles. */
    update(device) {
      const i = index.get(device.deviceId);
      if (i === undefined) return false;
      devices[i] = device;
      dirty.add(i);
      return true;
    },
    relayout() {
      needsLayout = true;
    },
    /** Paints what changed since the last paint; returns how many tiles were drawn. */
    paint() {
      if (needsLayout) {
        layout();
        dirty = new Set();
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < devices.length; i++) drawTile(i);
        return devices.length;
      }
      const painted = dirty.size;
      for (const i of dirty) drawTile(i);
      dirty = new Set();
      return painted;
    },
    /** The device whose tile is at a point in CSS pixels of the canvas, if any. */
    deviceAt(x, y) {
      const col = Math.floor(x / (size.w + size.gap));
      const row = Math.floor(y / (size.h + size.gap));
      if (col >= cols || x - col * (size.w + size.gap) > size.w || y - row * (size.h + size.gap) > size.h) return undefined;
      return devices[row * cols + col]?.deviceId;
    },
    /** Where a device's tile is, in CSS pixels of the canvas: for tests and the bench. */
    tileRect(deviceId) {
      const i = index.get(deviceId);
      if (i === undefined) return undefined;
      return { ...origin(i), w: size.w, h: size.h };
    },
  };
}
