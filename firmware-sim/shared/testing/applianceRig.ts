import type { Board } from '../../../emulator/board/Board.ts';
import { VirtualClock } from '../../../emulator/clock/VirtualClock.ts';
import type { SigningKey } from '../../../protocol/signing/ed25519.ts';
import type { Appliance } from '../Appliance.ts';
import { createScriptedPortal } from './scriptedPortal.ts';
import { createTestBoard } from './testBoard.ts';

/** What every family's rig takes, beside options of its own. */
export interface RigOptions {
  /** Seeds the board's random streams; each family's rig has its own default. */
  seed?: string;
  /** How long the firmware waits for the portal's reply; 30 s by default. */
  replyTimeoutMs?: number;
}

/**
 * The part every family's rig (`firmware-sim/<family>/testing/<family>Rig.ts`) shares: one
 * device on a test board in virtual time, a scripted portal on the far end of its wire, and
 * boot, reset and wait helpers. The family's rig scripts the portal's ops and adds helpers of
 * its own on top.
 */
export function createApplianceRig<D extends Appliance>(options: {
  id: string;
  family: string;
  seed: string;
  bootTimeMs: number;
  /** Builds the family's firmware on the board, trusting the rig's vendor key. */
  build: (parts: { board: Board; vendorKey: SigningKey }) => D;
}) {
  const clock = new VirtualClock();
  const { random, vendorKey, factory, identity, wire, board } = createTestBoard({ id: options.id, family: options.family, seed: options.seed, clock });
  const device = options.build({ board, vendorKey });
  const portal = createScriptedPortal({ link: wire.b });
  const { bootTimeMs } = options;

  /** Advances until the device runs, or fails the test if it does not boot within twice its boot time. */
  const untilRunning = async (): Promise<void> => {
    const booted = await clock.advanceUntil(() => device.snapshot().state === 'running', bootTimeMs * 2);
    if (!booted) throw new Error(`${device.family} ${device.deviceId} did not boot; it is ${device.snapshot().state}`);
  };

  return {
    clock,
    /** The rig's own random stream, for what the test makes (nonces, names). */
    random,
    board,
    wire,
    vendorKey,
    factory,
    identity,
    device,
    portal,
    untilRunning,
    /** Starts the device and waits until it runs. */
    async boot(): Promise<void> {
      device.start();
      await untilRunning();
    },
    /** Pulls the reset line and waits until the device runs again. */
    async reset(): Promise<void> {
      board.reset();
      await untilRunning();
    },
  };
}
