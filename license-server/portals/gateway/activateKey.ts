import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { activateKey as activateInAccount, activateKeyInput, type ActivateKeyInput } from '../../core/activateKey.ts';
import type { LicenseView } from '../../core/types.ts';

export { activateKeyInput, type ActivateKeyInput };

/**
 * GW-1: the portal activates the ordered licenses with the order's activation key. Codes:
 * `CODE_INVALID` naming the mistyped position, `ACTIVATION_KEY_UNKNOWN`, `ACTIVATION_KEY_USED`.
 */
export function activateKey(ctx: CoreContext, input: ActivateKeyInput): Promise<Result<LicenseView[]>> {
  return activateInAccount(ctx, input, { action: 'key.activate' });
}
