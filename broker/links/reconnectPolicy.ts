/**
 * How fleetrig's MQTT clients (device links, the license server's endpoint) come back after
 * losing the broker, in wall-clock milliseconds: the outage is a real-world event, so its
 * timers run on the wall clock even when the scenario runs on a virtual one.
 */
export interface ReconnectPolicy {
  /** Wait before the first reconnect attempt (and before the first re-send of a lost request). */
  readonly initialMs: number;
  /** Each failed attempt multiplies the wait by this. */
  readonly factor: number;
  /** The wait never exceeds this: attempts go on at this pace for as long as the link is open. */
  readonly maxMs: number;
  /**
   * How long an outage stays invisible to the firmware: within it, the link reports up and
   * requests in flight are re-sent with their own IDs once the broker is back; past it, the link
   * reports down (firmware sees LINK_DOWN) and what was in flight is given up, while the
   * reconnect attempts go on.
   */
  readonly linkDownAfterMs: number;
  /**
   * A request unanswered for this long (on the run's clock) is no longer re-sent: the firmware
   * has given up on it (its reply timeout, 30 s), and acting on it now would surprise it.
   */
  readonly retryForMs: number;
}

/**
 * Retries at 0.1, 0.2, 0.4, 0.8, 1.6 s, then every 2 s; LINK_DOWN after 5 s without the broker —
 * a broker restart (well under a second for Mosquitto) goes unnoticed, a real outage does not,
 * and 5 s stays inside the default `--io-timeout` (10 s), so a scenario sees LINK_DOWN, not a halt.
 */
export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  initialMs: 100,
  factor: 2,
  maxMs: 2_000,
  linkDownAfterMs: 5_000,
  retryForMs: 30_000,
};

/** The wait before attempt `attempt` (0 for the first): bounded exponential, no jitter. */
export function backoffDelay(policy: ReconnectPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
}
