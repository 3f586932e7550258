import fc from 'fast-check';
import {
  SourceError,
  SourceErrorCode,
  type ChangeCursor,
  type DepartmentApplicantRecord,
} from '../shared';
import {
  SocialInsuranceFakeAdapter,
  sampleInsuredEmployer,
  sampleInsuredPerson,
} from './social-insurance.fake';
import { SocialInsurancePort } from './social-insurance.port';

describe('SocialInsuranceFakeAdapter', () => {
  it('answers what it was given, keyed by the keys asked, and records the calls', async () => {
    const employer = sampleInsuredEmployer();
    const person = sampleInsuredPerson();
    const fake = new SocialInsuranceFakeAdapter({ employers: [employer], persons: [person] });
    expect(fake).toBeInstanceOf(SocialInsurancePort);
    const employers = await fake.employers([employer.uscc, '91330522MA2G4P7W1F']);
    expect([...employers]).toEqual([[employer.uscc, employer]]);
    const persons = await fake.persons([person.socialSecurityNo]);
    expect(persons.get(person.socialSecurityNo)).toBe(person);
    expect(fake.calls).toEqual({
      employers: [[employer.uscc, '91330522MA2G4P7W1F']],
      persons: [[person.socialSecurityNo]],
      changes: [],
    });
  });

  it('fails every call with the chosen error until told otherwise', async () => {
    const fake = new SocialInsuranceFakeAdapter().failWith(
      SourceError.unavailable('social-insurance', 'down for the test'),
    );
    await expect(fake.persons(['330522198506151235'])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    fake.failWith(null).setPerson(sampleInsuredPerson());
    expect((await fake.persons(['330522198506151235'])).size).toBe(1);
  });

  describe('change feed', () => {
    const record = (localId: string, seconds: number): DepartmentApplicantRecord => ({
      system: 'social-insurance',
      localId,
      kind: localId.startsWith('SI-UNIT') ? 'ENTERPRISE' : 'PERSON',
      name: `name of ${localId}`,
      uscc: null,
      residentId: null,
      legalRepresentative: null,
      birthDate: null,
      phone: null,
      address: null,
      changedAt: new Date(Date.UTC(2026, 9, 1) + seconds * 1000),
      raw: { record_no: localId },
    });

    async function readAll(fake: SocialInsuranceFakeAdapter, limit: number) {
      const read: DepartmentApplicantRecord[] = [];
      let cursor: ChangeCursor | null = null;
      for (let pages = 0; pages < 1000; pages++) {
        const page = await fake.changes(cursor, limit);
        expect(page.records.length).toBeLessThanOrEqual(limit);
        read.push(...page.records);
        cursor = page.next;
        if (!page.hasMore) return read;
      }
      throw new Error('the feed never ended');
    }

    it('pages every record exactly once, by (changedAt, localId), whatever the page size', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(
            fc.record({ no: fc.integer({ min: 1, max: 999 }), at: fc.integer({ min: 0, max: 5 }) }),
            { selector: (r) => r.no, maxLength: 40 },
          ),
          fc.integer({ min: 1, max: 12 }),
          async (drawn, limit) => {
            const records = drawn.map((r) =>
              record(`SI-PER-${String(r.no).padStart(6, '0')}`, r.at),
            );
            const fake = new SocialInsuranceFakeAdapter({ records });
            const read = await readAll(fake, limit);
            const expected = [...records].sort(
              (a, b) =>
                a.changedAt.getTime() - b.changedAt.getTime() || (a.localId < b.localId ? -1 : 1),
            );
            expect(read.map((r) => r.localId)).toEqual(expected.map((r) => r.localId));
          },
        ),
      );
    });

    it('answers an empty page at the end with the cursor it was given, and lists a changed record again', async () => {
      const fake = new SocialInsuranceFakeAdapter({
        records: [record('SI-UNIT-000001', 0), record('SI-PER-000002', 1)],
      });
      const all = await fake.changes(null, 10);
      expect(all.hasMore).toBe(false);
      expect(all.next).toEqual({ changedAt: all.records[1].changedAt, localId: 'SI-PER-000002' });
      const none = await fake.changes(all.next, 10);
      expect(none).toEqual({ records: [], next: all.next, hasMore: false });
      fake.setRecord({ ...record('SI-UNIT-000001', 60), name: '改名后' });
      const again = await fake.changes(all.next, 10);
      expect(again.records.map((r) => [r.localId, r.name])).toEqual([['SI-UNIT-000001', '改名后']]);
      expect(fake.calls.changes).toEqual([
        { after: null, limit: 10 },
        { after: all.next, limit: 10 },
        { after: all.next, limit: 10 },
      ]);
      await expect(fake.changes(null, 0)).rejects.toBeInstanceOf(RangeError);
      fake.failWith(SourceError.timeout('social-insurance', 2000));
      await expect(fake.changes(null, 10)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_TIMEOUT,
      });
    });
  });
});
