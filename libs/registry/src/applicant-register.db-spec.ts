import { ApplicantRepository } from './applicant.repository';
import { RegistryErrorCode } from './registry.errors';
import type { RegisterApplicantInput } from './registry.types';
import {
  enterpriseRegistration,
  personRegistration,
  residentId,
  uniqueDigits,
  uscc,
} from './testing/registration.fixtures';
import { describeEachDatabase } from './testing/test-database';

describeEachDatabase('ApplicantRepository.register', (db) => {
  let repository: ApplicantRepository;
  beforeAll(() => {
    repository = new ApplicantRepository(db.dataSource);
  });

  const rowCounts = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const table of [
      'applicants',
      'applicant_identifiers',
      'source_records',
      'golden_attributes',
    ]) {
      const [row] = await db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[table] = Number(row.n);
    }
    return counts;
  };

  it('stores every field and reads it back through every read method', async () => {
    const code = uscc();
    const localId = `XM-${uniqueDigits(8)}`;
    const observedAt = new Date('2024-03-05T06:07:08.009Z');
    const rawPayload = { XMDM: '2403-330100-04-01-123456', QYMC: '杭州某某建设有限公司', JE: 1.5 };
    const input: RegisterApplicantInput = {
      kind: 'ENTERPRISE',
      name: '  杭州某某建设有限公司 ',
      identifiers: [{ scheme: 'USCC', value: code }],
      sourceRecords: [
        {
          system: 'project-approval',
          localId,
          rawPayload,
          normalized: { name: '杭州某某建设有限公司', uscc: code, tags: ['a', 'b'] },
          observedAt,
        },
        {
          system: 'tax',
          localId: `NSR-${uniqueDigits(6)}`,
          rawPayload: '<nsr><mc>杭州某某建设有限公司</mc></nsr>',
          normalized: {},
          observedAt: new Date('2024-04-01T00:00:00.000Z'),
        },
      ],
      attributes: [
        {
          name: 'legalRepresentative',
          value: '李四',
          sourceSystem: 'project-approval',
          sourceLocalId: localId,
          observedAt,
        },
        {
          name: 'registeredCapital',
          value: '5000000.00',
          sourceSystem: 'market-regulation',
          observedAt: new Date('2023-12-31T23:59:59.999Z'),
        },
      ],
    };

    const before = Date.now();
    const registered = await repository.register(input);
    expect(registered).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      kind: 'ENTERPRISE',
      name: '杭州某某建设有限公司',
      status: 'ACTIVE',
      mergedIntoId: null,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(registered.createdAt.getTime()).toBeGreaterThanOrEqual(before);

    expect(await repository.findById(registered.id)).toEqual(registered);
    expect(await repository.findActiveByIdentifier('USCC', code)).toEqual(registered);

    const [identifiers] = await repository.identifiersFor([registered.id]);
    expect(identifiers).toEqual([
      {
        id: expect.any(String),
        applicantId: registered.id,
        scheme: 'USCC',
        value: code,
        originalValue: null,
        active: true,
      },
    ]);

    const [records] = await repository.sourceRecordsFor([registered.id]);
    expect(records).toEqual([
      {
        id: expect.any(String),
        applicantId: registered.id,
        system: 'project-approval',
        localId,
        rawPayload,
        normalized: { name: '杭州某某建设有限公司', uscc: code, tags: ['a', 'b'] },
        observedAt,
      },
      {
        id: expect.any(String),
        applicantId: registered.id,
        system: 'tax',
        localId: expect.stringMatching(/^NSR-/),
        rawPayload: '<nsr><mc>杭州某某建设有限公司</mc></nsr>',
        normalized: {},
        observedAt: new Date('2024-04-01T00:00:00.000Z'),
      },
    ]);

    const [attributes] = await repository.attributesFor([registered.id]);
    expect(attributes).toEqual([
      {
        id: expect.any(String),
        applicantId: registered.id,
        name: 'legalRepresentative',
        value: '李四',
        sourceSystem: 'project-approval',
        sourceRecordId: records?.[0]?.id,
        observedAt,
      },
      {
        id: expect.any(String),
        applicantId: registered.id,
        name: 'registeredCapital',
        value: '5000000.00',
        sourceSystem: 'market-regulation',
        sourceRecordId: null,
        observedAt: new Date('2023-12-31T23:59:59.999Z'),
      },
    ]);
  });

  it('keeps a legacy 15-digit value as the original and finds the applicant by either', async () => {
    const upgraded = residentId();
    const legacy = `${upgraded.slice(0, 6)}${upgraded.slice(8, 17)}`;
    const person = await repository.register(
      personRegistration({
        identifiers: [{ scheme: 'RESIDENT_ID', value: upgraded, originalValue: legacy }],
      }),
    );
    expect(await repository.findActiveByIdentifier('RESIDENT_ID', upgraded)).toEqual(person);
    expect(await repository.findActiveByIdentifier('RESIDENT_ID', legacy)).toEqual(person);
    expect(await repository.findActiveByIdentifier('USCC', legacy)).toBeNull();
    const [[identifier]] = await repository.identifiersFor([person.id]);
    expect(identifier?.originalValue).toBe(legacy);
  });

  it('round-trips a name with 𠮷, which needs four bytes of UTF-8', async () => {
    const person = await repository.register(personRegistration({ name: '𠮷田一郎' }));
    const [row] = await db.dataSource.query('SELECT name FROM applicants WHERE id = ?', [
      person.id,
    ]);
    expect(row.name).toBe('𠮷田一郎');
    expect((await repository.findById(person.id))?.name).toBe('𠮷田一郎');
  });

  it('keeps observation times to the millisecond, stored as UTC', async () => {
    const observedAt = new Date('2025-12-31T23:59:59.999Z');
    const localId = `SB-${uniqueDigits(8)}`;
    const person = await repository.register(
      personRegistration({
        sourceRecords: [
          { system: 'social-insurance', localId, rawPayload: {}, normalized: {}, observedAt },
        ],
        attributes: [
          {
            name: 'phone',
            value: '13800000000',
            sourceSystem: 'social-insurance',
            sourceLocalId: localId,
            observedAt: new Date('2000-01-01T00:00:00.001Z'),
          },
        ],
      }),
    );
    const [[record]] = await repository.sourceRecordsFor([person.id]);
    expect(record?.observedAt.toISOString()).toBe('2025-12-31T23:59:59.999Z');
    const [[attribute]] = await repository.attributesFor([person.id]);
    expect(attribute?.observedAt.toISOString()).toBe('2000-01-01T00:00:00.001Z');
    const stored = await repository.findById(person.id);
    expect(stored?.createdAt.getTime()).toBe(person.createdAt.getTime());

    // What is in the column itself, not only what TypeORM makes of it: UTC wall-clock time.
    const [row] = await db.dataSource.query(
      db.target.label === 'sqlite'
        ? 'SELECT observed_at AS t FROM source_records WHERE local_id = ?'
        : "SELECT DATE_FORMAT(observed_at, '%Y-%m-%d %H:%i:%s.%f') AS t FROM source_records WHERE local_id = ?",
      [localId],
    );
    expect(String(row.t)).toMatch(/^2025-12-31 23:59:59\.999(000)?$/);
  });

  it('refuses an identifier an active applicant holds, writing nothing', async () => {
    const code = uscc();
    const first = await repository.register(
      enterpriseRegistration({ identifiers: [{ scheme: 'USCC', value: code }] }),
    );
    const before = await rowCounts();
    const attempt = repository.register(
      enterpriseRegistration({
        name: '另一家公司',
        identifiers: [
          { scheme: 'USCC', value: uscc() },
          { scheme: 'USCC', value: code },
        ],
        sourceRecords: [
          {
            system: 'tax',
            localId: `NSR-${uniqueDigits(8)}`,
            rawPayload: {},
            normalized: {},
            observedAt: new Date(),
          },
        ],
        attributes: [
          { name: 'address', value: '某地', sourceSystem: 'tax', observedAt: new Date() },
        ],
      }),
    );
    await expect(attempt).rejects.toMatchObject({
      code: RegistryErrorCode.DUPLICATE_IDENTIFIER,
      details: { scheme: 'USCC', existingApplicantId: first.id },
    });
    await expect(attempt).rejects.not.toHaveProperty('message', expect.stringContaining(code));
    expect(await rowCounts()).toEqual(before);
  });

  it('allows the same value under another scheme', async () => {
    const value = `${uniqueDigits(18)}`;
    await repository.register(
      personRegistration({ identifiers: [{ scheme: 'RESIDENT_ID', value }] }),
    );
    await expect(
      repository.register(enterpriseRegistration({ identifiers: [{ scheme: 'USCC', value }] })),
    ).resolves.toMatchObject({ status: 'ACTIVE' });
  });

  it('refuses a department record that is already linked, writing nothing', async () => {
    const record = {
      system: 'land-planning',
      localId: `TD-${uniqueDigits(8)}`,
      rawPayload: {},
      normalized: {},
      observedAt: new Date(),
    };
    const first = await repository.register(personRegistration({ sourceRecords: [record] }));
    const before = await rowCounts();
    await expect(
      repository.register(personRegistration({ sourceRecords: [record] })),
    ).rejects.toMatchObject({
      code: RegistryErrorCode.DUPLICATE_SOURCE_RECORD,
      details: { system: 'land-planning', existingApplicantId: first.id },
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses invalid input before writing anything', async () => {
    const before = await rowCounts();
    await expect(
      repository.register(personRegistration({ name: 'x'.repeat(201) })),
    ).rejects.toMatchObject({
      code: RegistryErrorCode.INVALID_REGISTRATION,
      details: { field: 'name' },
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts a 200-character name even when its characters need four bytes', async () => {
    const name = '𠮷'.repeat(200);
    const person = await repository.register(personRegistration({ name }));
    expect((await repository.findById(person.id))?.name).toBe(name);
  });

  it('keeps concurrent registrations apart: one conflict fails alone', async () => {
    const contested = uscc();
    const inputs = Array.from({ length: 6 }, (_, i) =>
      enterpriseRegistration({
        name: `并发公司${i}`,
        identifiers: [{ scheme: 'USCC', value: i < 2 ? contested : uscc() }],
        attributes: [{ name: 'phone', value: `${i}`, sourceSystem: 'tax', observedAt: new Date() }],
      }),
    );
    const results = await Promise.allSettled(inputs.map((input) => repository.register(input)));
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      reason: { code: RegistryErrorCode.DUPLICATE_IDENTIFIER },
    });
    const registered = results.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    const attributes = await repository.attributesFor(registered.map((a) => a.id));
    expect(attributes.map((group) => group.length)).toEqual([1, 1, 1, 1, 1]);
  });
});
