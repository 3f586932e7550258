import { SourceError } from '../shared';
import fc from 'fast-check';
import {
  LandPlanningFake,
  landParcelFixture,
  landPlanningRecordFixture,
} from './land-planning.fake';

describe('LandPlanningFake', () => {
  const enterprise = landParcelFixture();
  const second = landParcelFixture({
    realEstateUnitNo: '330523006005GB00002W00000000',
    parcelCode: '330523006005GB00002',
  });
  const person = landParcelFixture({
    holderId: '33052319770914394X',
    holderName: '张丽红',
    transferContract: null,
  });

  it('answers by holder id, keyed exactly by the input, absent when unknown, and records the calls', async () => {
    const fake = new LandPlanningFake([enterprise, second, person]);
    const found = await fake.parcelsByHolder([
      '91330523MA2D292A2M',
      '330522198506151235',
      '33052319770914394X',
    ]);
    expect([...found.keys()]).toEqual(['91330523MA2D292A2M', '33052319770914394X']);
    expect(found.get('91330523MA2D292A2M')?.map((p) => p.realEstateUnitNo)).toEqual([
      '330523006005GB00001F00050000',
      '330523006005GB00002W00000000',
    ]);
    expect(fake.calls).toEqual([
      ['91330523MA2D292A2M', '330522198506151235', '33052319770914394X'],
    ]);
  });

  it('fails as told, and recovers', async () => {
    const fake = new LandPlanningFake([enterprise]).failWith(
      SourceError.timeout('land-planning', 300),
    );
    await expect(fake.parcelsByHolder(['91330523MA2D292A2M'])).rejects.toMatchObject({
      code: 'SOURCE_TIMEOUT',
    });
    fake.failWith(null);
    expect((await fake.parcelsByHolder(['91330523MA2D292A2M'])).size).toBe(1);
  });

  describe('changes', () => {
    const at = (second: number) => new Date(Date.UTC(2026, 5, 16, 2, 44, second));
    const record = (unit: string, second: number) =>
      landPlanningRecordFixture({ localId: unit, changedAt: at(second) });

    it('pages the records given, oldest first, ties by localId, each exactly once', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.stringMatching(/^[0-9A-Z]{1,4}$/), { maxLength: 40 }),
          fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }),
          fc.integer({ min: 1, max: 7 }),
          async (units, seconds, limit) => {
            const records = units.map((unit, i) => record(unit, seconds[i]));
            const fake = new LandPlanningFake().putRecords(...records);
            const read: string[] = [];
            let next = null;
            for (;;) {
              const page = await fake.changes(next, limit);
              expect(page.records.length).toBeLessThanOrEqual(limit);
              read.push(...page.records.map((r) => r.localId));
              next = page.next;
              if (!page.hasMore) break;
            }
            const expected = [...records]
              .sort(
                (a, b) =>
                  a.changedAt.getTime() - b.changedAt.getTime() || (a.localId < b.localId ? -1 : 1),
              )
              .map((r) => r.localId);
            expect(read).toEqual(expected);
          },
        ),
        { numRuns: 50 },
      );
    });

    it('serves a record put again under its localId after the old cursor, once, and records the calls', async () => {
      const fake = new LandPlanningFake().putRecords(record('A', 1), record('B', 2));
      const first = await fake.changes(null, 10);
      expect(first).toMatchObject({ hasMore: false, next: { localId: 'B', changedAt: at(2) } });
      fake.putRecords(landPlanningRecordFixture({ localId: 'A', changedAt: at(5), phone: '1' }));
      const second = await fake.changes(first.next, 10);
      expect(second.records.map((r) => [r.localId, r.phone])).toEqual([['A', '1']]);
      expect((await fake.changes(null, 10)).records.map((r) => r.localId)).toEqual(['B', 'A']);
      expect(fake.changeCalls).toEqual([
        { after: null, limit: 10 },
        { after: first.next, limit: 10 },
        { after: null, limit: 10 },
      ]);
    });

    it('keeps the cursor on an empty page, fails as told, and refuses a limit below 1', async () => {
      const fake = new LandPlanningFake();
      const after = { changedAt: at(0), localId: 'A' };
      expect(await fake.changes(after, 5)).toEqual({ records: [], next: after, hasMore: false });
      await expect(fake.changes(null, 0)).rejects.toThrow(RangeError);
      fake.failWith(SourceError.unavailable('land-planning', 'down'));
      await expect(fake.changes(null, 5)).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    });
  });
});
