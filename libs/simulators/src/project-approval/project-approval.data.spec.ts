import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoApplicants, type DemoApplicant } from '@oncegate/demo';
import { validateProjectCode } from '@oncegate/identifiers';
import {
  ProjectApprovalDataFileError,
  generateProjectApprovalData,
  loadProjectApprovalDataFromFile,
  writeProjectApprovalDataToFile,
  type ProjectApprovalData,
} from './project-approval.data';
import { toProjectApprovalRecord, type ProjectApprovalRecord } from './project-approval.record';

const NOW = new Date('2026-11-01T00:00:00Z');

describe('generateProjectApprovalData', () => {
  // Large enough that every kind of mess shows up whatever the rates' luck.
  let population: DemoApplicant[];
  let data: ProjectApprovalData;
  let byKey: Map<string, DemoApplicant>;

  beforeAll(() => {
    population = generateDemoApplicants({ seed: 7, persons: 1500, enterprises: 2500 });
    data = generateProjectApprovalData(population, { seed: 7 });
    byKey = new Map();
    for (const applicant of population) {
      for (const id of applicant.identifiers) byKey.set(id.value, applicant);
    }
  });

  const applicantOf = (row: ProjectApprovalRecord, i: number): DemoApplicant => {
    expect(data.truth[i].localId).toBe(row.xmdm);
    const applicant = byKey.get(data.truth[i].applicantKey);
    if (!applicant) throw new Error(`truth row ${i} names nobody in the population`);
    return applicant;
  };
  const attribute = (applicant: DemoApplicant, name: string) =>
    applicant.attributes.find((a) => a.name === name)?.value;

  it('is deterministic for a seed and differs for another', () => {
    expect(generateProjectApprovalData(population, { seed: 7 })).toEqual(data);
    const other = generateProjectApprovalData(population, { seed: 8 });
    expect(other.projects).not.toEqual(data.projects);
  });

  it('has a truth row for every record, naming an enterprise by its 18-character USCC', () => {
    expect(data.truth).toHaveLength(data.projects.length);
    data.projects.forEach((row, i) => {
      const applicant = applicantOf(row, i);
      expect(applicant.kind).toBe('ENTERPRISE');
      expect(data.truth[i].applicantKey).toMatch(/^[0-9A-Z]{18}$/);
    });
  });

  it('covers a realistic subset: about 40 % of enterprises, 1–3 projects each, no persons', () => {
    const enterprises = population.filter((a) => a.kind === 'ENTERPRISE').length;
    const perApplicant = new Map<string, number>();
    for (const t of data.truth)
      perApplicant.set(t.applicantKey, (perApplicant.get(t.applicantKey) ?? 0) + 1);
    const share = perApplicant.size / enterprises;
    expect(share).toBeGreaterThan(0.33);
    expect(share).toBeLessThan(0.48);
    // Three projects plus a duplicate registration at most.
    expect(Math.max(...perApplicant.values())).toBeLessThanOrEqual(6);
  });

  it('keeps every project the demo data knows, under the same 项目代码', () => {
    const codes = new Set(data.projects.map((p) => p.xmdm));
    const known = population.flatMap((a) =>
      a.sourceRecords.filter((r) => r.system === 'project-approval').map((r) => r.localId),
    );
    expect(known.length).toBeGreaterThan(0);
    for (const code of known) expect(codes.has(code)).toBe(true);
  });

  it('writes rows the contract allows, with unique, well-formed project codes', () => {
    const codes = new Set<string>();
    data.projects.forEach((row, i) => {
      expect(toProjectApprovalRecord(row, `row ${i}`)).toEqual(row);
      expect(validateProjectCode(row.xmdm, NOW).valid).toBe(true);
      expect(codes.has(row.xmdm)).toBe(false);
      codes.add(row.xmdm);
      expect(row.sbrq < '2026-11-01').toBe(true);
    });
  });

  it('keeps the approval steps in order: coded first, times never going back, status agreeing', () => {
    for (const row of data.projects) {
      expect(row.blhj[0]).toMatchObject({ hjmc: '项目赋码', blzt: '已办结' });
      expect(row.blhj[0].wcsj?.slice(0, 10)).toBe(row.sbrq);
      const times = row.blhj.map((s) => s.wcsj).filter((t): t is string => t !== null);
      expect([...times].sort()).toEqual(times);
      expect(row.gxsj >= times[times.length - 1]).toBe(true);
      const open = row.blhj.some((s) => s.blzt === '办理中' || s.blzt === '待办理');
      if (['已办结', '已开工', '已竣工'].includes(row.jdzt)) expect(open).toBe(false);
      if (row.jdzt === '办理中') expect(row.blhj.some((s) => s.blzt === '办理中')).toBe(true);
      const route = row.xmdm.slice(15, 17);
      expect({ 审批: '01', 核准: '02', 备案: '03' }[row.xmlx]).toBe(route);
    }
  });

  it('carries the mess of a real platform', () => {
    const counts = {
      nameVariant: 0,
      staleRepresentative: 0,
      missingUscc: 0,
      lowerCaseUscc: 0,
      fullWidthUscc: 0,
      changedPhone: 0,
      duplicate: 0,
    };
    const registrations = new Map<string, number>();
    data.projects.forEach((row, i) => {
      const applicant = applicantOf(row, i);
      if (row.xmdw !== applicant.name) counts.nameVariant++;
      const rep = attribute(applicant, 'legalRepresentative');
      if (row.fddbr !== null && row.fddbr !== rep) counts.staleRepresentative++;
      if (row.tyshxydm === null) counts.missingUscc++;
      else if (/[a-z]/.test(row.tyshxydm)) counts.lowerCaseUscc++;
      else if (/[\uff10-\uff5a]/.test(row.tyshxydm)) counts.fullWidthUscc++;
      else expect(row.tyshxydm).toBe(data.truth[i].applicantKey);
      if (row.lxdh !== null && row.lxdh !== attribute(applicant, 'phone')) counts.changedPhone++;
      const key = `${data.truth[i].applicantKey}|${row.xmmc}|${row.ztz}|${row.jsgm}`;
      registrations.set(key, (registrations.get(key) ?? 0) + 1);
    });
    counts.duplicate = [...registrations.values()].filter((n) => n > 1).length;
    for (const [kind, count] of Object.entries(counts)) {
      expect([kind, count > 0]).toEqual([kind, true]);
    }
    // Mess is the exception, not the rule.
    expect(counts.missingUscc + counts.lowerCaseUscc + counts.fullWidthUscc).toBeLessThan(
      data.projects.length * 0.15,
    );
    // Messy codes still normalize to the applicant's code.
    data.projects.forEach((row, i) => {
      if (row.tyshxydm !== null) {
        expect(row.tyshxydm.normalize('NFKC').toUpperCase()).toBe(data.truth[i].applicantKey);
      }
    });
  });

  it('marks earlier duplicate registrations as withdrawn or left at 已赋码', () => {
    const groups = new Map<string, ProjectApprovalRecord[]>();
    data.projects.forEach((row, i) => {
      const key = `${data.truth[i].applicantKey}|${row.xmmc}|${row.ztz}|${row.jsgm}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    });
    const duplicated = [...groups.values()].filter((g) => g.length > 1);
    expect(duplicated.length).toBeGreaterThan(0);
    for (const group of duplicated) {
      expect(group.some((r) => r.jdzt === '已撤回' || r.jdzt === '已赋码')).toBe(true);
    }
  });

  it('works on the default demo population and on none', () => {
    const demo = generateDemoApplicants();
    expect(generateProjectApprovalData(demo, { seed: 20261125 }).projects.length).toBeGreaterThan(
      0,
    );
    expect(generateProjectApprovalData([], { seed: 1 })).toEqual({ projects: [], truth: [] });
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => generateProjectApprovalData([], { seed: 1.5 })).toThrow(RangeError);
  });
});

describe('project-approval export files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'project-approval-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads what it writes', () => {
    const population = generateDemoApplicants({ seed: 3, persons: 50, enterprises: 200 });
    const data = generateProjectApprovalData(population, { seed: 3 });
    const file = join(dir, 'xmxx.json');
    writeProjectApprovalDataToFile(file, data);
    expect(loadProjectApprovalDataFromFile(file)).toEqual({ projects: data.projects });
  });

  it('writes and loads an empty export', () => {
    const file = join(dir, 'empty.json');
    writeProjectApprovalDataToFile(file, { projects: [] });
    expect(loadProjectApprovalDataFromFile(file)).toEqual({ projects: [] });
  });

  const row = (overrides: Record<string, unknown> = {}) => ({
    xmdm: '2411-330522-04-03-582013',
    xmmc: '年产20万套定制家具项目',
    xmdw: '长兴县恒达家居有限公司',
    tyshxydm: '91330522MA2B7K3C0J',
    fddbr: '王建国',
    xmlx: '备案',
    jsdd: '长兴县雉城街道',
    xzqhdm: '330522',
    ztz: 12000,
    jsgm: null,
    jsxz: '新建',
    sbrq: '2024-11-12',
    jdzt: '已办结',
    lxdh: null,
    gxsj: '2024-11-13 10:21:05',
    blhj: [
      { hjmc: '项目赋码', blbm: null, blzt: '已办结', wcsj: '2024-11-12 09:35:12', pfwh: null },
    ],
    ...overrides,
  });

  it('reads a hand-written export with a byte-order mark and ignores unknown fields', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\uFEFF' + JSON.stringify([row({ bz: '备注' })]));
    const loaded = loadProjectApprovalDataFromFile(file);
    expect(loaded.projects).toHaveLength(1);
    expect(loaded.projects[0]).not.toHaveProperty('bz');
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['not an array', '{"rows": []}', /expected a JSON array/],
    ['a bad code', JSON.stringify([row({ xmdm: '2411330522' })]), /row 1: xmdm must look like/],
    [
      'an unknown route',
      JSON.stringify([row(), row({ xmdm: '2411-330522-04-03-000001', xmlx: '登记' })]),
      /row 2: xmlx must be one of/,
    ],
    ['a negative investment', JSON.stringify([row({ ztz: -1 })]), /row 1: ztz must be a number/],
    [
      'an impossible date',
      JSON.stringify([row({ sbrq: '2024-02-30' })]),
      /row 1: sbrq is not a calendar date/,
    ],
    ['a missing field', JSON.stringify([row({ fddbr: undefined })]), /row 1: fddbr is missing/],
    [
      'a bad step',
      JSON.stringify([row({ blhj: [{ hjmc: '项目赋码' }] })]),
      /row 1: blhj\[0\]\.blbm is missing/,
    ],
    [
      'a repeated code',
      JSON.stringify([row(), row()]),
      /row 2: xmdm 2411-330522-04-03-582013 appears twice/,
    ],
  ])('refuses a file with %s, naming the row and field', (_what, text, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    expect(() => loadProjectApprovalDataFromFile(file)).toThrow(ProjectApprovalDataFileError);
    expect(() => loadProjectApprovalDataFromFile(file)).toThrow(message);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadProjectApprovalDataFromFile(join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});
