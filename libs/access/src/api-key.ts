import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: `og_<key id>_<secret>`. The key id (12 base32 characters) finds
 * the stored key; the secret (32 random bytes, base64url) is checked against
 * its SHA-256, which is all that is stored. A key is shown once, when made.
 * SHA-256 rather than a password hash: the secret is 256 random bits, so
 * there is nothing to guess, and every request must be checked fast.
 */
const PREFIX = 'og';
const KEY_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const KEY_PATTERN = /^og_([a-z2-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  /** The whole key, to give to the consumer once. */
  readonly key: string;
  readonly keyId: string;
  /** Hex SHA-256 of the secret: what is stored. */
  readonly secretHash: string;
}

export function issueApiKey(): IssuedKey {
  const keyId = Array.from(randomBytes(12), (b) => KEY_ID_ALPHABET[b % 32]).join('');
  const secret = randomBytes(32).toString('base64url');
  return { key: `${PREFIX}_${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) };
}

/** The key id and secret of a well-formed key; null for anything else. */
export function parseApiKey(key: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** How a key is shown in lists and logs: its id only. */
export function describeKey(keyId: string): string {
  return `${PREFIX}_${keyId}_…`;
}
