import { z } from 'zod';
import { transactionTypes } from '../../protocol/licenseFile.ts';
import { calendarDuration, featureCode, name } from './fields.ts';

/**
 * The scenario format (docs/scenarios.md). Steps are checked one by one against the step-kind
 * registry (see parseScenarios.ts), so this schema only says they are a list.
 */
export const orderItemSchema = z
  .object({
    feature: featureCode,
    /** Licensed amount per license (channels, users, devices). */
    count: z.number().int().positive().default(1),
    /** How many separate licenses of this item the order holds (one per device, say). */
    quantity: z.number().int().positive().max(100_000).default(1),
    /** Term from activation, calendar months and years as the vendors mean them; omitted for a perpetual license. */
    term: calendarDuration.optional(),
    type: z.enum(transactionTypes).default('New'),
  })
  .strict();

export const orderSchema = z
  .object({
    id: name,
    account: name.default('default'),
    items: z.array(orderItemSchema).min(1),
  })
  .strict();

export const fleetEntrySchema = z
  .object({
    family: z.string().min(1),
    count: z.number().int().min(1).max(100_000).default(1),
    /** Device IDs are PREFIX-001, PREFIX-002, …; defaults to the family's own prefix. */
    prefix: z.string().regex(/^[a-z][a-z0-9]{0,15}$/, 'expected a short lower-case prefix such as gw').optional(),
    /** The family's model, e.g. `manager` for the video family; the family's default if omitted. */
    variant: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'expected a lower-case variant name such as manager').optional(),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().optional(),
    /** Behaviour IDs; those in brackets in the name count too. */
    ids: z.array(z.string().regex(/^[A-Z]{2}-\d+$/, 'expected a behaviour ID such as GW-5')).optional(),
    /** A fixed seed for this scenario; `--seed` overrides it. */
    seed: z.number().int().nonnegative().optional(),
    fleet: z.array(fleetEntrySchema).min(1),
    portal: z.object({ orders: z.array(orderSchema).default([]) }).strict().default({ orders: [] }),
    steps: z.array(z.unknown()).min(1),
  })
  .strict();

export type ScenarioHeader = z.output<typeof scenarioSchema>;
export type OrderSpec = z.output<typeof orderSchema>;
export type FleetEntry = z.output<typeof fleetEntrySchema>;
