import { ok, type Result } from '../core/result.ts';
import { readStore } from '../core/runOperation.ts';
import type { AuthContext } from './AuthContext.ts';
import { listTokenRecords, tokenView, type ApiTokenView } from './apiTokens.ts';

/** Every API token, revoked ones too, in the order minted; never a secret. */
export async function listApiTokens(ctx: AuthContext): Promise<Result<ApiTokenView[]>> {
  return ok((await readStore(ctx, (tx) => listTokenRecords(tx))).map((r) => tokenView(r.token)));
}
