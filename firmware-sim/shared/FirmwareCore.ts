import type { Board } from '../../emulator/board/Board.ts';
import type { PortalClient } from './portalClient.ts';
import type { SettingsStore } from './settingsStore.ts';

/**
 * What every family's Core (GatewayCore, SmartServerCore, VideoCore, AudioCore) holds: the
 * board, the settings in NVRAM, the portal client and a view of the running firmware. Each
 * family's factory builds its Core; the family's pages and services are small modules over it.
 */
export interface FirmwareCore<Image> {
  readonly board: Board;
  /** How messages name the product: `gateway`, `SmartServer`, `video product`, `audio device`. */
  readonly productName: string;
  readonly settings: SettingsStore<Image>;
  readonly portal: PortalClient;
  isRunning(): boolean;
  /** Tells listeners that the device's state changed. */
  changed(): void;
}
