import { fail, ok, type Result } from '../../protocol/result.ts';
import { colours } from './fieldDevices.ts';
import { licensingRequired, parseFirmwareVersion } from './firmwareVersion.ts';
import { deviceCapacity, maintenance } from './installedLicenses.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import { licenseTime, refuseWhileBusy, type SmartServerCore } from './SmartServerCore.ts';
import { SmartServerErrorCode } from './SmartServerErrorCode.ts';

/**
 * Installs another firmware version and reboots into it. What a maintenance license buys:
 * from 3.3 on (SS-1) an update needs one that has not expired (MAINTENANCE_REQUIRED). Expiry
 * affects nothing else — provisioning stays bounded by device capacity alone.
 *
 * Moving from firmware without license management to 3.3 or later keeps provisioned only the
 * devices the installed capacity covers; the rest must be provisioned again once licensed.
 */
export function updateFirmware(core: SmartServerCore, version: string): Result<{ version: string; rebooting: true }> {
  return installFirmware(core, version, { op: 'firmware update', needsMaintenance: true });
}

/**
 * USB recovery: a technician re-images the unit on the bench with any version, keeping its
 * settings — outside license management, so no maintenance is needed. How a scenario puts old
 * firmware (SS-1) on a board.
 */
export function recoveryFlash(core: SmartServerCore, version: string): Result<{ version: string; rebooting: true }> {
  return installFirmware(core, version, { op: 'recovery flash', needsMaintenance: false });
}

function installFirmware(core: SmartServerCore, version: string, how: { op: string; needsMaintenance: boolean }): Result<{ version: string; rebooting: true }> {
  const { op } = how;
  const refused = refuseUnlessRunning(core, op) ?? refuseWhileBusy(core, op);
  if (refused) return refused;
  const parsed = parseFirmwareVersion(typeof version === 'string' ? version : String(version));
  if (!parsed.ok) return fail(parsed.error.code, `${op}: ${parsed.error.message}`, 'version');
  const [now, tampered] = licenseTime(core);
  const image = core.settings.image();
  if (how.needsMaintenance && core.licensingRequired()) {
    const m = maintenance(image.licenses, now, tampered);
    if (m.status !== 'active') {
      const why = m.status === 'none'
        ? 'no maintenance license is installed'
        : m.status === 'clock-tampered'
          ? 'the server clock reads earlier than a time it has already seen, so the maintenance term is not trusted (CLOCK_TAMPERED)'
          : `the maintenance license expired at ${new Date(m.until!).toISOString().slice(0, 10)}`;
      return fail(SmartServerErrorCode.MaintenanceRequired, `${op} to ${version} on ${core.board.id}: ${why}; activate a maintenance license first`);
    }
  }
  const gainsLicensing = !core.licensingRequired() && licensingRequired(version);
  const shown = gainsLicensing ? colours(image.fieldDevices, deviceCapacity(image.licenses, now, tampered)) : [];
  const saved = core.settings.update((current) => ({
    ...current,
    firmwareVersion: version,
    fieldDevices: gainsLicensing ? current.fieldDevices.map((d, i) => ({ ...d, provisioned: shown[i] === 'provisioned' })) : current.fieldDevices,
  }));
  if (!saved.ok) return saved;
  core.send({ type: 'REBOOT' });
  return ok({ version, rebooting: true });
}
