import { smartserverOps } from '../../../protocol/messages/smartserver.ts';
import type { Result } from '../../core/result.ts';
import type { CoreContext } from '../../core/CoreContext.ts';
import { activateForServer, type ActivateForServerInput } from './activateForServer.ts';
import { assignLicenses, type AssignLicensesInput } from './assignLicenses.ts';
import { createCustomer, type CreateCustomerInput } from './createCustomer.ts';
import { listCustomers, type ListCustomersInput } from './listCustomers.ts';
import { listForCustomer, type ListForCustomerInput } from './listForCustomer.ts';
import { listPartnerLicenses, type ListPartnerLicensesInput } from './listPartnerLicenses.ts';
import { offlineActivate, type OfflineActivateInput, type OfflineActivation } from './offlineActivate.ts';
import { provenByServer, type ServerRequest } from './provenByServer.ts';
import { serverDownloadList, type DownloadPage, type ServerDownloadListInput } from './serverDownloadList.ts';
import type { Customer, PortalLicense } from './smartserverRecords.ts';
import { transferFromServer, type Transferred, type TransferFromServerInput } from './transferFromServer.ts';

export type { Customer, PortalLicense } from './smartserverRecords.ts';
export type { OfflineActivation } from './offlineActivate.ts';
export type { Transferred } from './transferFromServer.ts';

/**
 * The SmartServer license cloud (SS-*, docs/behaviours.md): the License Partner Portal, the License
 * Customer Portal and the operations SmartServers call over their link — a thin facet over the
 * core, one file per operation. SmartServer licenses are core licenses of feature `SS-CAPACITY`
 * (count = field devices) or `SS-MAINTENANCE` (with a term), ordered and activated into the
 * partner's account like any other.
 */
export interface SmartServerPortal {
  /** SS-2 partner portal: a customer/project account with a UUID Customer ID. */
  createCustomer(input: CreateCustomerInput): Promise<Result<Customer>>;
  listCustomers(input?: ListCustomersInput): Promise<Result<Customer[]>>;
  /** SS-2 partner portal: purchased licenses to one of the partner's customers. */
  assignLicenses(input: AssignLicensesInput): Promise<Result<PortalLicense[]>>;
  /** SS-2 partner portal: the partner's licenses, unassigned (`customerId: null`) or assigned to its customers. */
  listPartnerLicenses(input: ListPartnerLicensesInput): Promise<Result<PortalLicense[]>>;
  /** SS-2, SS-4: the customer's licenses, in the cloud or on a server. */
  listForCustomer(input: ListForCustomerInput): Promise<Result<PortalLicense[]>>;
  /** SS-8 customer portal: offline capacity activation, request code in, response code out. */
  offlineActivate(input: OfflineActivateInput): Promise<Result<OfflineActivation>>;
  /** SS-4: what a server may activate. Trusts the caller with the install code; servers call `fromServer.list`. */
  downloadList(input: ServerDownloadListInput): Promise<Result<DownloadPage>>;
  /** SS-5: signed LIC1 files bound to the install code. Trusts the caller with it; servers call `fromServer.activate`. */
  activate(input: ActivateForServerInput): Promise<Result<string[]>>;
  /** SS-6. Trusts the caller with the install code; servers call `fromServer.transfer`. */
  transfer(input: TransferFromServerInput): Promise<Result<Transferred>>;
  /**
   * The device ops `smartserver.list`, `smartserver.activate` and `smartserver.transfer` as a server sends them over its
   * link: each proven by the server's certificate for the install code it names (provenByServer.ts).
   */
  readonly fromServer: {
    list(request: ServerRequest<typeof smartserverOps.list>): Promise<Result<DownloadPage>>;
    activate(request: ServerRequest<typeof smartserverOps.activate>): Promise<Result<string[]>>;
    transfer(request: ServerRequest<typeof smartserverOps.transfer>): Promise<Result<Transferred>>;
  };
}

export function createSmartServerPortal(ctx: CoreContext): SmartServerPortal {
  return {
    createCustomer: (input) => createCustomer(ctx, input),
    listCustomers: (input) => listCustomers(ctx, input),
    assignLicenses: (input) => assignLicenses(ctx, input),
    listPartnerLicenses: (input) => listPartnerLicenses(ctx, input),
    listForCustomer: (input) => listForCustomer(ctx, input),
    offlineActivate: (input) => offlineActivate(ctx, input),
    downloadList: (input) => serverDownloadList(ctx, input),
    activate: (input) => activateForServer(ctx, input),
    transfer: (input) => transferFromServer(ctx, input),
    fromServer: {
      list: (request) =>
        provenByServer(ctx, { op: smartserverOps.list.op, schema: smartserverOps.list.request, request, operation: (fields) => serverDownloadList(ctx, fields) }),
      activate: (request) =>
        provenByServer(ctx, { op: smartserverOps.activate.op, schema: smartserverOps.activate.request, request, operation: (fields) => activateForServer(ctx, fields) }),
      transfer: (request) =>
        provenByServer(ctx, { op: smartserverOps.transfer.op, schema: smartserverOps.transfer.request, request, operation: (fields) => transferFromServer(ctx, fields) }),
    },
  };
}
