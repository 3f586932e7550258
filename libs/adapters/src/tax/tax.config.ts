import {
  DepartmentConfigError,
  readDepartmentClientConfig,
  type DepartmentClientConfig,
} from '../shared';

/** Where the SOAP endpoint sits under `TAX_URL` unless `TAX_SERVICE_PATH` says otherwise. */
export const DEFAULT_TAX_SERVICE_PATH = '/ws/TaxpayerInfoService';

/** The SOAP contract allows at most this many 纳税人识别号 per BatchGetTaxpayerInfo. */
export const TAX_MAX_BATCH = 100;

/** GetTaxpayerInfoChanges: at most this many registrations per page (每页条数 MYTS)… */
export const TAX_MAX_CHANGES_PAGE = 500;

export interface TaxConfig extends DepartmentClientConfig {
  /** Path of the SOAP endpoint under `baseUrl`, e.g. `/ws/TaxpayerInfoService`. */
  readonly servicePath: string;
  /** WS-Security UsernameToken, when the installation requires one. */
  readonly credentials: { readonly username: string; readonly password: string } | null;
}

/**
 * `TAX_URL` (base URL; null when unset), the shared `TAX_TIMEOUT_MS`,
 * `TAX_RETRIES`, `TAX_CACHE_TTL_MS`, `TAX_BREAKER_THRESHOLD`,
 * `TAX_BREAKER_HALF_OPEN_MS`, `TAX_MAX_CONNECTIONS`, and
 * `TAX_SERVICE_PATH`, `TAX_USERNAME` + `TAX_PASSWORD` (both or neither).
 */
export function readTaxConfig(env: Readonly<Record<string, string | undefined>>): TaxConfig | null {
  const base = readDepartmentClientConfig('tax', 'TAX', env);
  if (!base) return null;
  const rawPath = env.TAX_SERVICE_PATH?.trim() || DEFAULT_TAX_SERVICE_PATH;
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(rawPath)) {
    throw new DepartmentConfigError('tax: TAX_SERVICE_PATH must be a URL path starting with /');
  }
  const username = env.TAX_USERNAME?.trim() ?? '';
  const password = env.TAX_PASSWORD ?? '';
  if ((username === '') !== (password === '')) {
    throw new DepartmentConfigError('tax: set both TAX_USERNAME and TAX_PASSWORD, or neither');
  }
  return {
    ...base,
    servicePath: rawPath,
    credentials: username ? { username, password } : null,
  };
}
