import { fail, type Failure, type Result } from './result.ts';
import { StoreConflict, type StoreTx } from '../store/Store.ts';
import type { CoreContext } from './CoreContext.ts';

/** Who did what to what, as the audit log records it. */
export interface OperationInfo {
  /** `account:<id>`, `device:<hardwareId>`, `vendor`, `portal:gateway` */
  actor: string;
  /** e.g. `license.move` */
  action: string;
  subject: string;
}

export interface OperationScope {
  readonly tx: StoreTx;
  /** The clock reading the whole operation uses, taken once at its start. */
  readonly now: number;
  /** Appends the success entry to the audit log, in the same transaction. */
  audit(detail: Record<string, unknown>, overrides?: Partial<OperationInfo>): Promise<void>;
}

export interface OperationOptions {
  /** What a unique-rule conflict on a table means for this operation (a race lost). */
  conflicts?: Record<string, () => Failure>;
}

/** Carries a refusal out of the transaction so it rolls back. */
class Refusal extends Error {
  constructor(readonly result: Result<never>) {
    super('operation refused');
  }
}

/**
 * Runs one domain operation in one transaction. A refusal (a failed Result) rolls back
 * everything the operation wrote and is then logged as `refused` on its own; success commits
 * the operation's writes and audit entries together. Store work is tracked on the clock, so
 * virtual time never jumps past a query in flight.
 */
export async function runOperation<T>(
  ctx: CoreContext,
  info: OperationInfo,
  work: (scope: OperationScope) => Promise<Result<T>>,
  options: OperationOptions = {},
): Promise<Result<T>> {
  const now = ctx.clock.now();
  const attempt = ctx.store.transaction(async (tx) => {
    const scope: OperationScope = {
      tx,
      now,
      audit: async (detail, overrides = {}) => {
        await tx.audit.append({ at: now, ...info, ...overrides, outcome: 'ok', detail });
      },
    };
    const result = await work(scope);
    if (!result.ok) throw new Refusal(result);
    return result;
  });
  let result: Result<T>;
  try {
    result = await ctx.clock.track(attempt);
  } catch (error) {
    if (error instanceof Refusal) result = error.result;
    else if (error instanceof StoreConflict) {
      const mapped = options.conflicts?.[error.table]?.();
      result = mapped
        ? { ok: false, error: mapped }
        : fail('CONFLICT', `${info.action} on ${info.subject} collided with a concurrent change; try again`);
    } else throw error;
  }
  if (!result.ok) {
    const { code, message } = result.error;
    await ctx.clock.track(ctx.store.transaction((tx) =>
      tx.audit.append({ at: now, ...info, outcome: 'refused', detail: { code, message } })));
  }
  return result;
}

/** A read-only look at the store, tracked on the clock; nothing is audited. */
export function readStore<T>(ctx: CoreContext, work: (tx: StoreTx, now: number) => Promise<T>): Promise<T> {
  const now = ctx.clock.now();
  return ctx.clock.track(ctx.store.transaction((tx) => work(tx, now)));
}
