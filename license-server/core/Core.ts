import type { Result } from './result.ts';
import type { ActivateKeyInput } from './activateKey.ts';
import type { AuditQueryInput } from './auditQuery.ts';
import type { CreatedOrder, CreateOrderInput } from './createOrder.ts';
import type { ListLicensesInput } from './listLicenses.ts';
import type { AuditEntry, LicenseView } from './types.ts';

/**
 * What every portal shares, served at the root of /api/v1: orders and the activation keys they
 * yield (GW-1, CL-2), activation into an account, an account's licenses, and the audit log.
 */
export interface Core {
  /** Vendor side: an order of one or more items yields one activation key. */
  createOrder(input: CreateOrderInput): Promise<Result<CreatedOrder>>;
  /** Activates an order's licenses into the account with its key, as typed. */
  activate(input: ActivateKeyInput): Promise<Result<LicenseView[]>>;
  /** An account's licenses with their status (PC-4 wording) and binding. */
  listLicenses(input: ListLicensesInput): Promise<Result<LicenseView[]>>;
  audit(input?: AuditQueryInput): Promise<Result<AuditEntry[]>>;
}
