import { SourceError, SourceErrorCode } from '../shared';
import { FakeTaxAdapter, taxApplicantRecordFixture, taxProfileFixture } from './tax.fake';
import { TaxPort } from './tax.port';

describe('FakeTaxAdapter', () => {
  const known = taxProfileFixture();

  it('is a TaxPort that answers from memory, keyed by the ids asked for', async () => {
    const fake = new FakeTaxAdapter([known]);
    expect(fake).toBeInstanceOf(TaxPort);
    const found = await fake.taxpayers([known.taxpayerId, '330522198506151235']);
    expect([...found.entries()]).toEqual([[known.taxpayerId, known]]);
    expect(fake.calls).toEqual([[known.taxpayerId, '330522198506151235']]);
  });

  it('fails as told, then recovers', async () => {
    const fake = new FakeTaxAdapter([known]).failWith(SourceError.timeout('tax', 300));
    await expect(fake.taxpayers([known.taxpayerId])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_TIMEOUT,
    });
    fake.failWith(null);
    expect((await fake.taxpayers([known.taxpayerId])).size).toBe(1);
  });

  it('derives hasArrears in fixtures from the arrears given', () => {
    expect(
      taxProfileFixture({
        arrears: [
          {
            taxType: '增值税',
            periodFrom: '2025-01-01',
            periodTo: '2025-03-31',
            balanceYuan: 10,
            lateFeeYuan: 0,
          },
        ],
      }).hasArrears,
    ).toBe(true);
    expect(known.hasArrears).toBe(false);
  });

  describe('changes', () => {
    const at = (iso: string) => new Date(iso);
    const records = [
      taxApplicantRecordFixture({
        localId: '10330522000000000003',
        changedAt: at('2026-01-02T00:00:00Z'),
      }),
      taxApplicantRecordFixture({
        localId: '10330522000000000001',
        changedAt: at('2026-01-01T00:00:00Z'),
      }),
      taxApplicantRecordFixture({
        localId: '10330522000000000002',
        changedAt: at('2026-01-02T00:00:00Z'),
      }),
    ];

    it('pages its records in (changedAt, localId) order, strictly after the cursor', async () => {
      const fake = new FakeTaxAdapter([], records);
      const first = await fake.changes(null, 2);
      expect(first.records.map((r) => r.localId)).toEqual([
        '10330522000000000001',
        '10330522000000000002',
      ]);
      expect(first).toMatchObject({
        next: { changedAt: at('2026-01-02T00:00:00Z'), localId: '10330522000000000002' },
        hasMore: true,
      });
      const second = await fake.changes(first.next, 2);
      expect(second.records.map((r) => r.localId)).toEqual(['10330522000000000003']);
      expect(second.hasMore).toBe(false);
      const empty = await fake.changes(second.next, 2);
      expect(empty).toEqual({ records: [], next: second.next, hasMore: false });
      expect(fake.changeCalls).toEqual([
        { after: null, limit: 2 },
        { after: first.next, limit: 2 },
        { after: second.next, limit: 2 },
      ]);
    });

    it('shows a replaced record again after an old cursor', async () => {
      const fake = new FakeTaxAdapter([], records);
      const read = await fake.changes(null, 10);
      fake.putRecord({ ...records[1], name: '新名称', changedAt: at('2026-02-01T00:00:00Z') });
      const again = await fake.changes(read.next, 10);
      expect(again.records.map((r) => [r.localId, r.name])).toEqual([
        ['10330522000000000001', '新名称'],
      ]);
    });

    it('fails as told, and refuses a limit below 1', async () => {
      const fake = new FakeTaxAdapter([], records);
      await expect(fake.changes(null, 0)).rejects.toThrow(RangeError);
      fake.failWith(SourceError.unavailable('tax', 'down'));
      await expect(fake.changes(null, 1)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
      });
    });
  });
});
