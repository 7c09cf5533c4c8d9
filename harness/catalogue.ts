import type { FamilyModule } from './families/FamilyModule.ts';
import type { Catalogue } from './scenario/parseScenarios.ts';
import type { StepKind } from './steps/StepKind.ts';
import { advance } from './steps/generic/advance.ts';
import { expectStep } from './steps/generic/expect.ts';
import { waitStep } from './steps/generic/wait.ts';
import { faults } from './steps/generic/faults.ts';
import { portalSteps } from './steps/portal/portalSteps.ts';
import { gatewayFamily } from './families/gateway/gatewayFamily.ts';
import { audioFamily } from './families/audio/audioFamily.ts';
import { videoFamily } from './families/video/videoFamily.ts';
import { smartserverFamily } from './families/smartserver/smartserverFamily.ts';

/** Every appliance family the rig can build; a new family is one line here. */
export const families: ReadonlyMap<string, FamilyModule> = new Map([gatewayFamily, audioFamily, videoFamily, smartserverFamily].map((f) => [f.family, f]));

/** Every step kind a scenario may use: generic ones, portal ones, and each family's own. */
export function stepKinds(): ReadonlyMap<string, StepKind<unknown>> {
  const list: StepKind<unknown>[] = [
    advance, expectStep([...families.values()]), waitStep([...families.values()]), ...faults, ...portalSteps,
    ...[...families.values()].flatMap((f) => f.steps),
  ] as StepKind<unknown>[];
  const map = new Map<string, StepKind<unknown>>();
  for (const step of list) {
    if (map.has(step.kind)) throw new Error(`step kind '${step.kind}' is defined twice`);
    map.set(step.kind, step);
  }
  return map;
}

export function catalogue(): Catalogue {
  return { steps: stepKinds(), families: new Map([...families.values()].map((f) => [f.family, f.variants ?? []])) };
}
