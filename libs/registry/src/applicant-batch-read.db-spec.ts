import type { DataSource, Logger } from 'typeorm';
import { ApplicantRepository } from './applicant.repository';
import type { Applicant } from './registry.types';
import {
  enterpriseRegistration,
  personRegistration,
  residentId,
  uniqueDigits,
} from './testing/registration.fixtures';
import { describeEachDatabase } from './testing/test-database';

/** Counts the SQL statements `work` sends (TypeORM hands every query to its logger). */
async function countQueries(dataSource: DataSource, work: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const original = dataSource.logger;
  const counting: Logger = {
    logQuery: () => {
      count += 1;
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  Object.defineProperty(dataSource, 'logger', {
    value: counting,
    configurable: true,
    writable: true,
  });
  try {
    await work();
  } finally {
    Object.defineProperty(dataSource, 'logger', {
      value: original,
      configurable: true,
      writable: true,
    });
  }
  return count;
}

describeEachDatabase('ApplicantRepository batch reads', (db) => {
  let repository: ApplicantRepository;
  let person: Applicant;
  let enterprise: Applicant;
  let bare: Applicant;
  const unknown = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    repository = new ApplicantRepository(db.dataSource);
    const localId = `SB-${uniqueDigits(8)}`;
    person = await repository.register(
      personRegistration({
        identifiers: [{ scheme: 'RESIDENT_ID', value: residentId() }],
        sourceRecords: [
          {
            system: 'social-insurance',
            localId,
            rawPayload: { a: 1 },
            normalized: {},
            observedAt: new Date(),
          },
          {
            system: 'land-planning',
            localId: `TD-${uniqueDigits(8)}`,
            rawPayload: null,
            normalized: {},
            observedAt: new Date(),
          },
        ],
        attributes: [
          { name: 'gender', value: '男', sourceSystem: 'social-insurance', observedAt: new Date() },
          {
            name: 'birthDate',
            value: '1980-01-01',
            sourceSystem: 'social-insurance',
            observedAt: new Date(),
          },
        ],
      }),
    );
    enterprise = await repository.register(
      enterpriseRegistration({
        attributes: [
          { name: 'address', value: '某地', sourceSystem: 'tax', observedAt: new Date() },
        ],
      }),
    );
    bare = await repository.register(personRegistration({ identifiers: [] }));
  });

  it('findByIds answers in input order, null for unknown ids, repeats for repeated ids', async () => {
    const found = await repository.findByIds([enterprise.id, unknown, person.id, enterprise.id]);
    expect(found).toEqual([enterprise, null, person, enterprise]);
    expect(await repository.findByIds([])).toEqual([]);
  });

  it('identifiersFor groups per id in input order, empty for none or unknown', async () => {
    const groups = await repository.identifiersFor([bare.id, person.id, unknown, enterprise.id]);
    expect(groups.map((group) => group.map((i) => [i.applicantId, i.scheme]))).toEqual([
      [],
      [[person.id, 'RESIDENT_ID']],
      [],
      [[enterprise.id, 'USCC']],
    ]);
  });

  it('sourceRecordsFor groups per id, ordered by system then local id', async () => {
    const groups = await repository.sourceRecordsFor([unknown, person.id, enterprise.id]);
    expect(groups.map((group) => group.map((r) => r.system))).toEqual([
      [],
      ['land-planning', 'social-insurance'],
      [],
    ]);
    expect(groups[1]?.[0]?.rawPayload).toBeNull();
  });

  it('attributesFor groups per id, ordered by name', async () => {
    const groups = await repository.attributesFor([enterprise.id, bare.id, person.id]);
    expect(groups.map((group) => group.map((a) => a.name))).toEqual([
      ['address'],
      [],
      ['birthDate', 'gender'],
    ]);
  });

  it('cost one query per batch, none for an empty one', async () => {
    const ids = [person.id, enterprise.id, bare.id, unknown];
    expect(await countQueries(db.dataSource, () => repository.findByIds(ids))).toBe(1);
    expect(await countQueries(db.dataSource, () => repository.identifiersFor(ids))).toBe(1);
    expect(await countQueries(db.dataSource, () => repository.sourceRecordsFor(ids))).toBe(1);
    expect(await countQueries(db.dataSource, () => repository.attributesFor(ids))).toBe(1);
    expect(await countQueries(db.dataSource, () => repository.attributesFor([]))).toBe(0);
  });

  it('count() counts active applicants only', async () => {
    const before = await repository.count();
    const a = await repository.register(personRegistration());
    const b = await repository.register(personRegistration());
    expect(await repository.count()).toBe(before + 2);
    await repository.merge(a.id, b.id);
    expect(await repository.count()).toBe(before + 1);
  });

  it('findActiveByIdentifier ignores identifiers of merged applicants and unknown values', async () => {
    const value = residentId();
    const survivor = await repository.register(personRegistration());
    const merged = await repository.register(
      personRegistration({ identifiers: [{ scheme: 'RESIDENT_ID', value }] }),
    );
    await repository.merge(survivor.id, merged.id);
    expect(await repository.findActiveByIdentifier('RESIDENT_ID', value)).toMatchObject({
      id: survivor.id,
    });
    expect(await repository.findActiveByIdentifier('RESIDENT_ID', residentId())).toBeNull();
    expect(await repository.findActiveByIdentifier('RESIDENT_ID', '')).toBeNull();
  });

  it('findById answers null for an unknown or empty id', async () => {
    expect(await repository.findById(unknown)).toBeNull();
    expect(await repository.findById('')).toBeNull();
  });
});
