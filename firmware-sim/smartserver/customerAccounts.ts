import { customerIdSchema } from '../../protocol/messages/smartserver.ts';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { refuseLicenseManagement, type SmartServerCore } from './SmartServerCore.ts';

/**
 * [SS-3] Manage Customer Accounts: the segment controller and its install code, read-only, and
 * the Customer ID, editable. Typing a Customer ID makes Save Changes and Discard Changes
 * appear; saving checks it is a UUID and commits it to NVRAM, discarding restores the saved
 * one. A typed but unsaved ID is RAM only: a reboot discards it.
 */
export interface CustomerAccountView {
  /** This server, as the CMS names it. */
  segmentController: string;
  installCode: string;
  /** The saved Customer ID. */
  customerId: string | null;
  /** What was typed since, if anything: Save and Discard are showing. */
  edited: string | null;
}

export interface CustomerAccounts {
  view(): Result<CustomerAccountView>;
  /** Types into the Customer ID column; nothing is stored yet. */
  edit(text: string): Result<CustomerAccountView>;
  /** Save Changes: BAD_REQUEST (where `customerId`) unless the typed text is a UUID. */
  save(): Result<CustomerAccountView>;
  /** Discard Changes: back to the saved Customer ID. */
  discard(): Result<CustomerAccountView>;
}

const MAX_TYPED = 200;

export function createCustomerAccounts(core: SmartServerCore): CustomerAccounts {
  const { board } = core;
  const view = (): CustomerAccountView => ({
    segmentController: board.id,
    installCode: board.identity.installCode,
    customerId: core.settings.image().customerId,
    edited: core.ram().customerIdDraft,
  });
  const guard = (op: string) => refuseLicenseManagement(core, `Manage Customer Accounts: ${op}`);

  return {
    view() {
      return guard('view') ?? ok(view());
    },
    edit(text) {
      const refused = guard('edit Customer ID');
      if (refused) return refused;
      if (typeof text !== 'string' || text.length > MAX_TYPED) {
        return fail(ErrorCode.BadRequest, `Customer ID: expected text of at most ${MAX_TYPED} characters`, 'customerId');
      }
      core.send({ type: 'EDIT_CUSTOMER_ID', draft: text });
      return ok(view());
    },
    save() {
      const refused = guard('save');
      if (refused) return refused;
      const draft = core.ram().customerIdDraft;
      if (draft === null) return ok(view());
      const parsed = customerIdSchema.safeParse(draft.trim());
      if (!parsed.success) {
        return fail(ErrorCode.BadRequest, `Customer ID '${draft}' is not a UUID such as 2133c667-af41-4518-94df-a2bb3b775330; fix it or discard the change`, 'customerId');
      }
      const saved = core.settings.update((image) => ({ ...image, customerId: parsed.data }));
      if (!saved.ok) return saved;
      core.send({ type: 'EDIT_CUSTOMER_ID', draft: null });
      // The download list belonged to the old Customer ID.
      core.send({ type: 'SET_DOWNLOAD_LIST', rows: null });
      core.changed();
      return ok(view());
    },
    discard() {
      const refused = guard('discard');
      if (refused) return refused;
      core.send({ type: 'EDIT_CUSTOMER_ID', draft: null });
      return ok(view());
    },
  };
}
