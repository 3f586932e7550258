import { readFileSync } from 'node:fs';
import { parseMatchSpec } from '@oncegate/matching';
import { ApplicantRepository } from '../applicant.repository';
import { RegistryErrorCode } from '../registry.errors';
import { simulatedCounty } from '../testing/simulated-county';
import { describeEachDatabase } from '../testing/test-database';
import { findRepositoryFile, loadGoldenCatalogue } from './golden-record';
import { RegistryResolver } from './registry-resolver';

const shipped = parseMatchSpec(
  JSON.parse(
    readFileSync(findRepositoryFile('libs/matching/specs/department-records.json'), 'utf8'),
  ),
);
// Fewer random pairs for u than the shipped spec's million: a small county needs no more.
const spec = { ...shipped, em: { ...shipped.em, randomPairs: 100_000 } };
const catalogue = loadGoldenCatalogue();

/** A small simulated county: every department record, with who it really is. */
function county(seed: number) {
  const labelled = simulatedCounty(seed, 160, 80);
  return { records: labelled.map((x) => x.record), truth: labelled.map((x) => x.truth) };
}

describeEachDatabase('RegistryResolver', (db) => {
  let resolver: RegistryResolver;
  let applicants: ApplicantRepository;
  const { records, truth } = county(31);

  beforeAll(async () => {
    resolver = new RegistryResolver(db.dataSource, { spec, catalogue });
    applicants = new ApplicantRepository(db.dataSource);
    await resolver.ingest(records);
  });

  /** Applicant id of each input record, by (system, localId). */
  async function placement(): Promise<Map<string, string>> {
    const rows = await db.dataSource.query<
      { system: string; local_id: string; applicant_id: string }[]
    >('SELECT system, local_id, applicant_id FROM source_records');
    return new Map(rows.map((r) => [`${r.system}:${r.local_id}`, r.applicant_id]));
  }

  it('attaches every department record to exactly one applicant, as the truth groups them', async () => {
    const placed = await placement();
    expect(placed.size).toBe(records.length);
    // Pairwise agreement with the truth: every true pair together, no false pair.
    const byTruth = new Map<string, Set<string>>();
    const byApplicant = new Map<string, Set<string>>();
    records.forEach((r, k) => {
      const applicant = placed.get(`${r.system}:${r.localId}`)!;
      (byTruth.get(truth[k]) ?? byTruth.set(truth[k], new Set()).get(truth[k])!).add(applicant);
      (byApplicant.get(applicant) ?? byApplicant.set(applicant, new Set()).get(applicant)!).add(
        truth[k],
      );
    });
    const split = [...byTruth.values()].filter((s) => s.size > 1).length;
    const lumped = [...byApplicant.values()].filter((s) => s.size > 1).length;
    expect(split).toBeLessThanOrEqual(2);
    expect(lumped).toBe(0);
  });

  it('keeps every applicant id when the same records are ingested again', async () => {
    const before = await placement();
    const report = await resolver.ingest(records);
    expect(report).toMatchObject({
      newRecords: 0,
      updatedRecords: 0,
      applicantsCreated: 0,
      automaticMerges: 0,
    });
    expect(await placement()).toEqual(before);
  });

  it('links a new record of a known applicant to it and says why', async () => {
    const enterprise = records.find((r) => r.kind === 'ENTERPRISE' && r.uscc)!;
    const before = await placement();
    const holder = before.get(`${enterprise.system}:${enterprise.localId}`)!;
    const report = await resolver.ingest([
      {
        ...enterprise,
        system: 'project-approval',
        localId: 'NEW-0001',
        changedAt: new Date('2026-01-01T00:00:00Z'),
      },
    ]);
    expect(report).toMatchObject({ newRecords: 1, recordsLinked: 1, applicantsCreated: 0 });
    expect((await placement()).get('project-approval:NEW-0001')).toBe(holder);
    const [history] = await resolver.history([holder]);
    const linked = history.find((e) => e.type === 'RECORD_LINKED');
    expect(linked?.payload).toMatchObject({ record: 'project-approval:NEW-0001' });
    expect((linked?.payload.link as { evidence: unknown[] }).evidence.length).toBeGreaterThan(3);
  });

  it('shows disagreeing values as conflicts, the lead department winning the golden record', async () => {
    const person = records.find(
      (r) => r.kind === 'PERSON' && r.system === 'social-insurance' && r.residentId,
    )!;
    const holder = (await placement()).get(`${person.system}:${person.localId}`)!;
    await resolver.ingest([
      {
        ...person,
        system: 'land-planning',
        localId: 'MOVED-0001',
        address: '安吉县递铺街道一个新地址99号',
        changedAt: new Date('2026-02-01T00:00:00Z'),
      },
    ]);
    const [conflicts] = await resolver.conflicts([holder]);
    const address = conflicts.find((c) => c.attribute === 'address');
    expect(address?.values.map((v) => v.value)).toContain('安吉县递铺街道一个新地址99号');
    // Address has no lead department: the most recent wins.
    expect(address?.chosen).toBe('安吉县递铺街道一个新地址99号');
    const [attributes] = await applicants.attributesFor([holder]);
    expect(attributes.find((a) => a.name === 'address')).toMatchObject({
      sourceSystem: 'land-planning',
    });
  });

  it('merges on request and splits back, restoring the original groups, with history', async () => {
    const placed = await placement();
    const [a, b] = [...new Set(placed.values())].slice(0, 2);
    const recordsOf = async (id: string) =>
      (await applicants.sourceRecordsFor([id]))[0].map((r) => r.id);
    const aRecords = await recordsOf(a);
    const bRecords = await recordsOf(b);
    const activeIds = async (id: string) =>
      (await applicants.identifiersFor([id]))[0]
        .filter((i) => i.active)
        .map((i) => i.value)
        .sort();
    const identifiersOfA = await activeIds(a);
    const identifiersOfB = await activeIds(b);
    await resolver.mergeApplicants(a, b, '同一企业，经窗口核实', 'steward:zhang');
    expect((await applicants.resolveSurvivor(b))?.id).toBe(a);
    expect((await recordsOf(a)).sort()).toEqual([...aRecords, ...bRecords].sort());

    const revived = await resolver.splitApplicant(a, bRecords, '核实后为两个主体', 'steward:zhang');
    // Exactly what the merge brought: the merge is undone, b is back under its own id.
    expect(revived.id).toBe(b);
    expect((await applicants.resolveSurvivor(b))?.id).toBe(b);
    expect((await recordsOf(a)).sort()).toEqual([...aRecords].sort());
    expect((await recordsOf(b)).sort()).toEqual([...bRecords].sort());
    const ids = async (id: string) =>
      (await applicants.identifiersFor([id]))[0]
        .filter((i) => i.active)
        .map((i) => i.value)
        .sort();
    expect(await ids(b)).toEqual(identifiersOfB);
    expect(await ids(a)).toEqual(identifiersOfA);
    const [history] = await resolver.history([a]);
    expect(history.map((e) => e.type)).toEqual(expect.arrayContaining(['MERGED', 'SPLIT']));
    expect(history.find((e) => e.type === 'SPLIT')?.reason).toBe('核实后为两个主体');

    // A later sync respects the split: the groups stay apart.
    await resolver.ingest(records);
    expect((await recordsOf(a)).sort()).toEqual([...aRecords].sort());
  });

  it('runs one sync at a time against one database', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = resolver.runExclusive(async () => {
      await gate;
      return 'first';
    });
    await new Promise((r) => setTimeout(r, 50));
    const other = new RegistryResolver(db.dataSource, { spec, catalogue });
    expect(await other.runExclusive(() => Promise.resolve('second'))).toBeNull();
    release();
    expect(await first).toBe('first');
    expect(await other.runExclusive(() => Promise.resolve('third'))).toBe('third');
  });

  it('refuses a split without a reason or of records the applicant does not hold', async () => {
    const [a] = [...new Set((await placement()).values())];
    await expect(resolver.splitApplicant(a, ['nope'], 'x', 'steward')).rejects.toMatchObject({
      code: RegistryErrorCode.REASON_REQUIRED,
    });
    await expect(resolver.splitApplicant(a, ['nope'], '一个理由', 'steward')).rejects.toMatchObject(
      {
        code: RegistryErrorCode.INVALID_SPLIT,
      },
    );
  });
});
