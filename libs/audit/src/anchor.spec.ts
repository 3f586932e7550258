import { generateKeyPairSync } from 'node:crypto';
import {
  anchorSignatureValid,
  ed25519PrivateKey,
  ed25519PublicKey,
  keyIdOf,
  signAnchor,
} from './anchor';

describe('audit anchors', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('signs the head with a key read from PEM, and verifies with the public key read from PEM', () => {
    const anchor = signAnchor(
      ed25519PrivateKey(privatePem),
      42,
      'a'.repeat(64),
      '2026-12-07T00:00:00.000Z',
    );
    expect(anchor.keyId).toBe(keyIdOf(publicKey));
    expect(anchor.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(anchorSignatureValid(ed25519PublicKey(publicPem), anchor)).toBe(true);
    expect(anchorSignatureValid(ed25519PublicKey(publicPem), { ...anchor, seq: 43 })).toBe(false);
    expect(
      anchorSignatureValid(ed25519PublicKey(publicPem), {
        ...anchor,
        signature: 'not base64 at all',
      }),
    ).toBe(false);
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() =>
      ed25519PrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    ).toThrow('Ed25519 private key');
    expect(() =>
      ed25519PublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    ).toThrow('Ed25519 public key');
  });
});
