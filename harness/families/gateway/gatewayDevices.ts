import type { Gateway } from '../../../firmware-sim/gateway/Gateway.ts';
import { applianceFamily } from '../../steps/selectFamily.ts';

/** Gateways as the `gateway.` steps select and drive them. */
export const gatewayDevices = applianceFamily<Gateway>({ family: 'gateway', called: 'a gateway' });
