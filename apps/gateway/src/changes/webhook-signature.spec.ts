import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

const SECRET = 'a-webhook-secret-of-thirty-two-chars!';
const BODY = '{"type":"applicant.changed","changeId":"42"}';
const NOW = Date.UTC(2026, 2, 9, 2, 0, 0);
const T = NOW / 1000;

describe('webhook signatures', () => {
  it('are the hex HMAC-SHA256 of "<timestamp>.<body>", prefixed sha256=', () => {
    const hex = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, T, BODY)).toBe(`sha256=${hex}`);
  });

  it('verify for the exact body and timestamp, within five minutes either way', () => {
    const signature = signWebhook(SECRET, T, BODY);
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T) }, BODY, NOW)).toBe(true);
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T) }, BODY, NOW + 299_000)).toBe(
      true,
    );
    expect(verifyWebhook(SECRET, { signature, timestamp: String(T) }, BODY, NOW - 299_000)).toBe(
      true,
    );
  });

  it.each([
    ['a stale timestamp (a replay)', { timestamp: String(T) }, BODY, NOW + 301_000],
    ['another timestamp', { timestamp: String(T + 1) }, BODY, NOW],
    ['a changed body', { timestamp: String(T) }, BODY.replace('42', '43'), NOW],
    ['no timestamp', { timestamp: undefined }, BODY, NOW],
    ['a timestamp that is not a number', { timestamp: '1e9' }, BODY, NOW],
  ])('refuse %s', (_, headers, body, now) => {
    const signature = signWebhook(SECRET, T, BODY);
    expect(verifyWebhook(SECRET, { signature, ...headers }, body, now)).toBe(false);
  });

  it('refuse another secret and a malformed signature', () => {
    const timestamp = String(T);
    expect(
      verifyWebhook(
        'another-secret-of-thirty-two-chars!!',
        { signature: signWebhook(SECRET, T, BODY), timestamp },
        BODY,
        NOW,
      ),
    ).toBe(false);
    expect(verifyWebhook(SECRET, { signature: 'sha256=00', timestamp }, BODY, NOW)).toBe(false);
    expect(verifyWebhook(SECRET, { signature: undefined, timestamp }, BODY, NOW)).toBe(false);
  });
});
