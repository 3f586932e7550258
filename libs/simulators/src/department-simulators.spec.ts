import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoApplicants } from '@oncegate/demo';
import { DEPARTMENT_SYSTEMS, startDepartmentSimulators } from './department-simulators';
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

  it('fails and closes what it started when a file is bad', async () => {
    await expect(
      startDepartmentSimulators({ population, seed: 1, files: { tax: '/nonexistent/export.xml' } }),
    ).rejects.toThrow();
  });
});
