import {
  createSocialInsuranceAdapter,
  readSocialInsuranceConfig,
  socialInsuranceSubmissionFixture,
} from '@oncegate/adapters';
import { startSimulator } from '../shared';
import { describeSubmissionScenarios } from '../shared/testing/submission-scenarios';
import { DEMO_SOCIAL_INSURANCE_CREDENTIALS } from './social-insurance.signature';
import { createSocialInsuranceSimulator } from './social-insurance.simulator';

/**
 * 单位参保登记 end to end: the real adapter (`@oncegate/adapters`), signing
 * every attempt, against the simulated system over HTTP, every answer checked
 * against the contract by the simulator's response validation. Lives here
 * because adapters may not import simulators.
 */
describeSubmissionScenarios('social-insurance', {
  start: () =>
    startSimulator(
      createSocialInsuranceSimulator(
        { employers: [], persons: [] },
        { credentials: [DEMO_SOCIAL_INSURANCE_CREDENTIALS] },
      ),
    ),
  adapter: (url, policy) => {
    const config = readSocialInsuranceConfig({
      SOCIAL_INSURANCE_URL: url,
      SOCIAL_INSURANCE_APP_KEY: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey,
      SOCIAL_INSURANCE_APP_SECRET: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret,
      SOCIAL_INSURANCE_TIMEOUT_MS: String(policy.timeoutMs),
      SOCIAL_INSURANCE_RETRIES: String(policy.retries),
      SOCIAL_INSURANCE_BREAKER_THRESHOLD: String(policy.breakerThreshold),
    });
    if (!config) throw new Error('no config');
    return createSocialInsuranceAdapter(config);
  },
  submission: socialInsuranceSubmissionFixture,
  refused: {
    items: { 'applicant.uscc': '91330522MA2B7K3Q5F' },
    departmentCode: 'VALIDATION_FAILED',
    names: 'items: applicant.uscc',
  },
  conflictCode: 'IDEMPOTENCY_CONFLICT',
  route: 'POST /si/api/v1/unit-registrations',
  expectKept: (content) =>
    expect(content).toMatchObject({
      external_no: 'OG-20261125-000126',
      applied_at: '20261125093000',
      uscc: '91330522MA2B7K3Q5E',
      legal_rep_cert_type: '01',
      employee_count: 12,
      insurance_types: ['110', '210', '410'],
    }),
});
