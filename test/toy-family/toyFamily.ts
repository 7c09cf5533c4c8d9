import { z } from 'zod';
import type { FamilyModule } from '../../harness/families/FamilyModule.ts';
import { probe } from '../../harness/families/DeviceFamily.ts';
import { runState } from '../../harness/families/probeValues.ts';
import { deviceId } from '../../harness/scenario/fields.ts';
import { deviceStep } from '../../harness/steps/deviceStep.ts';
import { expectationFailed } from '../../harness/steps/outcome.ts';
import { applianceFamily } from '../../harness/steps/selectFamily.ts';
import { defineStep } from '../../harness/steps/StepKind.ts';
import { createToyLamp, type ToyLamp } from './toyLamp.ts';
import { toyModule } from './toyPortal.ts';

const lamps = applianceFamily<ToyLamp>({ family: 'toy', called: 'a toy lamp' });

/** `- toy.requestLicense: { devices: toy-* }` — each lamp asks the cloud for its license. */
const requestLicense = deviceStep({
  family: lamps,
  kind: 'toy.requestLicense',
  summary: 'The lamp asks the toy cloud for its light license.',
  args: {},
  what: () => 'request the light license',
  run: (lamp) => lamp.requestLicense(),
});

/** `- toy.portal.expect: { device: toy-001, granted: true }` — what the toy portal says of a lamp. */
const portalExpect = defineStep({
  kind: 'toy.portal.expect',
  summary: 'Check whether the toy portal has granted a lamp its license.',
  args: z.object({ device: deviceId, granted: z.boolean() }).strict(),
  async run(world, { device, granted }) {
    const chosen = world.select(device);
    if (!chosen.ok) return chosen;
    const lamp = chosen.value[0]!;
    const grant = await world.server.portal(toyModule).grant({ hardwareId: lamp.board.identity.hardwareId });
    if (grant.ok !== granted) return expectationFailed(`${device}: expected the portal to have ${granted ? '' : 'no '}grant, found ${grant.ok ? 'one' : 'none'}`);
    return { ok: true, value: granted };
  },
});

/** The toy family as the harness builds and drives it. */
export const toyFamily: FamilyModule = {
  family: 'toy',
  prefix: 'toy',
  create: ({ board }) => createToyLamp({ board }),
  steps: [requestLicense, portalExpect],
  probes: {
    state: probe('The run state: off, booting or running.', runState, (a) => a.snapshot().state),
    lit: probe('The lamp is lit: it holds a license.', z.boolean(), (a) => a.snapshot().licenses.length > 0),
  },
};
