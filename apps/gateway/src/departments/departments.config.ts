import {
  readLandPlanningConfig,
  readProjectApprovalConfig,
  readSocialInsuranceConfig,
  readTaxConfig,
  type DepartmentId,
  type LandPlanningConfig,
  type ProjectApprovalConfig,
  type SocialInsuranceConfig,
  type TaxConfig,
} from '@oncegate/adapters';

export interface DepartmentConfigs {
  'project-approval': ProjectApprovalConfig | null;
  'land-planning': LandPlanningConfig | null;
  tax: TaxConfig | null;
  'social-insurance': SocialInsuranceConfig | null;
}

/** Each adapter validates its own variables (`TAX_URL`, `TAX_TIMEOUT_MS`, …); null where no URL is set. */
export function readDepartmentConfigs(
  env: Readonly<Record<string, string | undefined>>,
): DepartmentConfigs {
  return {
    'project-approval': readProjectApprovalConfig(env),
    'land-planning': readLandPlanningConfig(env),
    tax: readTaxConfig(env),
    'social-insurance': readSocialInsuranceConfig(env),
  };
}

/** The environment variable that carries a department's base URL. */
export const URL_VARIABLES: Readonly<Record<DepartmentId, string>> = {
  'project-approval': 'PROJECT_APPROVAL_URL',
  'land-planning': 'LAND_PLANNING_URL',
  tax: 'TAX_URL',
  'social-insurance': 'SOCIAL_INSURANCE_URL',
};
