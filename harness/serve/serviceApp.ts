import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { PacedClock, PacedClockState } from '../../emulator/clock/pacedClock.ts';
import type { LicenseServer } from '../../license-server/createLicenseServer.ts';
import { jsonErrorHandler, refuseOptions, type ServerFaultListener } from '../../license-server/http/jsonErrorHandler.ts';
import { sendResult } from '../../license-server/http/respond.ts';
import type { World } from '../runner/World.ts';
import { administratorOnly } from './administratorOnly.ts';
import { clockRoutes } from './clockRoutes.ts';
import { demoRoutes, type DemoControl } from './demo/demoRoutes.ts';
import { deviceRoutes } from './deviceRoutes.ts';
import type { ForeignDevices } from './foreignDevices.ts';
import { serveWeb } from './serveWeb.ts';

export interface ServiceAppOptions {
  server: LicenseServer;
  world: World;
  clock: PacedClock;
  /** Called after every change of the clock (to save how far virtual time has got). */
  onClockChange: (state: PacedClockState) => void;
  foreign: ForeignDevices;
  manufacturerPublicKey: string;
  registry: Registry;
  /** Demo mode's steps (`--demo`); without it /api/v1/demo answers 404. */
  demo?: DemoControl | undefined;
  /** Told of every fault inside the service or the license API (a 500), to log it. */
  onFault?: ServerFaultListener;
}

/**
 * What `fleetrig serve` answers over HTTP: health and metrics, the clock, the published keys,
 * foreign-device registration, the browser pages (web/), and the license server's API under /api/v1 (whose 404 answers
 * everything else).
 */
export function serviceApp(options: ServiceAppOptions): Express {
  const { server, world, clock, foreign, registry } = options;
  const app = express();
  app.disable('x-powered-by');
  // Before any router, which would answer OPTIONS in plain text.
  app.use(refuseOptions);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const booting = [...world.devices.values()].filter((d) => d.appliance.snapshot().state !== 'running').length;
    res.status(booting === 0 ? 200 : 503).json({ status: booting === 0 ? 'ready' : 'booting', devices: world.devices.size, booting });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use('/api/v1/demo', express.json(), demoRoutes(options.demo, administratorOnly(server, 'running the demo')));
  app.use('/api/v1/clock', express.json(), clockRoutes(clock, options.onClockChange, administratorOnly(server, 'moving the clock')));
  // The keys that verify what the rig signs, for clients that check offline.
  app.get('/api/v1/keys', (_req, res) => {
    res.json({ format: 'raw Ed25519 public keys, base64url', vendor: server.vendorPublicKey, manufacturer: options.manufacturerPublicKey });
  });
  app.post('/api/v1/devices', administratorOnly(server, 'registering a device'), express.json(), async (req, res) => {
    sendResult(res, await foreign.register(req.body ?? {}), (device) => device, 201);
  });
  // The pages (the fleet view at /), before the API whose 404 answers every other path, and before
  // the device pages' routes, which would take /devices/devices.css (the portals' @import) for a device.
  app.use(serveWeb());
  // A device's own web pages (docs/device-pages.md): static files, and the device API they call.
  app.use('/api/v1/fleet/devices', deviceRoutes(world, administratorOnly(server, 'operating a device')));
  // The pages (the fleet view at /, the portals, the files the pages share such as
  // /devices/devices.css), before the device pages' catch-all and the API whose 404 answers every other path.
  app.use(serveWeb());
  app.get('/devices/:deviceId', (req, res, next) => (req.path.endsWith('/') ? next() : res.redirect(301, `${req.path}/`)));
  app.use('/devices/:deviceId', express.static(join(import.meta.dirname, 'web', 'devices')));
  app.use(server.http(options.onFault ? { onFault: options.onFault } : {}));
  // The routes above it (the clock, the demo, the devices) refuse a body that is not JSON, a path
  // that does not decode, in JSON too.
  app.use(jsonErrorHandler(options.onFault));
  return app;
}
