import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { isoTime } from '../../emulator/clock/Clock.ts';
import type { PacedClock, PacedClockState } from '../../emulator/clock/pacedClock.ts';
import { MAX_SPEED } from '../../emulator/clock/pacedClock.ts';
import { parseValue } from '../../protocol/messages/envelope.ts';
import { sendFailure } from '../../license-server/http/respond.ts';
import { addDuration } from '../../emulator/clock/duration.ts';
import { calendarDuration } from '../scenario/fields.ts';

const speedBody = z.object({ speed: z.number().positive().max(MAX_SPEED) }).strict();
// A duration as scenarios write it (`8h`, `3mo`), or plain milliseconds.
const advanceBody = z.object({ by: z.union([calendarDuration, z.number().int().min(0).max(100 * 365 * 86_400_000)]) }).strict();
const emptyBody = z.object({}).strict();

/** The clock's state as the API shows it: epoch ms and ISO text for the same instant. */
export function clockView(state: PacedClockState): Record<string, unknown> {
  return {
    now: state.now,
    time: isoTime(state.now),
    running: state.running,
    speed: state.speed,
    nextDeadline: state.nextDeadline,
    nextDeadlineTime: state.nextDeadline === null ? null : isoTime(state.nextDeadline),
  };
}

/**
 * `/api/v1/clock`: read the service's virtual clock, pause and resume it, set its speed, jump
 * by a duration or to the next deadline. Every answer is the clock's state after the change.
 */
export function clockRoutes(clock: PacedClock, onChange: (state: PacedClockState) => void, guard: RequestHandler): Router {
  const router = Router();
  const act = (schema: z.ZodType<unknown>, what: string, change: (body: never) => Promise<PacedClockState>) =>
    async (req: Request, res: Response): Promise<void> => {
      const body = parseValue(req.body ?? {}, schema, what);
      if (!body.ok) {
        sendFailure(res, body.error);
        return;
      }
      const state = await change(body.value as never);
      onChange(state);
      res.json(clockView(state));
    };

  router.get('/', (_req, res) => {
    res.json(clockView(clock.state()));
  });
  // Reading the clock is open; moving it is the operator's.
  router.use((req, res, next) => (req.method === 'GET' ? next() : guard(req, res, next)));
  router.post('/pause', act(emptyBody, 'pause', () => clock.pause()));
  router.post('/resume', act(emptyBody, 'resume', () => clock.resume()));
  router.post('/speed', act(speedBody, 'clock speed', (body: z.output<typeof speedBody>) => clock.setSpeed(body.speed)));
  router.post('/advance', act(advanceBody, 'clock advance', (body: z.output<typeof advanceBody>) => {
    const now = clock.state().now;
    return clock.advance(typeof body.by === 'number' ? body.by : addDuration(now, body.by) - now);
  }));
  router.post('/next-deadline', act(emptyBody, 'next deadline', () => clock.advanceToNextDeadline()));
  return router;
}
