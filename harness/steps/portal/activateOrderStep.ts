import { z } from 'zod';
import type { LicenseView } from '../../../license-server/core/types.ts';
import type { Result } from '../../../protocol/result.ts';
import { errorCode, name } from '../../scenario/fields.ts';
import type { World } from '../../runner/World.ts';
import { defineStep, type StepKind } from '../StepKind.ts';
import { expectOutcome } from '../outcome.ts';

export interface ActivateOrderSpec {
  kind: string;
  summary: string;
  /** The portal facet's activation: the key typed into the account the order belongs to. */
  activate(world: World, input: { accountId: string; activationKey: string }): Promise<Result<LicenseView[]>>;
  /** The trace line for an activation that succeeded. */
  recorded(typed: string, licenses: readonly LicenseView[]): string;
  /** The activation in words, for failures: `activating KEY in the video portal`. */
  what(typed: string): string;
}

/**
 * Builds a portal step that enters an order's activation key (or a typed `key`) in one portal
 * facet: `- portal.activate: { order: o1 }`. The licenses it creates become the order's, so
 * later steps name them `o1.1`, `o1.2`, ….
 */
export function activateOrderStep(spec: ActivateOrderSpec): StepKind<{ order: string; key?: string; expectError?: string }> {
  return defineStep({
    kind: spec.kind,
    summary: spec.summary,
    args: z.object({ order: name, key: z.string().optional(), expectError: errorCode.optional() }).strict(),
    async run(world, { order: orderName, key, expectError }) {
      const order = world.order(orderName);
      if (!order.ok) return order;
      const typed = key ?? order.value.activationKey;
      const result = await spec.activate(world, { accountId: order.value.spec.account, activationKey: typed });
      if (result.ok) {
        order.value.licenses = result.value.map((l) => l.id);
        world.record('portal', spec.recorded(typed, result.value));
      }
      return expectOutcome(result, expectError, spec.what(typed));
    },
  });
}
