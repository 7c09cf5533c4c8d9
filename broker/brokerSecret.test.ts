import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { brokerSecret } from './brokerSecret.ts';

describe('brokerSecret', () => {
  it('is the documented HMAC of the username under the credential seed', () => {
    const expected = createHmac('sha256', 'fleetrig/mqtt-credentials/v1\n42').update('gw-001').digest('hex').slice(0, 32);
    expect(brokerSecret({ credentialSeed: 42, username: 'gw-001' })).toBe(expected);
    expect(brokerSecret({ credentialSeed: 42, username: 'gw-001' })).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs per user and per credential seed, and is the same for the same pair', () => {
    const a = brokerSecret({ credentialSeed: 42, username: 'gw-001' });
    expect(brokerSecret({ credentialSeed: 42, username: 'gw-001' })).toBe(a);
    expect(brokerSecret({ credentialSeed: 42, username: 'gw-002' })).not.toBe(a);
    expect(brokerSecret({ credentialSeed: 43, username: 'gw-001' })).not.toBe(a);
    expect(brokerSecret({ credentialSeed: 42, username: 'license-server' })).not.toBe(a);
    // A seed and a username cannot be traded for each other: the seed is the HMAC key.
    expect(brokerSecret({ credentialSeed: '4', username: '2gw-001' })).not.toBe(a);
  });
});
