import {
  DepartmentConfigError,
  readDepartmentClientConfig,
  type DepartmentClientConfig,
} from '../shared';

/** How to reach the 投资项目在线审批监管平台. */
export interface ProjectApprovalConfig extends DepartmentClientConfig {
  /**
   * `X-Access-Token` issued by the platform, or null where the deployment
   * admits the gateway by IP allow-list (both are in the contract).
   */
  readonly accessToken: string | null;
}

/**
 * `PROJECT_APPROVAL_URL` and the common settings (`PROJECT_APPROVAL_TIMEOUT_MS`,
 * `_RETRIES`, `_CACHE_TTL_MS`, `_BREAKER_THRESHOLD`, `_BREAKER_HALF_OPEN_MS`,
 * `_MAX_CONNECTIONS`), plus `PROJECT_APPROVAL_ACCESS_TOKEN`. Null when no URL
 * is set; throws `DepartmentConfigError` naming the variable when one is bad.
 */
export function readProjectApprovalConfig(
  env: Readonly<Record<string, string | undefined>>,
): ProjectApprovalConfig | null {
  const common = readDepartmentClientConfig('project-approval', 'PROJECT_APPROVAL', env);
  if (!common) return null;
  const token = env.PROJECT_APPROVAL_ACCESS_TOKEN?.trim();
  if (token && !/^[\x21-\x7e]+$/.test(token)) {
    // It travels in an HTTP header: visible ASCII only. The value itself is never repeated.
    throw new DepartmentConfigError(
      'project-approval: PROJECT_APPROVAL_ACCESS_TOKEN must be printable ASCII without spaces',
    );
  }
  return { ...common, accessToken: token ? token : null };
}
