/**
 * What an API token may do at the license server's HTTP API, one role per kind of caller
 * (docs/http.md, *Authentication*). The device-management portal's own roles (License Admin,
 * …) are its users' and are checked by that portal (portals/audio/requireRole.ts).
 */
export const ServerRole = {
  /** The rig's operator: mints and revokes tokens, reads the audit log, and may call every route. */
  Administrator: 'Administrator',
  /** The vendor's order desk: places orders. */
  Vendor: 'Vendor',
  /** A customer account's user: activates keys, binds licenses, works the account's portals. */
  Customer: 'Customer',
  /** A SmartServer partner: the License Partner Portal's customers and assignments. */
  Partner: 'Partner',
} as const;
export type ServerRole = (typeof ServerRole)[keyof typeof ServerRole];
export const serverRoles = Object.values(ServerRole) as [ServerRole, ...ServerRole[]];
