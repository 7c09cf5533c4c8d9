import type { StepKind } from '../../../steps/StepKind.ts';
import { portalActivate } from './portalActivate.ts';
import { portalAssign } from './portalAssign.ts';
import { portalExpect } from './portalExpect.ts';
import { portalProcess } from './portalProcess.ts';
import { portalAddRestrictive, portalAddStandard } from './portalProducts.ts';
import { portalCreateToken, portalRevokeToken } from './portalTokens.ts';

/** Steps acting on the video portal, as a person at Manage > Licensing > Clariti would. */
export const videoPortalSteps = [
  portalActivate, portalCreateToken, portalRevokeToken, portalAddStandard, portalAddRestrictive, portalAssign, portalProcess, portalExpect,
] as unknown as readonly StepKind<never>[];
