import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** A signed statement that the chain's record `seq` had hash `hash` at time `at`. */
export interface AuditAnchor {
  readonly seq: number;
  readonly hash: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  /** SHA-256 fingerprint (hex, first 16) of the public key that signs. */
  readonly keyId: string;
  /** Ed25519 signature of `anchorMessage`, base64. */
  readonly signature: string;
}

/** What an anchor signs. */
export function anchorMessage(seq: number, hash: string, at: string): Buffer {
  return Buffer.from(`oncegate-audit-anchor-v1\n${seq}\n${hash}\n${at}`, 'utf8');
}

/** A key id: the first 16 hex characters of the SHA-256 of the public key's SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Reads an Ed25519 private key (PEM, PKCS#8); refuses any other kind. */
export function ed25519PrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('the audit signing key must be an Ed25519 private key');
  return key;
}

/** Reads an Ed25519 public key (PEM, SPKI), or derives it from a private key. */
export function ed25519PublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('the audit public key must be an Ed25519 public key');
  return key;
}

/**
 * Every Ed25519 public key in a PEM bundle (blocks one after another): the
 * current key and the keys it replaced, so that old anchors still verify.
 */
export function ed25519PublicKeys(bundle: string): KeyObject[] {
  const blocks = bundle.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no PEM key found');
  return blocks.map((pem) => ed25519PublicKey(pem));
}

export function signAnchor(
  privateKey: KeyObject,
  seq: number,
  hash: string,
  at: string,
): AuditAnchor {
  const publicKey = createPublicKey(privateKey);
  return {
    seq,
    hash,
    at,
    keyId: keyIdOf(publicKey),
    signature: sign(null, anchorMessage(seq, hash, at), privateKey).toString('base64'),
  };
}

export function anchorSignatureValid(publicKey: KeyObject, anchor: AuditAnchor): boolean {
  try {
    return verify(
      null,
      anchorMessage(anchor.seq, anchor.hash, anchor.at),
      publicKey,
      Buffer.from(anchor.signature, 'base64'),
    );
  } catch {
    return false;
  }
}
