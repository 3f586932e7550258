import { SourceError } from '../shared';
import { LandPlanningFake, landParcelFixture } from './land-planning.fake';

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
});
