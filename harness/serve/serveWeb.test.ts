import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWeb } from './serveWeb.ts';

describe('serveWeb: the pages of fleetrig serve', () => {
  const app = express();
  app.use(serveWeb());
  app.use((_req, res) => void res.status(404).json({ error: 'NOT_FOUND' }));
  const http = createServer(app);
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('serves the fleet view at / and its scripts and styles with their content types', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/fleet/fleetView.js">');
    // Nothing from the internet: every asset the page names is served here.
    for (const [, asset] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect(asset).toMatch(/^\//);
      expect((await fetch(`${base}${asset}`)).status, asset).toBe(200);
    }
    expect((await fetch(`${base}/fleet/fleetView.js`)).headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect((await fetch(`${base}/common/fleetrig.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('leaves paths with no file, and dot files, to the routes after it', async () => {
    expect(await (await fetch(`${base}/api/v1/nothing`)).json()).toEqual({ error: 'NOT_FOUND' });
    expect((await fetch(`${base}/fleet/../../serveWeb.ts`)).status).toBe(404);
    expect((await fetch(`${base}/.hidden`)).status).toBe(404);
    expect((await fetch(`${base}/common/applianceStates.test.ts`)).status).toBe(404);
    expect((await fetch(`${base}/common/applianceStates.js`)).status).toBe(200);
  });
});
