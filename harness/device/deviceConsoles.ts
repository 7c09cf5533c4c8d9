import type { ConsoleCommands } from '../../firmware-sim/console/ConsoleCommands.ts';
import type { Gateway } from '../../firmware-sim/gateway/Gateway.ts';
import { gatewayConsole } from '../../firmware-sim/gateway/gatewayConsole.ts';
import type { SmartServer } from '../../firmware-sim/smartserver/SmartServer.ts';
import { smartserverConsole } from '../../firmware-sim/smartserver/smartserverConsole.ts';
import type { Appliance } from '../../firmware-sim/shared/Appliance.ts';

/**
 * Each family's own serial console commands, by family name; a family without an entry gets the
 * built-in ones (help, status, reboot, stats). A new family's console is one line here.
 */
export const deviceConsoles: ReadonlyMap<string, (appliance: Appliance) => ConsoleCommands> = new Map([
  ['gateway', (appliance: Appliance) => gatewayConsole(appliance as Gateway)],
  ['smartserver', (appliance: Appliance) => smartserverConsole(appliance as SmartServer)],
]);
