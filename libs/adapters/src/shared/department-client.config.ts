import type { DepartmentId } from './department';

/** What every department client needs; each department adds its credentials. */
export interface DepartmentClientConfig {
  /** e.g. `http://tax.county.internal:8080` — no trailing slash needed. */
  readonly baseUrl: string;
  /** Budget for one logical call, retries included. */
  readonly timeoutMs: number;
  /** Extra attempts for idempotent reads after a failure that may pass (unavailable, timeout). */
  readonly retries: number;
  /** How long an answer may be served from cache; 0 disables the cache. */
  readonly cacheTtlMs: number;
  /** Consecutive failures that open the circuit breaker. */
  readonly breakerThreshold: number;
  /** How long the breaker stays open before one trial call. */
  readonly breakerHalfOpenAfterMs: number;
  /** Most connections kept open to the department. */
  readonly maxConnections: number;
}

export const DEFAULT_CLIENT_CONFIG: Omit<DepartmentClientConfig, 'baseUrl'> = Object.freeze({
  timeoutMs: 2000,
  retries: 1,
  cacheTtlMs: 30_000,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 10_000,
  maxConnections: 32,
});

export class DepartmentConfigError extends Error {
  override readonly name = 'DepartmentConfigError';
}

function positiveInt(
  source: DepartmentId,
  name: string,
  raw: string | undefined,
  fallback: number,
  min = 0,
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new DepartmentConfigError(
      `${source}: ${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/**
 * Reads `<PREFIX>_URL`, `_TIMEOUT_MS`, `_RETRIES`, `_CACHE_TTL_MS`,
 * `_BREAKER_THRESHOLD`, `_BREAKER_HALF_OPEN_MS`, `_MAX_CONNECTIONS` from a
 * plain record (the caller passes `process.env` from its config file), or
 * `null` when no URL is set.
 */
export function readDepartmentClientConfig(
  source: DepartmentId,
  prefix: string,
  env: Readonly<Record<string, string | undefined>>,
): DepartmentClientConfig | null {
  const url = env[`${prefix}_URL`]?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DepartmentConfigError(`${source}: ${prefix}_URL is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DepartmentConfigError(`${source}: ${prefix}_URL must be http or https`);
  }
  const d = DEFAULT_CLIENT_CONFIG;
  return {
    baseUrl: url.replace(/\/+$/, ''),
    timeoutMs: positiveInt(
      source,
      `${prefix}_TIMEOUT_MS`,
      env[`${prefix}_TIMEOUT_MS`],
      d.timeoutMs,
      1,
    ),
    retries: positiveInt(source, `${prefix}_RETRIES`, env[`${prefix}_RETRIES`], d.retries),
    cacheTtlMs: positiveInt(
      source,
      `${prefix}_CACHE_TTL_MS`,
      env[`${prefix}_CACHE_TTL_MS`],
      d.cacheTtlMs,
    ),
    breakerThreshold: positiveInt(
      source,
      `${prefix}_BREAKER_THRESHOLD`,
      env[`${prefix}_BREAKER_THRESHOLD`],
      d.breakerThreshold,
      1,
    ),
    breakerHalfOpenAfterMs: positiveInt(
      source,
      `${prefix}_BREAKER_HALF_OPEN_MS`,
      env[`${prefix}_BREAKER_HALF_OPEN_MS`],
      d.breakerHalfOpenAfterMs,
      1,
    ),
    maxConnections: positiveInt(
      source,
      `${prefix}_MAX_CONNECTIONS`,
      env[`${prefix}_MAX_CONNECTIONS`],
      d.maxConnections,
      1,
    ),
  };
}
