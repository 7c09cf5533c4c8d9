#!/usr/bin/env node
// fleetrig ships as TypeScript sources; tsx compiles them on load, so there is no build step.
import './youngGeneration.js';
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
