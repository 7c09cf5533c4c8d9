/**
 * The fleet view's bench, in a fresh process: `node bin/run-ts.js bench/fleetView.ts [file]`.
 * Serves 10,000 gateways in process, opens / in headless Chromium, waits for the first snapshot
 * to be painted, then advances the paused clock so every gateway finishes booting and measures,
 * in the page, how long each change waited between its feed message's arrival and the paint
 * that showed it, and how many animation frames ran meanwhile. Prints one JSON line
 * (FleetViewFigures) on stdout; without Chromium, a line saying why it was skipped.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { wallNow } from '../emulator/clock/wallClock.ts';
import { createCatalogue } from '../harness/catalogue.ts';
import { loadFiles } from '../harness/scenario/validateFiles.ts';
import { createService } from '../harness/serve/createService.ts';
import { MEMORY_STORE } from '../harness/serve/openStore.ts';
import { silentLogger } from '../harness/serve/serviceLog.ts';
import { httpClient } from '../license-server/testing/httpTestClient.ts';
import { CHROMIUM_PATH, launchChromium } from '../test/browser/launchChromium.ts';

export type FleetViewFigures =
  | {
    readonly skipped?: undefined;
    readonly devices: number;
    /** Wall time for createService to set the fleet up. */
    readonly serveMs: number;
    readonly snapshotBytes: number;
    /** From navigation start to the paint that showed the snapshot. */
    readonly firstPaintMs: number;
    readonly changes: number;
    readonly paints: number;
    readonly repaintMedianMs: number;
    readonly repaintP95Ms: number;
    /** From the first change's arrival to the paint that showed the last one. */
    readonly busyMs: number;
    readonly fps: number;
  }
  | { readonly skipped: string };

const DEFAULT_SCENARIO = 'bench/gateways-10000.yaml';
const SEEN = { timeout: 60_000 };
/** The feed counts as settled once nothing new has arrived for this long and all of it is painted. */
const QUIET_MS = 1500;

/** What the page records, installed before its own scripts run (see `recorder`). */
interface Recorded {
  snapshotBytes: number;
  snapshotAt: number;
  firstPaintAt: number;
  /** Arrival time of each change message, by sequence number. */
  arrivals: Map<number, number>;
  lastArrivalAt: number;
  lastArrivedSeq: number;
  /** [seq, time] of every paint after the snapshot's. */
  paints: Array<[number, number]>;
  frames: number[];
}

/**
 * Runs in the page before fleetView.js: the first listener on each live-feed socket notes when
 * every message arrived (the sequence number read without a second JSON parse), `fleet:paint`
 * notes which sequence number each paint showed.
 */
function recorder(): void {
  const rec: Recorded = {
    snapshotBytes: 0, snapshotAt: 0, firstPaintAt: 0, arrivals: new Map(), lastArrivalAt: 0, lastArrivedSeq: 0,
    paints: [], frames: [],
  };
  (window as unknown as { benchRecord: Recorded }).benchRecord = rec;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent<string>) => {
        const at = performance.now();
        const data = event.data;
        if (data.startsWith('{"type":"snapshot"')) {
          rec.snapshotBytes = data.length;
          rec.snapshotAt = at;
          return;
        }
        const seq = /"seq":(\d+)/.exec(data);
        if (seq === null || !data.startsWith('{"type":"change"')) return;
        rec.arrivals.set(Number(seq[1]), at);
        rec.lastArrivalAt = at;
        rec.lastArrivedSeq = Math.max(rec.lastArrivedSeq, Number(seq[1]));
      });
    }
  };
  document.addEventListener('fleet:paint', (event) => {
    const at = performance.now();
    const { seq } = (event as CustomEvent<{ seq: number }>).detail;
    if (rec.firstPaintAt === 0) rec.firstPaintAt = at;
    else rec.paints.push([seq, at]);
  });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Each change's latency: arrival to the first paint whose sequence number covers it. */
async function figures(page: Page): Promise<{ latencies: number[]; changes: number; paints: number; busyMs: number; frames: number }> {
  return page.evaluate(() => {
    const rec = (window as unknown as { benchRecord: Recorded }).benchRecord;
    const arrivals = [...rec.arrivals].sort((a, b) => a[0] - b[0]);
    const latencies: number[] = [];
    let p = 0;
    for (const [seq, at] of arrivals) {
      while (p < rec.paints.length && rec.paints[p]![0] < seq) p++;
      if (p < rec.paints.length) latencies.push(rec.paints[p]![1] - at);
    }
    const start = arrivals.length > 0 ? Math.min(...arrivals.map(([, at]) => at)) : 0;
    const end = rec.paints.length > 0 ? rec.paints[rec.paints.length - 1]![1] : start;
    return {
      latencies,
      changes: arrivals.length,
      paints: rec.paints.length,
      busyMs: end - start,
      frames: rec.frames.filter((t) => t >= start && t <= end).length,
    };
  });
}

async function main(): Promise<FleetViewFigures> {
  if (!existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH} (install Debian's package "chromium")` };
  const path = process.argv[2] ?? DEFAULT_SCENARIO;
  const catalogue = createCatalogue();
  const loaded = await loadFiles([path], catalogue);
  const scenario = loaded.scenarios[0];
  if (scenario === undefined) throw new Error(`bench: no scenario in ${path}: ${loaded.errors.map((e) => e.message).join('; ')}`);

  const servedFrom = wallNow();
  const started = await createService({ catalogue, scenario, seed: 1000, speed: 1, httpPort: 0, mqttPort: 0, store: MEMORY_STORE, logger: silentLogger });
  if (!started.ok) throw new Error(`bench: the service did not start: ${started.error.code}: ${started.error.message}`);
  const service = started.value;
  const serveMs = wallNow() - servedFrom;
  const browser = await launchChromium();
  try {
    await service.clock.pause();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // tsx keeps function names with an `__name` helper that functions sent to the page call too.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(recorder);
    await page.goto(`${service.httpUrl}/`);
    await page.waitForFunction(() => (window as unknown as { benchRecord: Recorded }).benchRecord.firstPaintAt > 0, undefined, SEEN);
    const first = await page.evaluate(() => {
      const rec = (window as unknown as { benchRecord: Recorded }).benchRecord;
      const tick = (at: number): void => {
        rec.frames.push(at);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      return { snapshotBytes: rec.snapshotBytes, firstPaintMs: rec.firstPaintAt };
    });

    // Every gateway finishes booting: at least one change per tile.
    const advanced = await httpClient(service.httpUrl, { token: service.token }).call('POST', '/api/v1/clock/advance', { by: '1m' });
    if (advanced.status !== 200) throw new Error(`bench: POST /api/v1/clock/advance answered ${advanced.status}`);
    await page.waitForFunction((quietMs) => {
      const rec = (window as unknown as { benchRecord: Recorded }).benchRecord;
      const painted = rec.paints.length > 0 ? rec.paints[rec.paints.length - 1]![0] : 0;
      return rec.arrivals.size > 0 && painted >= rec.lastArrivedSeq && performance.now() - rec.lastArrivalAt > quietMs;
    }, QUIET_MS, { ...SEEN, polling: 250 });
    const measured = await figures(page);
    const sorted = [...measured.latencies].sort((a, b) => a - b);
    return {
      devices: service.devices,
      serveMs,
      snapshotBytes: first.snapshotBytes,
      firstPaintMs: first.firstPaintMs,
      changes: measured.changes,
      paints: measured.paints,
      repaintMedianMs: quantile(sorted, 0.5),
      repaintP95Ms: quantile(sorted, 0.95),
      busyMs: measured.busyMs,
      fps: measured.busyMs > 0 ? (measured.frames * 1000) / measured.busyMs : Number.NaN,
    };
  } finally {
    await browser.close();
    await service.close();
  }
}

try {
  process.stdout.write(`${JSON.stringify(await main())}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
}
