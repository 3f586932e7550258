import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf } from './anchor';
import { signingKeyFromSetting, verifyingKeysFromSettings } from './key-settings';

describe('audit key settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-keys-'));
  const current = generateKeyPairSync('ed25519');
  const old = generateKeyPairSync('ed25519');
  const privatePem = current.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a key as PEM text, with \\n escapes (one-line environments), or from file:<path>', () => {
    const file = join(dir, 'signing.key');
    writeFileSync(file, privatePem);
    const id = keyIdOf(current.publicKey);
    for (const setting of [privatePem, privatePem.replace(/\n/g, '\\n'), `file:${file}`])
      expect(keyIdOf(verifyingKeysFromSettings({ signingKey: setting })[0])).toBe(id);
    expect(signingKeyFromSetting(`file:${file}`).asymmetricKeyType).toBe('ed25519');
  });

  it('accepts the old public keys and the signing key’s own; none when nothing is set', () => {
    const keys = verifyingKeysFromSettings({
      publicKeys: old.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      signingKey: privatePem,
    });
    expect(keys.map(keyIdOf)).toEqual([keyIdOf(old.publicKey), keyIdOf(current.publicKey)]);
    expect(verifyingKeysFromSettings({})).toEqual([]);
  });
});
