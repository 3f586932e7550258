import {
  createProjectApprovalAdapter,
  projectApprovalSubmissionFixture,
  readProjectApprovalConfig,
} from '@oncegate/adapters';
import { startSimulator } from '../shared';
import { describeSubmissionScenarios } from '../shared/testing/submission-scenarios';
import { createProjectApprovalSimulator } from './project-approval.simulator';

/**
 * 项目申报 end to end: the real adapter (`@oncegate/adapters`) against the
 * simulated platform over HTTP, every answer checked against the contract by
 * the simulator's response validation. Lives here because adapters may not
 * import simulators.
 */
const TOKEN = 'pa-submission-test-token';

describeSubmissionScenarios('project-approval', {
  start: () =>
    startSimulator(createProjectApprovalSimulator({ projects: [] }, { accessToken: TOKEN })),
  adapter: (url, policy) => {
    const config = readProjectApprovalConfig({
      PROJECT_APPROVAL_URL: url,
      PROJECT_APPROVAL_ACCESS_TOKEN: TOKEN,
      PROJECT_APPROVAL_TIMEOUT_MS: String(policy.timeoutMs),
      PROJECT_APPROVAL_RETRIES: String(policy.retries),
      PROJECT_APPROVAL_BREAKER_THRESHOLD: String(policy.breakerThreshold),
    });
    if (!config) throw new Error('no config');
    return createProjectApprovalAdapter(config);
  },
  submission: projectApprovalSubmissionFixture,
  refused: {
    items: { 'applicant.uscc': '91330522MA2B7K3C0K' },
    departmentCode: '4221',
    names: 'items: applicant.uscc',
  },
  conflictCode: '4091',
  route: 'POST /api/v1/xmsb',
  expectKept: (content) =>
    expect(content).toMatchObject({
      sblsh: 'OG-20261125-000123',
      xmlx: '备案',
      tyshxydm: '91330522MA2B7K3C0J',
      jsxz: '新建',
      zjly: '企业自筹',
      ztz: 12000,
      nkgsj: '2027-03-01',
      zjzmj: 26000.5,
    }),
});
