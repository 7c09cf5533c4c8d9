import { fail, ok, type Result } from '../../protocol/result.ts';
import { ErrorCode } from '../../protocol/errorCodes.ts';
import { DeviceErrorCode } from '../shared/DeviceErrorCode.ts';
import { refuseUnlessRunning } from '../shared/refuseUnlessRunning.ts';
import type { GatewayCore } from './GatewayCore.ts';
import { featureLimit, isGatewayFeature } from './licenseCounts.ts';
import type { ConfigTemplate, GatewayImage, PbxUser } from './gatewayImage.ts';

/**
 * [GW-7] Per-user PBX licenses: the admin grants selected users a feature (e.g. `Mobility`);
 * the grants count against the amount in force and are refused beyond it. A config template
 * grants its features to a group of users, all or nothing. Users and grants live in NVRAM.
 */
export interface PbxUsers {
  addUser(name: string): Result<PbxUser>;
  removeUser(name: string): Result<{ name: string }>;
  users(): Result<PbxUser[]>;
  grant(user: string, featureCode: string): Result<PbxUser>;
  revoke(user: string, featureCode: string): Result<PbxUser>;
  /** The config templates, the one defined or replaced last at the end. */
  templates(): Result<ConfigTemplate[]>;
  /** Creates or replaces a template. */
  defineTemplate(name: string, template: { features: readonly string[] }): Result<ConfigTemplate>;
  /** Grants every feature of the template to every user, or nothing if any would exceed its amount. */
  applyTemplate(name: string, users: readonly string[]): Result<{ granted: { user: string; featureCode: string }[] }>;
}

const NAME = /^[^\s].{0,63}$/u;
const FEATURE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export function grantsOf(image: GatewayImage, featureCode: string): number {
  return image.users.filter((u) => u.features.includes(featureCode)).length;
}

export function createPbxUsers(core: GatewayCore): PbxUsers {
  const image = () => core.settings.image();
  const findUser = (name: string) => image().users.find((u) => u.name === name);

  const badName = (op: string, field: string, name: unknown) =>
    typeof name === 'string' && NAME.test(name) ? undefined : fail(ErrorCode.BadRequest, `${op}: ${field} must be 1 to 64 characters, not starting with a space`, field);
  const badFeature = (op: string, featureCode: unknown) => {
    if (typeof featureCode !== 'string' || !FEATURE.test(featureCode)) {
      return fail(ErrorCode.BadRequest, `${op}: featureCode must be a license feature code such as Mobility (letters, digits, - or _)`, 'featureCode');
    }
    if (isGatewayFeature(featureCode)) {
      return fail(ErrorCode.BadRequest, `${op}: ${featureCode} is a gateway license (channels), not granted to PBX users`, 'featureCode');
    }
    return undefined;
  };
  const noUser = (op: string, name: string) => fail(ErrorCode.NotFound, `${op}: no PBX user ${name} on ${core.board.id}`, 'user');

  /** [GW-7] LICENSE_LIMIT when `extra` more grants of a feature would exceed the amount in force. */
  const overLimit = (op: string, featureCode: string, extra: number) => {
    const limit = featureLimit({ effective: core.effective(), ...core.licenseTime(), testMode: core.testModeOn(), featureCode });
    const inUse = grantsOf(image(), featureCode);
    if (inUse + extra <= limit) return undefined;
    return fail(DeviceErrorCode.LicenseLimit, `${op}: ${extra} more ${featureCode} grant(s) would exceed the licenses in force: ${inUse} of ${limit} ${featureCode} already in use`, 'featureCode');
  };

  const saveUsers = (users: PbxUser[]) => {
    const saved = core.settings.update((img) => ({ ...img, users }));
    if (saved.ok) core.changed();
    return saved;
  };

  const setFeatures = (user: PbxUser, features: string[]): Result<PbxUser> => {
    const next = { ...user, features };
    const saved = saveUsers(image().users.map((u) => (u.name === user.name ? next : u)));
    return saved.ok ? ok(next) : saved;
  };

  return {
    addUser(name) {
      const refused = refuseUnlessRunning(core, 'PBX add user') ?? badName('PBX add user', 'name', name);
      if (refused) return refused;
      if (findUser(name)) return fail(ErrorCode.Conflict, `PBX add user: a user named ${name} already exists`, 'name');
      const user: PbxUser = { name, features: [] };
      const saved = saveUsers([...image().users, user]);
      return saved.ok ? ok(user) : saved;
    },

    removeUser(name) {
      const refused = refuseUnlessRunning(core, 'PBX remove user');
      if (refused) return refused;
      if (!findUser(name)) return noUser('PBX remove user', name);
      const saved = saveUsers(image().users.filter((u) => u.name !== name));
      return saved.ok ? ok({ name }) : saved;
    },

    users() {
      return refuseUnlessRunning(core, 'PBX users') ?? ok(image().users.map((u) => ({ ...u, features: [...u.features] })));
    },

    grant(userName, featureCode) {
      const op = 'PBX grant';
      const refused = refuseUnlessRunning(core, op) ?? badFeature(op, featureCode);
      if (refused) return refused;
      const user = findUser(userName);
      if (!user) return noUser(op, userName);
      if (user.features.includes(featureCode)) return ok(user);
      return overLimit(`${op} ${featureCode} to ${userName}`, featureCode, 1) ?? setFeatures(user, [...user.features, featureCode]);
    },

    revoke(userName, featureCode) {
      const op = 'PBX revoke';
      const refused = refuseUnlessRunning(core, op) ?? badFeature(op, featureCode);
      if (refused) return refused;
      const user = findUser(userName);
      if (!user) return noUser(op, userName);
      if (!user.features.includes(featureCode)) return ok(user);
      return setFeatures(user, user.features.filter((f) => f !== featureCode));
    },

    templates() {
      return refuseUnlessRunning(core, 'PBX templates') ?? ok(image().templates.map((t) => ({ ...t, features: [...t.features] })));
    },

    defineTemplate(name, template) {
      const op = 'PBX define template';
      const refused = refuseUnlessRunning(core, op) ?? badName(op, 'name', name);
      if (refused) return refused;
      const features = Array.isArray(template?.features) ? [...new Set(template.features)] : undefined;
      if (!features) return fail(ErrorCode.BadRequest, `${op}: features must be a list of feature codes`, 'features');
      for (const featureCode of features) {
        const bad = badFeature(op, featureCode);
        if (bad) return bad;
      }
      const defined: ConfigTemplate = { name, features };
      const saved = core.settings.update((img) => ({ ...img, templates: [...img.templates.filter((t) => t.name !== name), defined] }));
      return saved.ok ? ok(defined) : saved;
    },

    applyTemplate(name, userNames) {
      const op = `PBX apply template ${name}`;
      const refused = refuseUnlessRunning(core, op);
      if (refused) return refused;
      const template = image().templates.find((t) => t.name === name);
      if (!template) return fail(ErrorCode.NotFound, `${op}: no config template named ${name}`, 'template');
      if (!Array.isArray(userNames) || userNames.length === 0) return fail(ErrorCode.BadRequest, `${op}: name at least one user`, 'users');
      const targets = [...new Set(userNames)].map((n) => findUser(n) ?? n);
      const missing = targets.find((t): t is string => typeof t === 'string');
      if (missing !== undefined) return noUser(op, missing);
      const users = targets as PbxUser[];

      const granted: { user: string; featureCode: string }[] = [];
      for (const featureCode of template.features) {
        const lacking = users.filter((u) => !u.features.includes(featureCode));
        const limited = overLimit(op, featureCode, lacking.length);
        if (limited) return limited;
        granted.push(...lacking.map((u) => ({ user: u.name, featureCode })));
      }
      const next = image().users.map((u) => {
        const extra = granted.filter((g) => g.user === u.name).map((g) => g.featureCode);
        return extra.length === 0 ? u : { ...u, features: [...u.features, ...extra] };
      });
      const saved = saveUsers(next);
      return saved.ok ? ok({ granted }) : saved;
    },
  };
}
