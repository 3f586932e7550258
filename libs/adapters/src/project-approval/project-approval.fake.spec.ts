import { SourceError, SourceErrorCode, type DepartmentApplicantRecord } from '../shared';
import { ProjectApprovalFake, exampleProject } from './project-approval.fake';

describe('ProjectApprovalFake', () => {
  const a = exampleProject();
  const b = exampleProject({
    projectCode: '2502-330523-89-03-574615',
    applicantUscc: '91330523MA2UMT1468',
  });
  const orphan = exampleProject({ projectCode: '2405-330523-04-01-260318', applicantUscc: null });

  it('answers by USCC, keyed by the input keys, absent when nothing is known', async () => {
    const fake = new ProjectApprovalFake([a, b, orphan]);
    const found = await fake.projectsByUscc(['91330522MA2B7K3C0J', '91330522147055321R']);
    expect([...found.keys()]).toEqual(['91330522MA2B7K3C0J']);
    expect(found.get('91330522MA2B7K3C0J')).toEqual([a]);
    expect(fake.calls).toEqual([['91330522MA2B7K3C0J', '91330522147055321R']]);
  });

  it('hands out copies, so a test cannot change what the fake holds', async () => {
    const fake = new ProjectApprovalFake([a]);
    const first = await fake.projectsByUscc([a.applicantUscc!]);
    first.get(a.applicantUscc!)![0].stages[0].completedAt!.setTime(0);
    const second = await fake.projectsByUscc([a.applicantUscc!]);
    expect(second.get(a.applicantUscc!)).toEqual([a]);
  });

  it('fails like the real adapter when told to, and recovers', async () => {
    const fake = new ProjectApprovalFake([a]).failWith(
      SourceError.unavailable('project-approval', 'down'),
    );
    await expect(fake.projectsByUscc([a.applicantUscc!])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    fake.failWith(null);
    expect((await fake.projectsByUscc([a.applicantUscc!])).size).toBe(1);
  });

  describe('changes', () => {
    const record = (
      localId: string,
      changedAt: string,
      overrides: Partial<DepartmentApplicantRecord> = {},
    ): DepartmentApplicantRecord => ({
      system: 'project-approval',
      localId,
      kind: 'ENTERPRISE',
      name: '长兴县恒达家居有限公司',
      uscc: '91330522MA2B7K3C0J',
      residentId: null,
      legalRepresentative: '王建国',
      birthDate: null,
      phone: '13957212345',
      address: null,
      changedAt: new Date(changedAt),
      raw: { xmdm: localId },
      ...overrides,
    });
    const records = [
      record('2411-330522-04-03-000003', '2024-11-11T00:00:00Z'),
      record('2411-330522-04-03-000001', '2024-11-12T00:00:00Z'),
      record('2411-330522-04-03-000002', '2024-11-11T00:00:00Z'),
      record('2411-330522-04-03-000004', '2024-11-13T00:00:00Z'),
    ];
    const order = ['000002', '000003', '000001', '000004'];

    it.each([1, 2, 3, 4, 10])(
      'pages every record once, oldest first, %i at a time',
      async (limit) => {
        const fake = new ProjectApprovalFake([], records);
        const seen: string[] = [];
        let page = await fake.changes(null, limit);
        for (;;) {
          expect(page.records.length).toBeLessThanOrEqual(limit);
          seen.push(...page.records.map((r) => r.localId.slice(-6)));
          if (!page.hasMore) break;
          page = await fake.changes(page.next, limit);
        }
        expect(seen).toEqual(order);
        expect(page.next?.localId.slice(-6)).toBe('000004');
        expect(fake.changeCalls).toHaveLength(Math.ceil(4 / limit));
      },
    );

    it('keeps the cursor on an empty page', async () => {
      const fake = new ProjectApprovalFake([], records);
      const cursor = { changedAt: new Date('2030-01-01T00:00:00Z'), localId: 'x' };
      expect(await fake.changes(cursor, 5)).toEqual({ records: [], next: cursor, hasMore: false });
    });

    it('serves a record again, changed, after the old cursor when it is put again', async () => {
      const fake = new ProjectApprovalFake([], records);
      const all = await fake.changes(null, 10);
      fake.putRecord(
        record('2411-330522-04-03-000002', '2024-11-20T00:00:00Z', { phone: '13800001111' }),
      );
      const next = await fake.changes(all.next, 10);
      expect(next.records).toHaveLength(1);
      expect(next.records[0]).toMatchObject({
        localId: '2411-330522-04-03-000002',
        phone: '13800001111',
      });
      // Replaced, not added: still four records in all.
      expect((await fake.changes(null, 10)).records).toHaveLength(4);
    });

    it('hands out copies and refuses a bad limit, and fails when told to', async () => {
      const fake = new ProjectApprovalFake([], records);
      const first = await fake.changes(null, 1);
      first.records[0].changedAt.setTime(0);
      (first.records[0].raw as { xmdm: string }).xmdm = 'changed';
      expect((await fake.changes(null, 1)).records[0]).toEqual(records[2]);
      await expect(fake.changes(null, 0)).rejects.toThrow(RangeError);
      fake.failWith(SourceError.timeout('project-approval', 2000));
      await expect(fake.changes(null, 1)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_TIMEOUT,
      });
    });
  });
});
