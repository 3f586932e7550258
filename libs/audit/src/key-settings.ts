import { readFileSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { ed25519PrivateKey, ed25519PublicKeys } from './anchor';

/** The PEM text of a key setting: the text itself (`\n` escapes allowed), or `file:<path>`. */
export function pemOfSetting(value: string): string {
  return value.startsWith('file:')
    ? readFileSync(value.slice('file:'.length), 'utf8')
    : value.replace(/\\n/g, '\n');
}

/** The signing key of AUDIT_SIGNING_KEY. */
export function signingKeyFromSetting(value: string): KeyObject {
  return ed25519PrivateKey(pemOfSetting(value));
}

/**
 * The keys anchors are checked with: those of AUDIT_PUBLIC_KEYS (the keys the
 * signing key replaced) and the signing key's own; none when neither is set.
 */
export function verifyingKeysFromSettings(settings: {
  publicKeys?: string;
  signingKey?: string;
}): KeyObject[] {
  const keys = settings.publicKeys ? ed25519PublicKeys(pemOfSetting(settings.publicKeys)) : [];
  if (settings.signingKey) keys.push(createPublicKey(signingKeyFromSetting(settings.signingKey)));
  return keys;
}
