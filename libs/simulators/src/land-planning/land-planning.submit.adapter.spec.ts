import {
  createLandPlanningAdapter,
  landPlanningSubmissionFixture,
  readLandPlanningConfig,
  type DepartmentSubmission,
} from '@oncegate/adapters';
import { startSimulator } from '../shared';
import { describeSubmissionScenarios } from '../shared/testing/submission-scenarios';
import { createLandPlanningSimulator } from './land-planning.simulator';

/**
 * Applications end to end, for both documents: the real adapter
 * (`@oncegate/adapters`) against the simulated platform over HTTP, every
 * answer checked against the contract by the simulator's response
 * validation. Lives here because adapters may not import simulators.
 */
const API_KEY = 'lp-submission-test-key';

const setup = (procedure: 'LAND_PREEXAM_SITE_SELECTION' | 'LAND_USE_PLANNING_PERMIT') => ({
  start: () => startSimulator(createLandPlanningSimulator({ parcels: [] }, { apiKey: API_KEY })),
  adapter: (
    url: string,
    policy: { timeoutMs: number; retries: number; breakerThreshold: number },
  ) => {
    const config = readLandPlanningConfig({
      LAND_PLANNING_URL: url,
      LAND_PLANNING_API_KEY: API_KEY,
      LAND_PLANNING_TIMEOUT_MS: String(policy.timeoutMs),
      LAND_PLANNING_RETRIES: String(policy.retries),
      LAND_PLANNING_BREAKER_THRESHOLD: String(policy.breakerThreshold),
    });
    if (!config) throw new Error('no config');
    return createLandPlanningAdapter(config);
  },
  submission: (overrides?: Partial<DepartmentSubmission>) =>
    landPlanningSubmissionFixture(procedure, overrides),
  refused: {
    items: { 'applicant.uscc': '91330523MA2D292A2N' },
    departmentCode: '4220',
    names: 'items: applicant.uscc',
  },
  conflictCode: '4090',
  route: 'POST /api/v2/applications',
});

describeSubmissionScenarios('land-planning 用地预审与选址意见书', {
  ...setup('LAND_PREEXAM_SITE_SELECTION'),
  expectKept: (content) =>
    expect(content).toMatchObject({
      SQLX: '用地预审与选址意见书',
      WBYWH: 'OG-20261125-000124',
      JSDWDM: '91330523MA2D292A2M',
      // 35759.91 m², as the 意见书 states it: in 公顷.
      NYDMJ: 3.575991,
      YT: '工业用地',
    }),
});

describeSubmissionScenarios('land-planning 建设用地规划许可证', {
  ...setup('LAND_USE_PLANNING_PERMIT'),
  expectKept: (content) =>
    expect(content).toMatchObject({
      SQLX: '建设用地规划许可证',
      YDDWDM: '91330523MA2D292A2M',
      YDMJ: 35759.91,
      BDCDYH: '330523006005GB00001W00000000',
      YDXZ: '工业用地',
    }),
});
