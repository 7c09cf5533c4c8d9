/** Lengths of time the license rules are written in; months are the rig's 30-day months. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** PC-4: a license with less than this many days left is Expiring Shortly. */
export const EXPIRING_SHORTLY_DAYS = 31;

/** GW-8: a test license works for three (30-day) months after its first download. */
export const TEST_LICENSE_DAYS = 3 * 30;

/** The feature a GW-8 test license grants: everything, as test mode does (GW-9). */
export const TEST_LICENSE_FEATURE = 'TEST-ALL';
