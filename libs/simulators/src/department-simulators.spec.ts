import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLandPlanningAdapter,
  createProjectApprovalAdapter,
  createSocialInsuranceAdapter,
  createTaxAdapter,
  landPlanningSubmissionFixture,
  projectApprovalSubmissionFixture,
  readLandPlanningConfig,
  readProjectApprovalConfig,
  readSocialInsuranceConfig,
  readTaxConfig,
  socialInsuranceSubmissionFixture,
  taxSubmissionFixture,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { DEPARTMENT_SYSTEMS, startDepartmentSimulators } from './department-simulators';
import { DEMO_SOCIAL_INSURANCE_CREDENTIALS } from './social-insurance';
import { generateProjectApprovalData, writeProjectApprovalDataToFile } from './project-approval';

const population = generateDemoApplicants({ persons: 30, enterprises: 30 });

describe('startDepartmentSimulators', () => {
  it('starts the four systems on their own ports with ground truth for each', async () => {
    const sims = await startDepartmentSimulators({ population, seed: 1 });
    try {
      expect(Object.keys(sims.urls).sort()).toEqual([...DEPARTMENT_SYSTEMS].sort());
      expect(new Set(Object.values(sims.urls)).size).toBe(4);
      expect(new Set(sims.truth.map((r) => r.system))).toEqual(new Set(DEPARTMENT_SYSTEMS));
      const keys = new Set(population.flatMap((a) => a.identifiers.map((i) => i.value)));
      for (const row of sims.truth) expect(keys.has(row.applicantKey)).toBe(true);
      const res = await fetch(`${sims.urls.tax}/__admin/faults`);
      expect(res.status).toBe(200);
    } finally {
      await sims.close();
    }
  });

  it('serves a department from an export file instead of generated data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncegate-sims-'));
    const file = join(dir, 'projects.json');
    const other = generateDemoApplicants({ seed: 99, persons: 0, enterprises: 40 });
    const data = generateProjectApprovalData(other, { seed: 99 });
    writeProjectApprovalDataToFile(file, data);
    const sims = await startDepartmentSimulators({
      population,
      seed: 1,
      only: ['project-approval'],
      files: { 'project-approval': file },
    });
    try {
      expect(sims.truth).toEqual([]);
      const uscc = data.projects.find((p) => p.tyshxydm && /^[0-9A-Z]{18}$/.test(p.tyshxydm))
        ?.tyshxydm as string;
      const res = await fetch(`${sims.urls['project-approval']}/api/v1/xmxx?tyshxydm=${uscc}`);
      const body = (await res.json()) as { data: { rows: Array<{ tyshxydm: string }> } };
      expect(res.status).toBe(200);
      expect(body.data.rows.length).toBeGreaterThan(0);
    } finally {
      await sims.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts each department’s submissions in-process, as GET /__admin/submissions does', async () => {
    const sims = await startDepartmentSimulators({ population, seed: 1 });
    const urls = sims.urls as Record<string, string>;
    const adapters = {
      'project-approval': createProjectApprovalAdapter(
        readProjectApprovalConfig({ PROJECT_APPROVAL_URL: urls['project-approval'] })!,
      ),
      'land-planning': createLandPlanningAdapter(
        readLandPlanningConfig({ LAND_PLANNING_URL: urls['land-planning'] })!,
      ),
      tax: createTaxAdapter(readTaxConfig({ TAX_URL: urls.tax })!),
      'social-insurance': createSocialInsuranceAdapter(
        readSocialInsuranceConfig({
          SOCIAL_INSURANCE_URL: urls['social-insurance'],
          SOCIAL_INSURANCE_APP_KEY: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey,
          SOCIAL_INSURANCE_APP_SECRET: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret,
        })!,
      ),
    };
    // One application fanned out: land planning gets both of its procedures.
    const deliveries: [keyof typeof adapters, DepartmentSubmission][] = [
      ['project-approval', projectApprovalSubmissionFixture()],
      ['land-planning', landPlanningSubmissionFixture('LAND_PREEXAM_SITE_SELECTION')],
      [
        'land-planning',
        landPlanningSubmissionFixture('LAND_USE_PLANNING_PERMIT', {
          idempotencyKey: 'og-000124-land-permit',
        }),
      ],
      ['tax', taxSubmissionFixture()],
      ['social-insurance', socialInsuranceSubmissionFixture()],
    ];
    const submit = (
      d: keyof typeof adapters,
      s: DepartmentSubmission,
    ): Promise<SubmissionReceipt> => adapters[d].submit(s);
    try {
      await Promise.all(deliveries.map(([d, s]) => submit(d, s)));
      // The outbox delivers the tax part again (a retry after a timeout, say).
      await expect(submit('tax', taxSubmissionFixture())).resolves.toMatchObject({
        duplicate: true,
      });
      const counts = (received: number, distinctKeys: number) => ({
        received,
        distinctKeys,
        duplicates: received - distinctKeys,
        conflicts: 0,
        rejected: 0,
      });
      expect(sims.submissionCounts()).toEqual({
        'project-approval': counts(1, 1),
        'land-planning': counts(2, 2),
        tax: counts(2, 1),
        'social-insurance': counts(1, 1),
      });
      expect(
        sims
          .submissions('land-planning')
          .list()
          .map((s) => s.kind),
      ).toEqual(['用地预审与选址意见书', '建设用地规划许可证']);
      for (const d of DEPARTMENT_SYSTEMS) {
        const res = await fetch(`${urls[d]}/__admin/submissions`);
        const body = (await res.json()) as { counts: unknown };
        expect(body.counts).toEqual(sims.submissions(d).counts());
      }
    } finally {
      await Promise.all(Object.values(adapters).map((a) => a.close()));
      await sims.close();
    }
  });

  it('fails and closes what it started when a file is bad', async () => {
    await expect(
      startDepartmentSimulators({ population, seed: 1, files: { tax: '/nonexistent/export.xml' } }),
    ).rejects.toThrow();
  });
});
