import { readFileSync } from 'node:fs';
import { departmentContract } from '@oncegate/adapters';
import {
  DEMO_SOCIAL_INSURANCE_CREDENTIALS,
  SignatureVerifier,
  canonicalQuery,
  canonicalRequestString,
  socialInsuranceSignature,
  type SignedRequestParts,
} from './social-insurance.signature';

const contract = readFileSync(departmentContract('social-insurance.openapi.yaml'), 'utf8');
const SECRET = 'example-secret-do-not-use';

/** The worked examples of the contract's `hmacSignature` security scheme. */
const POST_BODY = '{"employers":["91330522MA2B7K3Q5E"],"persons":["330522198506151235"]}';
const POST_EXAMPLE: SignedRequestParts = {
  method: 'POST',
  path: '/si/api/v1/batch/query',
  query: '',
  timestamp: '1793672130123',
  nonce: '6f1c2a9e-3b7d-4c55-9a0e-2d8b7f41c0aa',
  body: POST_BODY,
};
const GET_EXAMPLE: SignedRequestParts = {
  method: 'GET',
  path: '/si/api/v1/employers/91330522MA2B7K3Q5E',
  query: '',
  timestamp: '1793672130123',
  nonce: '0d9e4c1b-77a2-4f3e-8c61-5b2a9f0e3d14',
  body: '',
};

describe('social-insurance request signature (system side)', () => {
  it('reproduces the worked examples of the contract', () => {
    const canonical = canonicalRequestString(POST_EXAMPLE);
    expect(canonical).toBe(
      [
        'POST',
        '/si/api/v1/batch/query',
        '',
        '1793672130123',
        '6f1c2a9e-3b7d-4c55-9a0e-2d8b7f41c0aa',
        'be2e0f063edf1c2e6ca64dd2a4c7e844e86d2613e71269ebddcd4b3171ec8973',
      ].join('\n'),
    );
    for (const line of canonical.split('\n').filter((l) => l !== ''))
      expect(contract).toContain(line);
    const post = socialInsuranceSignature(SECRET, POST_EXAMPLE);
    const get = socialInsuranceSignature(SECRET, GET_EXAMPLE);
    expect(post).toBe('Vp/AFSSRJbRbx8oLfwAAXp9uqPgDHUKU3cdH6OMKOQ4=');
    expect(get).toBe('uW5Nc25GGRfXk98/dgn+EhXcYHhzJnl+Sil0EFsko7Y=');
    expect(contract).toContain(`X-Signature: ${post}`);
    expect(contract).toContain(get);
  });

  it('sorts and re-encodes the query the RFC 3986 way', () => {
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('b=2&a=1&a=0')).toBe('a=0&a=1&b=2');
    expect(canonicalQuery('name=%E5%BC%A0+%E4%BC%9F&x=(1)')).toBe(
      'name=%E5%BC%A0%20%E4%BC%9F&x=%281%29',
    );
  });

  describe('SignatureVerifier', () => {
    const now = 1_793_672_130_123;
    const credentials = [{ appKey: 'county-gateway-01', appSecret: SECRET }];
    const request = { method: 'POST', path: POST_EXAMPLE.path, query: '', body: POST_BODY };
    const headers = (overrides: Record<string, string | undefined> = {}) => ({
      'x-app-key': 'county-gateway-01',
      'x-timestamp': POST_EXAMPLE.timestamp,
      'x-nonce': POST_EXAMPLE.nonce,
      'x-signature': socialInsuranceSignature(SECRET, POST_EXAMPLE),
      ...overrides,
    });
    const verifier = (clock = () => now) => new SignatureVerifier(credentials, { clock });

    it('accepts a correctly signed request once, then refuses its nonce', () => {
      const v = verifier();
      expect(v.verify(request, headers())).toEqual({ ok: true, appKey: 'county-gateway-01' });
      expect(v.verify(request, headers())).toMatchObject({ ok: false, code: 'REPLAYED_NONCE' });
    });

    it('refuses in the contract order, naming the missing header', () => {
      const v = verifier();
      for (const name of ['X-App-Key', 'X-Timestamp', 'X-Nonce', 'X-Signature']) {
        const check = v.verify(request, headers({ [name.toLowerCase()]: undefined }));
        expect(check).toEqual({
          ok: false,
          code: 'MISSING_SIGNATURE',
          message: expect.stringContaining(name),
        });
      }
      expect(v.verify(request, headers({ 'x-timestamp': '2026-11-03' }))).toMatchObject({
        code: 'MISSING_SIGNATURE',
      });
      expect(v.verify(request, headers({ 'x-app-key': 'someone-else' }))).toMatchObject({
        code: 'UNKNOWN_APP_KEY',
      });
      expect(
        v.verify({ ...request, body: POST_BODY.replace('MA2B', 'MA2C') }, headers()),
      ).toMatchObject({ code: 'BAD_SIGNATURE' });
      expect(v.verify({ ...request, path: '/si/api/v1/batch/query/' }, headers())).toMatchObject({
        code: 'BAD_SIGNATURE',
      });
    });

    it('refuses a timestamp more than 300 s off, either way, and accepts one just inside', () => {
      expect(verifier(() => now + 300_001).verify(request, headers())).toMatchObject({
        code: 'STALE_TIMESTAMP',
      });
      expect(verifier(() => now - 300_001).verify(request, headers())).toMatchObject({
        code: 'STALE_TIMESTAMP',
      });
      expect(verifier(() => now + 300_000).verify(request, headers())).toMatchObject({ ok: true });
    });

    it('forgets a nonce once no request carrying it could pass the timestamp check', () => {
      let clock = now;
      const v = new SignatureVerifier(credentials, { clock: () => clock, maxClockSkewMs: 1000 });
      expect(v.verify(request, headers())).toMatchObject({ ok: true });
      clock = now + 1000;
      expect(v.verify(request, headers())).toMatchObject({ code: 'REPLAYED_NONCE' });
      clock = now + 1001;
      expect(v.verify(request, headers())).toMatchObject({ code: 'STALE_TIMESTAMP' });
      // A new timestamp needs a new signature; the same nonce then passes only after it was forgotten.
      const later = String(now + 2001);
      const signed = headers({
        'x-timestamp': later,
        'x-signature': socialInsuranceSignature(SECRET, { ...POST_EXAMPLE, timestamp: later }),
      });
      clock = now + 2001;
      expect(v.verify(request, signed)).toMatchObject({ ok: true });
    });

    it('keeps nonces per app key', () => {
      const v = new SignatureVerifier([...credentials, DEMO_SOCIAL_INSURANCE_CREDENTIALS], {
        clock: () => now,
      });
      expect(v.verify(request, headers())).toMatchObject({ ok: true });
      const demo = headers({
        'x-app-key': DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey,
        'x-signature': socialInsuranceSignature(
          DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret,
          POST_EXAMPLE,
        ),
      });
      expect(v.verify(request, demo)).toMatchObject({ ok: true });
    });
  });
});
