import type { PortalModule } from './PortalModule.ts';
import { audioModule } from './audio/audioModule.ts';
import { gatewayModule } from './gateway/gatewayModule.ts';
import { smartserverModule } from './smartserver/smartserverModule.ts';
import { videoModule } from './video/videoModule.ts';

/** Every portal the license cloud serves, beside the core; a new family's portal is one more entry. */
export const portalModules: readonly PortalModule<unknown>[] = [gatewayModule, smartserverModule, videoModule, audioModule];
