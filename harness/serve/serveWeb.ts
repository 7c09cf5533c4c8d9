import { join } from 'node:path';
import express, { type Handler } from 'express';

/** Where the pages live: plain HTML, CSS and ES modules, served as they are (no build step). */
export const WEB_DIR = join(import.meta.dirname, 'web');

/**
 * The browser pages of `fleetrig serve` from `dir`: `/` is the fleet view (`index.html`), other
 * paths map to files under it. Paths with no file fall through to the routes after it, so the
 * API's 404 still answers them. Sent with `no-cache`, so a demo never shows a stale page.
 */
export function serveWeb(dir: string = WEB_DIR): Handler {
  const files = express.static(dir, {
    index: 'index.html',
    dotfiles: 'ignore',
    fallthrough: true,
    redirect: true,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });
  // The tests and type declarations kept beside the pages are not pages.
  return (req, res, next) => (req.path.endsWith('.ts') ? next() : files(req, res, next));
}
