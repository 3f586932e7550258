import { readFileSync } from 'node:fs';
import { organizationCodeCheckChar, usccCheckChar, validateUscc } from '@oncegate/identifiers';
import { parseMatchSpec } from '@oncegate/matching';
import { ApplicantRepository } from '../applicant.repository';
import { simulatedCounty } from '../testing/simulated-county';
import { describeEachDatabase } from '../testing/test-database';
import { findRepositoryFile, loadGoldenCatalogue } from './golden-record';
import { RegistryResolver } from './registry-resolver';
import type { IncomingRecord } from './resolution.types';

const shipped = parseMatchSpec(
  JSON.parse(
    readFileSync(findRepositoryFile('libs/matching/specs/department-records.json'), 'utf8'),
  ),
);
const spec = { ...shipped, em: { ...shipped.em, randomPairs: 100_000 } };
const catalogue = loadGoldenCatalogue();

/** A valid 统一社会信用代码 for a company registered in `division` with organization code `org8`. */
function uscc(division: string, org8: string): string {
  const first17 = `91${division}${org8}${organizationCodeCheckChar(org8)}`;
  const code = `${first17}${usccCheckChar(first17)}`;
  expect(validateUscc(code).valid).toBe(true);
  return code;
}

describeEachDatabase('RegistryResolver, small batches against the match index', (db) => {
  const all = simulatedCounty(47, 300, 150);
  // Every applicant's records but the last arrive in the bulk load; the last
  // records of a fifth of them (and a few whole applicants) arrive later.
  const lastOf = new Map(all.map((x, k) => [x.truth, k]));
  const late = new Set([...lastOf.values()].filter((_, n) => n % 5 === 0));
  const bulk = all.filter((_, k) => !late.has(k));
  const later = all.filter((_, k) => late.has(k));
  let resolver: RegistryResolver;
  let applicants: ApplicantRepository;

  beforeAll(async () => {
    resolver = new RegistryResolver(db.dataSource, { spec, catalogue });
    applicants = new ApplicantRepository(db.dataSource);
    const report = await resolver.ingest(bulk.map((x) => x.record));
    expect(report.mode).toBe('FULL');
  });

  async function placement(): Promise<Map<string, string>> {
    const rows = await db.dataSource.query<
      { system: string; local_id: string; applicant_id: string }[]
    >('SELECT system, local_id, applicant_id FROM source_records');
    return new Map(rows.map((r) => [`${r.system}:${r.local_id}`, r.applicant_id]));
  }

  /** True groups split over several applicants, and applicants holding several true groups. */
  async function errors(records: readonly { truth: string; record: IncomingRecord }[]) {
    const placed = await placement();
    const byTruth = new Map<string, Set<string>>();
    const byApplicant = new Map<string, Set<string>>();
    for (const { truth, record } of records) {
      const applicant = placed.get(`${record.system}:${record.localId}`)!;
      (byTruth.get(truth) ?? byTruth.set(truth, new Set()).get(truth)!).add(applicant);
      (byApplicant.get(applicant) ?? byApplicant.set(applicant, new Set()).get(applicant)!).add(
        truth,
      );
    }
    return {
      split: [...byTruth.values()].filter((s) => s.size > 1).length,
      lumped: [...byApplicant.values()].filter((s) => s.size > 1).length,
    };
  }

  it('places later records in small batches as the truth groups them, record by record', async () => {
    const before = await errors(bulk);
    for (let k = 0; k < later.length; k += 7) {
      const report = await resolver.ingest(later.slice(k, k + 7).map((x) => x.record));
      expect(report.mode).toBe('INDEXED');
    }
    const after = await errors(all);
    expect(after.lumped).toBe(0);
    // No worse than the bulk load was, give or take one applicant.
    expect(after.split).toBeLessThanOrEqual(before.split + 1);
    const placed = await placement();
    expect(placed.size).toBe(all.length);
  });

  it('changes nothing when the same batch comes again', async () => {
    const before = await placement();
    const report = await resolver.ingest(later.slice(0, 20).map((x) => x.record));
    expect(report).toMatchObject({
      mode: 'INDEXED',
      newRecords: 0,
      updatedRecords: 0,
      applicantsCreated: 0,
    });
    expect(await placement()).toEqual(before);
  });

  it('keeps a changed record on its applicant and chooses the golden record again', async () => {
    const { record } = all.find((x) => x.record.kind === 'PERSON' && x.record.phone)!;
    const holder = (await placement()).get(`${record.system}:${record.localId}`)!;
    const report = await resolver.ingest([
      { ...record, phone: '13900001111', changedAt: new Date('2026-03-01T00:00:00Z') },
    ]);
    expect(report).toMatchObject({ mode: 'INDEXED', updatedRecords: 1, applicantsCreated: 0 });
    expect((await placement()).get(`${record.system}:${record.localId}`)).toBe(holder);
    const [attributes] = await applicants.attributesFor([holder]);
    expect(attributes.find((a) => a.name === 'phone')?.value).toBe('13900001111');
  });

  it('never joins a record carrying another valid credit code to an enterprise', async () => {
    const { record } = all.find((x) => x.record.kind === 'ENTERPRISE' && x.record.uscc)!;
    const holder = (await placement()).get(`${record.system}:${record.localId}`)!;
    // Same name, address and legal representative; a different, valid credit code.
    const report = await resolver.ingest([
      { ...record, system: 'tax', localId: 'OTHER-USCC', uscc: uscc('330522', 'MA2B3C4D') },
    ]);
    expect(report).toMatchObject({ mode: 'INDEXED', newRecords: 1, applicantsCreated: 1 });
    expect((await placement()).get('tax:OTHER-USCC')).not.toBe(holder);
  });

  it('respects a split: a changed record of the moved part does not rejoin its old applicant', async () => {
    const placed = await placement();
    const counts = new Map<string, number>();
    for (const a of placed.values()) counts.set(a, (counts.get(a) ?? 0) + 1);
    const [applicantId] = [...counts].find(([, n]) => n >= 3)!;
    const [records] = await applicants.sourceRecordsFor([applicantId]);
    const moved = records[0];
    const separate = await resolver.splitApplicant(applicantId, [moved.id], '两个主体', 'steward');
    const original = all.find(
      (x) => x.record.system === moved.system && x.record.localId === moved.localId,
    )!.record;
    const report = await resolver.ingest([
      { ...original, address: `${original.address ?? ''}B座`, changedAt: new Date() },
    ]);
    expect(report).toMatchObject({ mode: 'INDEXED', updatedRecords: 1, automaticMerges: 0 });
    expect((await placement()).get(`${moved.system}:${moved.localId}`)).toBe(separate.id);
  });

  it('notices what another process wrote, and matches against it', async () => {
    // A second resolver (another gateway replica, or the CLI) on the same database.
    const other = new RegistryResolver(db.dataSource, { spec, catalogue });
    const newUscc = uscc('330502', 'MA2K7Q1X');
    const { record } = all.find((x) => x.record.kind === 'ENTERPRISE' && x.record.uscc)!;
    const holder = (await placement()).get(`${record.system}:${record.localId}`)!;
    const first = await other.ingest([
      {
        ...record,
        system: 'social-insurance',
        localId: 'NEW-ENTERPRISE',
        name: '湖州新设智造科技有限公司',
        uscc: newUscc,
        legalRepresentative: '欧阳明远',
        address: '湖州市吴兴区新港路88号',
        phone: '05722345678',
      },
    ]);
    // Built from the database with the parameters the bulk load saved: no full re-match.
    expect(first).toMatchObject({ mode: 'INDEXED', applicantsCreated: 1 });
    const created = (await placement()).get('social-insurance:NEW-ENTERPRISE')!;
    expect(created).not.toBe(holder);
    // The first resolver's index predates that record; it must still find it.
    const second = await resolver.ingest([
      {
        ...record,
        system: 'project-approval',
        localId: 'NEW-ENTERPRISE-PROJECT',
        name: '湖州新设智造科技有限公司',
        uscc: newUscc,
        legalRepresentative: '欧阳明远',
        address: '湖州市吴兴区新港路88号',
        phone: '05722345678',
      },
    ]);
    expect(second).toMatchObject({ mode: 'INDEXED', recordsLinked: 1, applicantsCreated: 0 });
    expect((await placement()).get('project-approval:NEW-ENTERPRISE-PROJECT')).toBe(created);
  });
});
