import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook (see contracts/webhooks/change-notice.openapi.yaml). */
export const SIGNATURE_HEADER = 'X-OnceGate-Signature';
export const TIMESTAMP_HEADER = 'X-OnceGate-Timestamp';

/** A receiver refuses a webhook signed longer ago than this (or this far in the future). */
export const SIGNATURE_TOLERANCE_S = 300;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the value of `X-OnceGate-Signature`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does with a webhook: recompute the signature over the raw
 * body as received, compare in constant time, and refuse a timestamp more
 * than {@link SIGNATURE_TOLERANCE_S} seconds from its own clock (a replay).
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  nowMs = Date.now(),
): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
