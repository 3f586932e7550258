import { ApplicantRepository, MAX_MERGE_CHAIN } from './applicant.repository';
import { RegistryErrorCode } from './registry.errors';
import type { Applicant } from './registry.types';
import {
  enterpriseRegistration,
  personRegistration,
  residentId,
  uniqueDigits,
  uscc,
} from './testing/registration.fixtures';
import { describeEachDatabase } from './testing/test-database';

describeEachDatabase('ApplicantRepository.merge', (db) => {
  let repository: ApplicantRepository;
  beforeAll(() => {
    repository = new ApplicantRepository(db.dataSource);
  });

  const record = (system: string, observedAt = new Date('2024-01-01T00:00:00.000Z')) => ({
    system,
    localId: `${system}-${uniqueDigits(10)}`,
    rawPayload: { system },
    normalized: { system },
    observedAt,
  });

  it('marks the merged applicant, moves its identifiers, records and missing attributes', async () => {
    const shared = residentId();
    const own = residentId();
    const legacy = `${own.slice(0, 6)}${own.slice(8, 17)}`;
    const survivorRecord = record('tax');
    const mergedRecord = record('social-insurance');
    const survivor = await repository.register(
      personRegistration({
        name: '王五',
        identifiers: [{ scheme: 'RESIDENT_ID', value: shared }],
        sourceRecords: [survivorRecord],
        attributes: [
          {
            name: 'phone',
            value: '13900000000',
            sourceSystem: 'tax',
            sourceLocalId: survivorRecord.localId,
            observedAt: new Date(),
          },
        ],
      }),
    );
    // Two registrations of one person can only coexist with different active
    // identifiers; the merged one brings its own and a legacy form of it.
    const merged = await repository.register(
      personRegistration({
        name: '王 五',
        identifiers: [{ scheme: 'RESIDENT_ID', value: own, originalValue: legacy }],
        sourceRecords: [mergedRecord],
        attributes: [
          {
            name: 'phone',
            value: '13700000000',
            sourceSystem: 'social-insurance',
            sourceLocalId: mergedRecord.localId,
            observedAt: new Date(),
          },
          {
            name: 'address',
            value: '某县某路1号',
            sourceSystem: 'social-insurance',
            sourceLocalId: mergedRecord.localId,
            observedAt: new Date(),
          },
        ],
      }),
    );

    await repository.merge(survivor.id, merged.id);

    const after = await repository.findById(merged.id);
    expect(after).toMatchObject({ status: 'MERGED', mergedIntoId: survivor.id });
    expect(after?.updatedAt.getTime()).toBeGreaterThanOrEqual(merged.updatedAt.getTime());
    expect(await repository.resolveSurvivor(merged.id)).toMatchObject({ id: survivor.id });

    const [survivorIds, mergedIds] = await repository.identifiersFor([survivor.id, merged.id]);
    expect(
      survivorIds?.map(({ value, originalValue, active }) => ({ value, originalValue, active })),
    ).toEqual(
      [
        { value: shared, originalValue: null, active: true },
        { value: own, originalValue: legacy, active: true },
      ].sort((a, b) => (a.value < b.value ? -1 : 1)),
    );
    expect(mergedIds).toEqual([expect.objectContaining({ value: own, active: false })]);

    expect(await repository.findActiveByIdentifier('RESIDENT_ID', own)).toMatchObject({
      id: survivor.id,
    });
    expect(await repository.findActiveByIdentifier('RESIDENT_ID', legacy)).toMatchObject({
      id: survivor.id,
    });

    const [survivorRecords, mergedRecords] = await repository.sourceRecordsFor([
      survivor.id,
      merged.id,
    ]);
    expect(survivorRecords?.map((r) => r.localId).sort()).toEqual(
      [survivorRecord.localId, mergedRecord.localId].sort(),
    );
    expect(mergedRecords).toEqual([]);

    const [survivorAttributes, mergedAttributes] = await repository.attributesFor([
      survivor.id,
      merged.id,
    ]);
    expect(survivorAttributes?.map((a) => [a.name, a.value, a.sourceSystem])).toEqual([
      ['address', '某县某路1号', 'social-insurance'],
      ['phone', '13900000000', 'tax'],
    ]);
    // The losing value stays with the merged applicant, provenance intact, for later review.
    expect(mergedAttributes?.map((a) => [a.name, a.value])).toEqual([['phone', '13700000000']]);
    expect(await repository.searchByName('王 五', 10)).toEqual([]);
  });

  it('keeps the identifiers of a merged applicant from being registered again', async () => {
    const code = uscc();
    const survivor = await repository.register(enterpriseRegistration());
    const merged = await repository.register(
      enterpriseRegistration({ identifiers: [{ scheme: 'USCC', value: code }] }),
    );
    await repository.merge(survivor.id, merged.id);
    // The survivor now holds the code, so the same enterprise cannot come back as a third record.
    await expect(
      repository.register(
        enterpriseRegistration({ identifiers: [{ scheme: 'USCC', value: code }] }),
      ),
    ).rejects.toMatchObject({
      code: RegistryErrorCode.DUPLICATE_IDENTIFIER,
      details: { existingApplicantId: survivor.id },
    });
  });

  it('copies only active identifiers: history stays with the merged applicant', async () => {
    const value = residentId();
    const legacy = `${value.slice(0, 6)}${value.slice(8, 17)}`;
    const survivor = await repository.register(
      personRegistration({ identifiers: [{ scheme: 'RESIDENT_ID', value }] }),
    );
    const merged = await repository.register(personRegistration({ identifiers: [] }));
    // An identifier the merged applicant once held and lost (as after an earlier merge).
    await db.dataSource.query(
      `INSERT INTO applicant_identifiers (id, applicant_id, scheme, value, original_value, active_value)
       VALUES (?, ?, 'RESIDENT_ID', ?, ?, NULL)`,
      [crypto.randomUUID(), merged.id, value, legacy],
    );
    await repository.merge(survivor.id, merged.id);
    const [identifiers] = await repository.identifiersFor([survivor.id]);
    expect(identifiers).toEqual([
      expect.objectContaining({ value, originalValue: null, active: true }),
    ]);
  });

  it('resolves an old id through a chain of two merges', async () => {
    const first = await repository.register(personRegistration());
    const second = await repository.register(personRegistration());
    const third = await repository.register(personRegistration());
    await repository.merge(second.id, first.id);
    await repository.merge(third.id, second.id);

    expect(await repository.findById(first.id)).toMatchObject({ mergedIntoId: second.id });
    expect(await repository.resolveSurvivor(first.id)).toEqual(await repository.findById(third.id));
    expect(await repository.resolveSurvivor(second.id)).toMatchObject({ id: third.id });
    expect(await repository.resolveSurvivor(third.id)).toMatchObject({ id: third.id });
    // All three identifiers now identify the last survivor.
    const [identifiers] = await repository.identifiersFor([third.id]);
    expect(identifiers?.filter((i) => i.active)).toHaveLength(3);
  });

  it('resolves an unknown id to null', async () => {
    expect(await repository.resolveSurvivor(crypto.randomUUID())).toBeNull();
    expect(await repository.resolveSurvivor('')).toBeNull();
  });

  describe('refuses', () => {
    let active: Applicant;
    let other: Applicant;
    let mergedAway: Applicant;
    beforeAll(async () => {
      active = await repository.register(personRegistration());
      other = await repository.register(personRegistration());
      mergedAway = await repository.register(personRegistration());
      await repository.merge(active.id, mergedAway.id);
    });

    it('merging an applicant into itself', async () => {
      await expect(repository.merge(active.id, active.id)).rejects.toMatchObject({
        code: RegistryErrorCode.MERGE_INTO_SELF,
      });
    });

    it('merging into a merged applicant', async () => {
      await expect(repository.merge(mergedAway.id, other.id)).rejects.toMatchObject({
        code: RegistryErrorCode.SURVIVOR_NOT_ACTIVE,
        details: { survivorId: mergedAway.id, mergedIntoId: active.id },
      });
      expect(await repository.findById(other.id)).toMatchObject({ status: 'ACTIVE' });
    });

    it('merging an applicant that is already merged', async () => {
      await expect(repository.merge(other.id, mergedAway.id)).rejects.toMatchObject({
        code: RegistryErrorCode.ALREADY_MERGED,
      });
      expect(await repository.findById(mergedAway.id)).toMatchObject({ mergedIntoId: active.id });
    });

    it('merging with an unknown applicant', async () => {
      const unknown = crypto.randomUUID();
      await expect(repository.merge(unknown, other.id)).rejects.toMatchObject({
        code: RegistryErrorCode.APPLICANT_NOT_FOUND,
        details: { applicantId: unknown },
      });
      await expect(repository.merge(other.id, unknown)).rejects.toMatchObject({
        code: RegistryErrorCode.APPLICANT_NOT_FOUND,
      });
      expect(await repository.findById(other.id)).toMatchObject({ status: 'ACTIVE' });
    });

    it('the second of two opposite merges of the same pair', async () => {
      const a = await repository.register(personRegistration());
      const b = await repository.register(personRegistration());
      const results = await Promise.allSettled([
        repository.merge(a.id, b.id),
        repository.merge(b.id, a.id),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((result) => result.status === 'rejected')).toMatchObject({
        reason: { code: expect.stringMatching(/^(SURVIVOR_NOT_ACTIVE|ALREADY_MERGED)$/) },
      });
      const statuses = (await repository.findByIds([a.id, b.id])).map((x) => x?.status).sort();
      expect(statuses).toEqual(['ACTIVE', 'MERGED']);
    });
  });

  describe('reports a damaged merge chain', () => {
    const corrupt = async (id: string, mergedIntoId: string | null): Promise<void> => {
      // Damage done behind the registry's back: merges themselves cannot produce it.
      await db.dataSource.query(
        `UPDATE applicants SET status = 'MERGED', merged_into_id = ? WHERE id = ?`,
        [mergedIntoId, id],
      );
    };

    it('a cycle', async () => {
      const a = await repository.register(personRegistration());
      const b = await repository.register(personRegistration());
      await corrupt(a.id, b.id);
      await corrupt(b.id, a.id);
      await expect(repository.resolveSurvivor(a.id)).rejects.toMatchObject({
        code: RegistryErrorCode.BROKEN_MERGE_CHAIN,
        details: { applicantId: a.id, reason: 'the chain is cyclic' },
      });
    });

    it('a merged applicant without a survivor', async () => {
      const a = await repository.register(personRegistration());
      await corrupt(a.id, null);
      await expect(repository.resolveSurvivor(a.id)).rejects.toMatchObject({
        code: RegistryErrorCode.BROKEN_MERGE_CHAIN,
      });
    });

    it(`a chain longer than ${MAX_MERGE_CHAIN}`, async () => {
      const chain: Applicant[] = [];
      for (let i = 0; i <= MAX_MERGE_CHAIN + 1; i += 1) {
        chain.push(await repository.register(personRegistration()));
      }
      for (let i = 1; i < chain.length; i += 1) {
        await repository.merge(chain[i].id, chain[i - 1].id);
      }
      // MAX_MERGE_CHAIN hops still resolve; one more does not.
      expect(await repository.resolveSurvivor(chain[1].id)).toMatchObject({
        id: chain[chain.length - 1].id,
      });
      await expect(repository.resolveSurvivor(chain[0].id)).rejects.toMatchObject({
        code: RegistryErrorCode.BROKEN_MERGE_CHAIN,
      });
    });
  });
});
