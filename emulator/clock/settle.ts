/**
 * Lets queued microtasks and immediate callbacks run: a few turns of the event loop's check
 * phase, which is enough for in-process promise chains and in-memory links to drain.
 * It waits on no timer, so it never reads the wall clock.
 */
export async function settle(turns = 4): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
