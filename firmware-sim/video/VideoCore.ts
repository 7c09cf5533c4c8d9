import type { Board } from '../../emulator/board/Board.ts';
import type { Random } from '../../emulator/random/Random.ts';
import type { ProductFields } from '../../protocol/codes/productRequestCode.ts';
import { VIDEO_PRODUCT_TYPES, type VideoVariant } from '../../protocol/messages/video.ts';
import type { FirmwareCore } from '../shared/FirmwareCore.ts';
import type { ClockGuard } from '../shared/clockGuard.ts';
import type { VideoImage } from './videoImage.ts';

/**
 * What the video product's pages share: the board, the settings in NVRAM, the portal client, a
 * view of the running firmware and the ways to tell it something changed. Built by
 * createVideoPlatform; each page is a small module over it.
 */
export interface VideoCore extends FirmwareCore<VideoImage> {
  readonly variant: VideoVariant;
  readonly vendorPublicKey: string;
  /** Draws the random part of request codes. */
  readonly requestRandom: Random;
  activeCalls(): number;
  setActiveCalls(count: number): void;
  /** The Licenses page settings changed (automatic refresh may have been switched). */
  settingsChanged(): void;
  /** A license update succeeded: the next automatic one is a full interval away. */
  updated(): void;
  /** [TM-1] the latest time the device clock has shown, and whether it now reads earlier. */
  readonly clockGuard: ClockGuard;
}

/** The clock reading entitlementsOf takes: now, and whether the clock is flagged as set back (TM-1). */
export function licenseArgs(core: VideoCore): [now: number, tampered: boolean] {
  const reading = core.clockGuard.read();
  return [reading.now, reading.tampered !== null];
}

/** The software version each variant reports in its License Product window. */
export const VIDEO_VERSIONS: Readonly<Record<VideoVariant, string>> = { core: '2.2.1', manager: '10.11.2' };

/** [CL-1] The host name the product is born with; the Name defaults to it. */
export function hostNameOf(board: Board): string {
  return `clariti-${board.identity.serialNumber.toLowerCase()}`;
}

/** The product as its License Product window shows it, with the Name in force now. */
export function productFields(core: VideoCore): ProductFields {
  const hostName = hostNameOf(core.board);
  return {
    name: core.settings.image().settings.name ?? hostName,
    type: VIDEO_PRODUCT_TYPES[core.variant],
    version: VIDEO_VERSIONS[core.variant],
    serial: core.board.identity.serialNumber,
    hostName,
  };
}
