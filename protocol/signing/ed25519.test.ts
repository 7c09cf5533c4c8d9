import { describe, expect, it } from 'vitest';
import { signingKeyFromSeed, signText, verifyText } from './ed25519.ts';

// RFC 8032 §7.1, TEST 1 (the empty message) and TEST 2 (one byte, 0x72 = 'r').
const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const PUBLIC = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64url');
const EMPTY_SIGNATURE = Buffer.from('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b', 'hex').toString('base64url');
const TEST2_SEED = Buffer.from('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb', 'hex');
const TEST2_PUBLIC = Buffer.from('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c', 'hex').toString('base64url');
const TEST2_SIGNATURE = Buffer.from('92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00', 'hex').toString('base64url');

describe('Ed25519 keys from a seed', () => {
  it('derive the RFC 8032 public key and signatures, on this Node line', () => {
    const key = signingKeyFromSeed(SEED);
    expect(key.publicKey).toBe(PUBLIC);
    expect(signText(key, '')).toBe(EMPTY_SIGNATURE);
    const second = signingKeyFromSeed(TEST2_SEED);
    expect(second.publicKey).toBe(TEST2_PUBLIC);
    expect(signText(second, 'r')).toBe(TEST2_SIGNATURE);
    expect(verifyText(TEST2_PUBLIC, 'r', TEST2_SIGNATURE)).toBe(true);
  });

  it('refuse a seed that is not 32 bytes', () => {
    expect(() => signingKeyFromSeed(new Uint8Array(31))).toThrow('an Ed25519 seed is 32 bytes');
  });
});
