import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** An app key and its secret, as the 社保经办机构 issues them to a calling department. */
export interface SocialInsuranceCredential {
  readonly appKey: string;
  readonly appSecret: string;
}

/**
 * The pair the simulator accepts when no other is configured, for local runs
 * and demos. A demo value published in the repository — not a secret; a real
 * system issues its own.
 */
export const DEMO_SOCIAL_INSURANCE_CREDENTIALS: SocialInsuranceCredential = Object.freeze({
  appKey: 'oncegate-demo',
  appSecret: 'demo-only-not-a-secret-si-2026',
});

/** Why a request was refused (HTTP 401), in the contract's codes. */
export type SignatureRefusal =
  'MISSING_SIGNATURE' | 'UNKNOWN_APP_KEY' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE' | 'REPLAYED_NONCE';

export type SignatureCheck =
  | { readonly ok: true; readonly appKey: string }
  | { readonly ok: false; readonly code: SignatureRefusal; readonly message: string };

/** What the canonical string is made of (contract: security scheme `hmacSignature`). */
export interface SignedRequestParts {
  readonly method: string;
  /** The path as sent on the request line, without the query. */
  readonly path: string;
  /** The raw query string after `?`, or '' when there is none. */
  readonly query: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: Buffer | string;
}

const EMPTY_BODY_SHA256 = createHash('sha256').update('').digest('hex');

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Query parameters decoded, re-encoded the RFC 3986 way, sorted by name then value. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = [...new URLSearchParams(rawQuery)].map(
    ([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const,
  );
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** The six lines that are signed. */
export function canonicalRequestString(parts: SignedRequestParts): string {
  const bodyHash =
    parts.body.length === 0
      ? EMPTY_BODY_SHA256
      : createHash('sha256').update(parts.body).digest('hex');
  return [
    parts.method.toUpperCase(),
    parts.path,
    canonicalQuery(parts.query),
    parts.timestamp,
    parts.nonce,
    bodyHash,
  ].join('\n');
}

/** `base64(HMAC-SHA256(appSecret, canonical string))` — what `X-Signature` must carry. */
export function socialInsuranceSignature(appSecret: string, parts: SignedRequestParts): string {
  return createHmac('sha256', appSecret).update(canonicalRequestString(parts)).digest('base64');
}

/** The four headers, in the order they are checked, with their formats. */
const SIGNATURE_HEADERS: readonly (readonly [string, RegExp])[] = [
  ['X-App-Key', /^[A-Za-z0-9_-]{4,64}$/],
  ['X-Timestamp', /^\d{13}$/],
  ['X-Nonce', /^[A-Za-z0-9-]{16,64}$/],
  ['X-Signature', /^[A-Za-z0-9+/]{43}=$/],
];

export interface SignatureVerifierOptions {
  /** Milliseconds since the epoch; the system's clock. */
  readonly clock?: () => number;
  /** How far `X-Timestamp` may be from the clock, either way; 300 s in the contract. */
  readonly maxClockSkewMs?: number;
}

/**
 * The system's side of the signature: checks the four headers in the
 * contract's order and remembers each accepted nonce (per app key) for twice
 * the allowed skew, the longest time a request carrying it could still pass
 * the timestamp check. Remembered nonces expire in insertion order, so
 * forgetting costs O(1) per request.
 */
export class SignatureVerifier {
  private readonly secrets: ReadonlyMap<string, Buffer>;
  private readonly clock: () => number;
  private readonly maxSkewMs: number;
  private readonly seenNonces = new Map<string, number>();

  constructor(
    credentials: readonly SocialInsuranceCredential[],
    options: SignatureVerifierOptions = {},
  ) {
    this.secrets = new Map(credentials.map((c) => [c.appKey, Buffer.from(c.appSecret, 'utf8')]));
    this.clock = options.clock ?? Date.now;
    this.maxSkewMs = options.maxClockSkewMs ?? 300_000;
  }

  verify(
    request: Omit<SignedRequestParts, 'timestamp' | 'nonce'>,
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): SignatureCheck {
    const values: string[] = [];
    for (const [name, format] of SIGNATURE_HEADERS) {
      const value = headers[name.toLowerCase()];
      if (typeof value !== 'string') return refuse('MISSING_SIGNATURE', `缺少签名请求头 ${name}`);
      if (!format.test(value)) return refuse('MISSING_SIGNATURE', `签名请求头 ${name} 格式不正确`);
      values.push(value);
    }
    const [key, timestamp, nonce, signature] = values as [string, string, string, string];
    const secret = this.secrets.get(key);
    if (!secret) return refuse('UNKNOWN_APP_KEY', '未登记的应用标识');
    const now = this.clock();
    if (Math.abs(now - Number(timestamp)) > this.maxSkewMs) {
      return refuse(
        'STALE_TIMESTAMP',
        `请求时间戳与系统时间相差超过${Math.round(this.maxSkewMs / 1000)}秒`,
      );
    }
    const expected = createHmac('sha256', secret)
      .update(canonicalRequestString({ ...request, timestamp, nonce }))
      .digest();
    const given = Buffer.from(signature, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return refuse('BAD_SIGNATURE', '签名校验失败');
    const nonceKey = `${key}\n${nonce}`;
    this.forgetExpired(now);
    const until = this.seenNonces.get(nonceKey);
    if (until !== undefined && until >= now)
      return refuse('REPLAYED_NONCE', '随机数已被使用，请重新签名');
    this.seenNonces.delete(nonceKey);
    this.seenNonces.set(nonceKey, now + 2 * this.maxSkewMs);
    return { ok: true, appKey: key };
  }

  private forgetExpired(now: number): void {
    for (const [nonceKey, until] of this.seenNonces) {
      if (until >= now) break;
      this.seenNonces.delete(nonceKey);
    }
  }
}

function refuse(code: SignatureRefusal, message: string): SignatureCheck {
  return { ok: false, code, message };
}
