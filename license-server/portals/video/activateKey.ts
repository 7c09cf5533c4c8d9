import type { Result } from '../../core/result.ts';
import { activateKey as activateInAccount, activateKeyInput, type ActivateKeyInput } from '../../core/activateKey.ts';
import type { LicenseView } from '../../core/types.ts';
import type { VideoContext } from './videoContext.ts';

export { activateKeyInput as activateVideoKeyInput, type ActivateKeyInput as ActivateVideoKeyInput };

/**
 * [CL-2] The License Activation Key from the purchase e-mail, activated in the portal: its
 * licenses join the account, and their CLARITI-* features become entitlements to assign.
 * Codes: CODE_INVALID (naming the position), ACTIVATION_KEY_UNKNOWN, ACTIVATION_KEY_USED.
 */
export function activateKey(ctx: VideoContext, input: ActivateKeyInput): Promise<Result<LicenseView[]>> {
  return activateInAccount(ctx, input, { action: 'video.key.activate' });
}
