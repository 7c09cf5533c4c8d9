import { activate } from './activate.ts';
import { bind } from './bind.ts';
import { move } from './move.ts';
import { expectPortal } from './expectPortal.ts';

/** Steps acting on the license portal itself, as a person at the portal would. */
export const portalSteps = [activate, bind, move, expectPortal];
