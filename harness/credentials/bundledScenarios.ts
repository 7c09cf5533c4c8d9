import { fileURLToPath } from 'node:url';

/** The scenarios shipped with fleetrig, wherever it is installed: what `fleetrig credentials` covers with no path. */
export const BUNDLED_SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));
