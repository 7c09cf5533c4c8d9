// Imported first by the entry points (bin/fleetrig.js, bin/run-ts.js) for its effect.
//
// A fleet's messages and snapshots are short-lived garbage by the million; with V8's default
// young generation they outlive it and fill the old one, whose collections then grow with the
// fleet (a quarter of a 10,000-gateway run on in-process MQTT). 32 MB semi-spaces keep them
// young: that run takes a quarter less time (docs/scale.md). A flag given to Node itself wins.
import { setFlagsFromString } from 'node:v8';

const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
if (!given.includes('--max-semi-space-size')) setFlagsFromString('--max-semi-space-size=32');
