import { SourceError, SourceErrorCode } from '../shared';
import { FakeTaxAdapter, taxProfileFixture } from './tax.fake';
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
});
