import { z } from 'zod';
import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { deviceCapacity } from './installedLicenses.ts';
import { fieldProtocols, type FieldDevice, type FieldProtocol } from './smartserverImage.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { licenseTime, type SmartServerCore } from './SmartServerCore.ts';

/**
 * [SS-7] The LON, BACnet and Modbus devices a SmartServer manages, as its Devices widget shows
 * them: unlicensed (purple), unprovisioned (blue) or provisioned (green). A device turns green
 * only when provisioned by hand, and device capacity bounds how many are green. After a
 * transfer to the cloud every device is purple; once a capacity license is activated they are
 * blue until provisioned again. [SS-1] Firmware before 3.3 needs no license: nothing is purple
 * and nothing bounds provisioning.
 */
export type FieldDeviceColour = 'unlicensed' | 'unprovisioned' | 'provisioned';

export interface FieldDeviceCounts {
  unlicensed: number;
  unprovisioned: number;
  provisioned: number;
  total: number;
}

export interface FieldDeviceRow extends FieldDevice {
  status: FieldDeviceColour;
}

export interface ProvisionOutcome {
  /** Names newly provisioned. */
  provisioned: string[];
  alreadyProvisioned: number;
  /** `'all'` only: devices left unprovisioned because the capacity is used up. */
  refused: number;
}

export interface FieldDevices {
  /** Adds `count` devices named `lon-001`, … or the given `names`; new devices are not provisioned. */
  add(options: { protocol: FieldProtocol; count?: number; names?: readonly string[] }): Result<{ added: string[] }>;
  /**
   * Provisions the named devices — all or none, LICENSE_LIMIT naming the counts when they do
   * not fit the capacity — or, with `'all'`, as many waiting devices as the capacity allows,
   * in list order, reporting the rest as refused (LICENSE_LIMIT only when none fits).
   */
  provision(target: readonly string[] | 'all'): Result<ProvisionOutcome>;
  list(): Result<FieldDeviceRow[]>;
}

/** Most field devices one server manages here (the NVRAM image must hold them). */
export const MAX_FIELD_DEVICES = 500;

const nameSchema = z.string().regex(/^[A-Za-z0-9][\w.-]{0,31}$/, 'letters, digits, _ . - only, at most 32');
const addSchema = z.object({
  protocol: z.enum(fieldProtocols),
  count: z.number().int().min(1).max(MAX_FIELD_DEVICES).optional(),
  names: z.array(nameSchema).min(1).max(MAX_FIELD_DEVICES).optional(),
}).strict().refine((o) => (o.count === undefined) !== (o.names === undefined), { message: 'give either count or names' });

/**
 * Each device's colour. Provisioned devices take capacity in list order; one the capacity no
 * longer covers (a capacity license that has ended) shows unlicensed, as does every waiting
 * device while there is no capacity at all. `capacity` null: no license needed (SS-1).
 */
export function colours(devices: readonly FieldDevice[], capacity: number | null): FieldDeviceColour[] {
  let slots = capacity ?? Infinity;
  return devices.map((d) => {
    if (d.provisioned && slots > 0) {
      slots--;
      return 'provisioned';
    }
    return !d.provisioned && (capacity === null || capacity > 0) ? 'unprovisioned' : 'unlicensed';
  });
}

export function countColours(list: readonly FieldDeviceColour[]): FieldDeviceCounts {
  const counts = { unlicensed: 0, unprovisioned: 0, provisioned: 0, total: list.length };
  for (const c of list) counts[c]++;
  return counts;
}

/** The capacity that bounds provisioning now; null when the firmware needs no license. */
export function capacityNow(core: SmartServerCore): number | null {
  return core.licensingRequired() ? deviceCapacity(core.settings.image().licenses, ...licenseTime(core)) : null;
}

export function createFieldDevices(core: SmartServerCore): FieldDevices {
  const commit = (devices: FieldDevice[]): Result<unknown> => {
    const saved = core.settings.update((image) => ({ ...image, fieldDevices: devices }));
    if (saved.ok) core.changed();
    return saved;
  };

  return {
    add(options) {
      const refused = refuseUnlessRunning(core, 'add field devices');
      if (refused) return refused;
      const parsed = addSchema.safeParse(options);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return fail(ErrorCode.BadRequest, `add field devices: ${issue.path.join('.') || '(root)'}: ${issue.message}`, issue.path.join('.') || undefined);
      }
      const { protocol, count, names } = parsed.data;
      const existing = core.settings.image().fieldDevices;
      const taken = new Set(existing.map((d) => d.name));
      const chosen = names ?? defaultNames(protocol, count!, taken);
      const clash = chosen.find((n, i) => taken.has(n) || chosen.indexOf(n) !== i);
      if (clash !== undefined) return fail(ErrorCode.Conflict, `add field devices: a device named ${clash} already exists`, 'names');
      if (existing.length + chosen.length > MAX_FIELD_DEVICES) {
        return fail(ErrorCode.BadRequest, `add field devices: ${existing.length} + ${chosen.length} would exceed the ${MAX_FIELD_DEVICES} devices one SmartServer manages`, 'count');
      }
      const saved = commit([...existing, ...chosen.map((name) => ({ name, protocol, provisioned: false }))]);
      return saved.ok ? ok({ added: chosen }) : saved;
    },

    provision(target) {
      const op = 'provision field devices';
      const refused = refuseUnlessRunning(core, op);
      if (refused) return refused;
      const devices = core.settings.image().fieldDevices;
      const capacity = capacityNow(core);
      const shown = colours(devices, capacity);
      const inUse = shown.filter((c) => c === 'provisioned').length;
      const free = capacity === null ? Infinity : capacity - inUse;
      let wanted: number[];
      if (target === 'all') {
        wanted = devices.flatMap((d, i) => (shown[i] === 'provisioned' ? [] : [i]));
      } else {
        if (!Array.isArray(target) || target.length === 0) return fail(ErrorCode.BadRequest, `${op}: name at least one device, or 'all'`, 'devices');
        const unknown = target.find((n) => !devices.some((d) => d.name === n));
        if (unknown !== undefined) return fail(ErrorCode.NotFound, `${op}: no field device named ${String(unknown)} on ${core.board.id}`, 'devices');
        wanted = devices.flatMap((d, i) => (target.includes(d.name) && shown[i] !== 'provisioned' ? [i] : []));
      }
      const already = target === 'all' ? inUse : target.length - wanted.length;
      const take = target === 'all' ? wanted.slice(0, Math.max(0, free)) : wanted;
      if (wanted.length > 0 && (take.length === 0 || take.length > free)) {
        return fail(DeviceErrorCode.LicenseLimit, `${op}: ${wanted.length} more would make ${inUse + wanted.length} provisioned devices on ${core.board.id}, beyond its device capacity of ${capacity ?? 0} (${inUse} provisioned)`, 'devices');
      }
      const chosen = new Set(take);
      if (chosen.size > 0) {
        const saved = commit(devices.map((d, i) => (chosen.has(i) ? { ...d, provisioned: true } : d)));
        if (!saved.ok) return saved;
      }
      return ok({ provisioned: take.map((i) => devices[i]!.name), alreadyProvisioned: already, refused: wanted.length - take.length });
    },

    list() {
      const refused = refuseUnlessRunning(core, 'list field devices');
      if (refused) return refused;
      const devices = core.settings.image().fieldDevices;
      const shown = colours(devices, capacityNow(core));
      return ok(devices.map((d, i) => ({ ...d, status: shown[i]! })));
    },
  };
}

function defaultNames(protocol: FieldProtocol, count: number, taken: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (let n = 1; names.length < count; n++) {
    const name = `${protocol.toLowerCase()}-${String(n).padStart(3, '0')}`;
    if (!taken.has(name)) names.push(name);
  }
  return names;
}
