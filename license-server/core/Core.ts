import type { Actor } from '../auth/Actor.ts';
import type { ApiTokenView } from '../auth/apiTokens.ts';
import type { CreateApiTokenInput, CreatedApiToken } from '../auth/createApiToken.ts';
import type { RevokeApiTokenInput } from '../auth/revokeApiToken.ts';
import type { Result } from './result.ts';
import type { ActivateKeyInput } from './activateKey.ts';
import type { AuditQueryInput } from './auditQuery.ts';
import type { CreatedOrder, CreateOrderInput } from './createOrder.ts';
import type { ListLicensesInput } from './listLicenses.ts';
import type { AuditEntry, LicenseView } from './types.ts';

/**
 * What every portal shares, served at the root of /api/v1: orders and the activation keys they
 * yield (GW-1, CL-2), activation into an account, an account's licenses, the audit log, and the
 * API tokens the HTTP API is called with. `by` is the token a request came with; the trusted
 * in-process caller (the harness, tests) passes none.
 */
export interface Core {
  /** Vendor side: an order of one or more items yields one activation key. */
  createOrder(input: CreateOrderInput): Promise<Result<CreatedOrder>>;
  /** Activates an order's licenses into the account with its key, as typed. */
  activate(input: ActivateKeyInput): Promise<Result<LicenseView[]>>;
  /** An account's licenses with their status (PC-4 wording) and binding. */
  listLicenses(input: ListLicensesInput): Promise<Result<LicenseView[]>>;
  audit(input?: AuditQueryInput): Promise<Result<AuditEntry[]>>;
  /** Mints a bearer token for a user with roles, optionally tied to one account. */
  createToken(input: CreateApiTokenInput, by?: Actor): Promise<Result<CreatedApiToken>>;
  revokeToken(input: RevokeApiTokenInput, by?: Actor): Promise<Result<ApiTokenView>>;
  listTokens(): Promise<Result<ApiTokenView[]>>;
}
