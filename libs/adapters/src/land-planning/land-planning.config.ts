import {
  DepartmentConfigError,
  readDepartmentClientConfig,
  type DepartmentClientConfig,
} from '../shared';

export interface LandPlanningConfig extends DepartmentClientConfig {
  /**
   * `X-Api-Key` issued by the platform; null where the county instance admits
   * callers by IP whitelist on the 电子政务外网 instead.
   */
  readonly apiKey: string | null;
}

/**
 * `LAND_PLANNING_URL` (+ `_TIMEOUT_MS`, `_RETRIES`, `_CACHE_TTL_MS`,
 * `_BREAKER_THRESHOLD`, `_BREAKER_HALF_OPEN_MS`, `_MAX_CONNECTIONS`) and the
 * optional `LAND_PLANNING_API_KEY`; null when no URL is set.
 */
export function readLandPlanningConfig(
  env: Readonly<Record<string, string | undefined>>,
): LandPlanningConfig | null {
  const base = readDepartmentClientConfig('land-planning', 'LAND_PLANNING', env);
  if (!base) return null;
  const apiKey = env.LAND_PLANNING_API_KEY?.trim() || null;
  if (apiKey !== null && !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new DepartmentConfigError(
      'land-planning: LAND_PLANNING_API_KEY must be printable ASCII without spaces',
    );
  }
  return { ...base, apiKey };
}
