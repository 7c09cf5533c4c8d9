import type { PortalModule } from '../license-server/portals/PortalModule.ts';
import { portalModules } from '../license-server/portals/portalModules.ts';
import type { FamilyModule } from './families/FamilyModule.ts';
import { audioFamily } from './families/audio/audioFamily.ts';
import { gatewayFamily } from './families/gateway/gatewayFamily.ts';
import { smartserverFamily } from './families/smartserver/smartserverFamily.ts';
import { videoFamily } from './families/video/videoFamily.ts';
import type { StepKind } from './steps/StepKind.ts';
import { licenseExpect } from './steps/core/licenseExpect.ts';
import { orderActivate } from './steps/core/orderActivate.ts';
import { advance } from './steps/generic/advance.ts';
import { expectStep } from './steps/generic/expect.ts';
import { faults } from './steps/generic/faults.ts';
import { waitStep } from './steps/generic/wait.ts';

/** Every appliance family the rig builds; a new family is one more entry. */
export const familyModules: readonly FamilyModule[] = [gatewayFamily, smartserverFamily, videoFamily, audioFamily];

/**
 * What a run is built from: the families (by name), every step kind a scenario may use —
 * generic ones, the core's and each family's own — and the license cloud's portals.
 */
export interface Catalogue {
  readonly families: ReadonlyMap<string, FamilyModule>;
  readonly steps: ReadonlyMap<string, StepKind<unknown>>;
  readonly portals: readonly PortalModule<unknown>[];
}

export interface CatalogueOptions {
  /** The bundled families unless given: a test adds its own fixture family here. */
  families?: readonly FamilyModule[];
  /** The bundled portals unless given. */
  portals?: readonly PortalModule<unknown>[];
}

/** The catalogue; a family or step kind registered twice throws, naming it. */
export function createCatalogue(options: CatalogueOptions = {}): Catalogue {
  const list = options.families ?? familyModules;
  const families = new Map<string, FamilyModule>();
  for (const family of list) {
    if (families.has(family.family)) throw new Error(`family '${family.family}' is registered twice`);
    families.set(family.family, family);
  }
  const kinds = [
    advance, expectStep(list), waitStep(list), ...faults, orderActivate, licenseExpect,
    ...list.flatMap((f) => f.steps),
  ] as readonly StepKind<unknown>[];
  const steps = new Map<string, StepKind<unknown>>();
  for (const step of kinds) {
    if (steps.has(step.kind)) throw new Error(`step kind '${step.kind}' is defined twice`);
    steps.set(step.kind, step);
  }
  return { families, steps, portals: options.portals ?? portalModules };
}
