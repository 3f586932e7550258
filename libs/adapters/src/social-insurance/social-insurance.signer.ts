import { createHash, createHmac, randomUUID } from 'node:crypto';

/** What one request is signed over (contract: security scheme `hmacSignature`). */
export interface RequestToSign {
  readonly method: 'GET' | 'POST';
  /** The full path as sent on the request line (base path included), without the query. */
  readonly path: string;
  /** Query parameters (the change feed's cursor and page size). */
  readonly query?: Readonly<Record<string, string>>;
  /** The exact body text, '' when there is none. */
  readonly body: string;
}

export interface SigningKey {
  readonly appKey: string;
  readonly reveal: () => string;
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(query: Readonly<Record<string, string>> = {}): string {
  return Object.entries(query)
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** The six signed lines: method, path, sorted query, timestamp, nonce, hex SHA-256 of the body. */
export function canonicalString(request: RequestToSign, timestamp: string, nonce: string): string {
  return [
    request.method,
    request.path,
    canonicalQuery(request.query),
    timestamp,
    nonce,
    createHash('sha256').update(request.body, 'utf8').digest('hex'),
  ].join('\n');
}

/**
 * The four signature headers for one attempt. Each attempt gets its own
 * timestamp and nonce: the system refuses a nonce it has seen, so a retry
 * must be signed again.
 */
export function signatureHeaders(
  request: RequestToSign,
  key: SigningKey,
  now: number = Date.now(),
  nonce: string = randomUUID(),
): Record<string, string> {
  const timestamp = String(now);
  const signature = createHmac('sha256', key.reveal())
    .update(canonicalString(request, timestamp, nonce), 'utf8')
    .digest('base64');
  return {
    'x-app-key': key.appKey,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signature,
  };
}
