import type { Clock } from '../clock/Clock.ts';
import type { Random } from '../random/Random.ts';
import type { Identity } from '../identity/Identity.ts';
import type { Nvram } from '../nvram/Nvram.ts';
import type { Power } from '../power/Power.ts';
import type { Link, Unsubscribe } from '../link/Link.ts';
import type { Uart } from '../uart/Uart.ts';

/**
 * One virtual appliance's hardware. Every part belongs to this board alone — no module-global
 * state — so a fleet is just many boards. The board knows nothing of licenses.
 */
export interface Board {
  readonly id: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly identity: Identity;
  readonly nvram: Nvram;
  readonly power: Power;
  /** The network link to the outside world (the portal, a broker). */
  readonly link: Link;
  /** The board's end of its serial console line (115200 8N1); the firmware's console runs here. */
  readonly uart: Uart;
  /** Pulls the reset line: firmware reboots, RAM is lost, NVRAM kept. */
  reset(): void;
  onReset(handler: () => void): Unsubscribe;
}
