import { describeKey, hashSecret, issueApiKey, parseApiKey, secretMatches } from './api-key';

describe('API keys', () => {
  it('issues keys that parse back to their id and match their stored hash only', () => {
    const issued = issueApiKey();
    const parsed = parseApiKey(issued.key);
    expect(parsed?.keyId).toBe(issued.keyId);
    expect(secretMatches(parsed!.secret, issued.secretHash)).toBe(true);
    expect(issued.secretHash).toBe(hashSecret(parsed!.secret));
    expect(issued.key).not.toContain(issued.secretHash);
    const other = issueApiKey();
    expect(other.keyId).not.toBe(issued.keyId);
    expect(secretMatches(parseApiKey(other.key)!.secret, issued.secretHash)).toBe(false);
  });

  it('refuses anything that is not a whole key', () => {
    const { key } = issueApiKey();
    for (const bad of [
      '',
      'og_',
      key.slice(0, -1),
      `${key}x`,
      key.replace('og_', 'xx_'),
      ` ${key}`,
    ])
      expect(parseApiKey(bad)).toBeNull();
  });

  it('compares against a malformed stored hash without throwing', () => {
    expect(secretMatches('abc', 'not-hex')).toBe(false);
  });

  it('shows only the key id', () => {
    const { key, keyId } = issueApiKey();
    expect(describeKey(keyId)).toBe(`og_${keyId}_…`);
    expect(describeKey(keyId)).not.toContain(key.slice(-10));
  });
});
