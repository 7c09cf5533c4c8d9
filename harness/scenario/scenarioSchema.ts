import { z } from 'zod';
import { transactionTypes } from '../../protocol/licenseFile.ts';
import { DURATION_PATTERN, calendarDuration, duration, featureCode, name } from './fields.ts';

const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z)?$/;

/**
 * When an order item's license term starts, whenever the order is activated: a UTC date
 * (`2026-03-01`, `2026-03-01T12:00:00Z`), or a duration after the scenario's first instant
 * (`60d`), which holds wherever virtual time starts (`fleetrig serve` starts it at the wall
 * clock). Until then the portal shows the license as Impending.
 */
export const itemStart = z
  .string()
  .regex(new RegExp(`${DATE.source}|${DURATION_PATTERN.source}`), 'expected a UTC date such as 2026-03-01 or 2026-03-01T12:00:00Z, or a duration such as 60d')
  .transform((s, ctx): { at: number } | { after: number } => {
    if (!DATE.test(s)) {
      const after = duration.safeParse(s);
      if (after.success) return { after: after.data };
      ctx.addIssue({ code: 'custom', message: after.error.issues[0]?.message ?? 'not a duration' });
      return z.NEVER;
    }
    const day = s.length === 10;
    const at = Date.parse(day ? `${s}T00:00:00Z` : s);
    if (!Number.isFinite(at) || !new Date(at).toISOString().startsWith(day ? s : s.slice(0, 16))) {
      ctx.addIssue({ code: 'custom', message: 'no such date' });
      return z.NEVER;
    }
    return { at };
  })
  .describe('When the license term starts, rather than at activation: a UTC date (2026-03-01) or time (2026-03-01T12:00:00Z), or a duration after the scenario starts (60d). The license is Impending until then, and `term` counts from it.');
export type ItemStart = z.output<typeof itemStart>;

/**
 * The scenario format (docs/scenarios.md). Steps are checked one by one against the step-kind
 * registry (see parseScenarios.ts), so this schema only says they are a list.
 */
export const orderItemSchema = z
  .object({
    feature: featureCode.describe('The feature code the licenses grant, e.g. Mobility, Port, CLARITI-PORTS, PDMS-AUDIO.'),
    count: z.number().int().positive().default(1).describe('Licensed amount per license: channels, users or devices. Default 1.'),
    quantity: z.number().int().positive().max(100_000).default(1).describe('How many separate licenses of this item the order holds (one per device, say). Default 1.'),
    term: calendarDuration
      .optional()
      .describe('How long each license lasts from activation (or from start), calendar months and years as the vendors mean them (1y, 3mo); omitted for a perpetual license.'),
    start: itemStart.optional(),
    type: z.enum(transactionTypes).default('New').describe('The transaction type the portal records for the item. Default New.'),
  })
  .strict();

export const orderSchema = z
  .object({
    id: name.describe('The order ID; steps refer to its licenses as ID.N (o1.1, o1.2, …).'),
    account: name.default('default').describe("The customer account the order belongs to. Default 'default'."),
    items: z.array(orderItemSchema).min(1).describe('What the order holds: one entry per feature.'),
  })
  .strict();

export const fleetEntrySchema = z
  .object({
    family: z.string().min(1).describe('The appliance family: gateway, smartserver, video or audio.'),
    count: z.number().int().min(1).max(100_000).default(1).describe('How many devices of this entry. Default 1.'),
    prefix: z
      .string()
      .regex(/^[a-z][a-z0-9]{0,15}$/, 'expected a short lower-case prefix such as gw')
      .optional()
      .describe("Device IDs are PREFIX-001, PREFIX-002, …; the family's own prefix (gw, ss, cl, pc) if omitted."),
    variant: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'expected a lower-case variant name such as manager')
      .optional()
      .describe("The family's model, e.g. manager for the video family or v3-2 for a SmartServer; the family's default if omitted."),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1).max(200).describe('What the scenario shows, with the behaviour IDs it exercises in brackets: [GW-9] test mode switches off after 8 hours.'),
    description: z.string().optional().describe('Longer prose about the scenario, for people reading it.'),
    ids: z
      .array(z.string().regex(/^[A-Z]{2}-\d+$/, 'expected a behaviour ID such as GW-5'))
      .optional()
      .describe('Behaviour IDs the scenario exercises (docs/behaviours.md); those in brackets in the name count too.'),
    seed: z.number().int().nonnegative().optional().describe('A fixed seed for this scenario; --seed overrides it.'),
    fleet: z.array(fleetEntrySchema).min(1).describe('The devices the scenario runs: one entry per family and model.'),
    portal: z
      .object({ orders: z.array(orderSchema).default([]).describe("Orders placed in the vendor's portal before the first step.") })
      .strict()
      .default({ orders: [] })
      .describe("The vendor license cloud's starting data."),
    steps: z.array(z.unknown()).min(1).describe('What happens, in order: each step a one-key mapping, `- kind: args`.'),
  })
  .strict();

export type ScenarioHeader = z.output<typeof scenarioSchema>;
export type OrderSpec = z.output<typeof orderSchema>;
export type FleetEntry = z.output<typeof fleetEntrySchema>;
