import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { parseValue } from '../../../protocol/messages/envelope.ts';
import type { Failure, Result } from '../../../protocol/result.ts';
import { sendFailure } from '../../../license-server/http/respond.ts';
import type { PacedClockState } from '../../../emulator/clock/pacedClock.ts';
import { clockView } from '../clockRoutes.ts';
import type { DemoRun, DemoView } from './demoRun.ts';

/** Demo mode as the routes see it: the steps, and how to start again on a fresh fleet and portal. */
export interface DemoControl {
  readonly run: DemoRun;
  /**
   * Moves the clock to its next deadline only if step `position` is running and waits for the
   * clock now: a skip decided on a view that has since gone stale (the step finished meanwhile)
   * must not jump past what the next step checks. CONFLICT otherwise, the clock untouched.
   */
  skipWait(position: number): Promise<Result<PacedClockState, Failure<'CONFLICT'>>>;
  /** Called once the answer to POST /restart has gone out: the service is rebuilt behind the same ports. */
  restart(): void;
}

const emptyBody = z.object({}).strict();
const skipBody = z.object({ position: z.number().int().min(0).max(1_000_000) }).strict();

/**
 * `/api/v1/demo`: GET the scenario's steps and where the demo is; POST next (one step), run
 * (to the end) and restart, with the Administrator's token. Without demo mode every route
 * answers 404, saying how to start it.
 */
export function demoRoutes(demo: DemoControl | undefined, guard: RequestHandler): Router {
  const router = Router();
  if (demo === undefined) {
    router.use((_req, res) => {
      sendFailure(res, { code: 'NOT_FOUND', message: 'demo mode is off: start the service with `fleetrig serve <scenario.yaml> --demo`' });
    });
    return router;
  }
  const act = (what: string, work: () => Promise<Result<DemoView, Failure<'CONFLICT'>>>) => async (req: Request, res: Response): Promise<void> => {
    const body = parseValue(req.body ?? {}, emptyBody, what);
    if (!body.ok) {
      sendFailure(res, body.error);
      return;
    }
    const done = await work();
    if (done.ok) res.json(done.value);
    else sendFailure(res, done.error);
  };

  router.get('/', (_req, res) => {
    res.json(demo.run.view());
  });
  // Reading where the demo is is open; moving it is the operator's.
  router.use((req, res, next) => (req.method === 'GET' ? next() : guard(req, res, next)));
  router.post('/next', act('demo next', () => demo.run.next()));
  router.post('/run', act('demo run', () => demo.run.runToEnd()));
  router.post('/skip', async (req, res) => {
    const body = parseValue(req.body ?? {}, skipBody, 'demo skip');
    if (!body.ok) {
      sendFailure(res, body.error);
      return;
    }
    const skipped = await demo.skipWait(body.value.position);
    if (skipped.ok) res.json({ ...demo.run.view(), clock: clockView(skipped.value) });
    else sendFailure(res, skipped.error);
  });
  router.post('/restart', (req, res) => {
    const body = parseValue(req.body ?? {}, emptyBody, 'demo restart');
    if (!body.ok) {
      sendFailure(res, body.error);
      return;
    }
    res.once('finish', () => demo.restart());
    res.status(202).json({ restarting: true, message: 'starting again on a fresh fleet and portal; GET /api/v1/demo answers again once the service is back (the page reloads by itself)' });
  });
  return router;
}
