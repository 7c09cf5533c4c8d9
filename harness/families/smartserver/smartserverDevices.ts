import { SMARTSERVER_FAMILY, type SmartServer } from '../../../firmware-sim/smartserver/SmartServer.ts';
import { applianceFamily } from '../../steps/selectFamily.ts';

/** SmartServers as the `smartserver.` steps select and drive them. */
export const smartserverDevices = applianceFamily<SmartServer>({ family: SMARTSERVER_FAMILY, called: 'a SmartServer' });
