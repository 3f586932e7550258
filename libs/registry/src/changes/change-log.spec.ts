import { goldenChanges } from './change-log';

const AT = new Date('2026-03-09T02:00:00.000Z');
const golden = (name: string, value: string, sourceSystem = 'tax') => ({
  name,
  value,
  sourceSystem,
  sourceRecordId: `${sourceSystem}-record`,
  observedAt: AT,
});

describe('goldenChanges', () => {
  it('is empty for an applicant’s first golden record', () => {
    expect(goldenChanges('a', [], [golden('name', '长兴某某有限公司')])).toEqual([]);
  });

  it('names each changed, new and vanished attribute, in attribute order', () => {
    const before = [
      golden('phone', '13900000001'),
      golden('address', '画溪街道1号'),
      golden('name', 'X'),
    ];
    const after = [
      golden('name', 'X', 'land-planning'),
      golden('phone', '13900000002', 'land-planning'),
      golden('legalRepresentative', '李卫东'),
    ];
    expect(goldenChanges('a', before, after)).toEqual([
      {
        applicantId: 'a',
        attribute: 'address',
        oldValue: '画溪街道1号',
        newValue: null,
        source: null,
      },
      {
        applicantId: 'a',
        attribute: 'legalRepresentative',
        oldValue: null,
        newValue: '李卫东',
        source: { system: 'tax', recordId: 'tax-record', observedAt: AT },
      },
      {
        applicantId: 'a',
        attribute: 'phone',
        oldValue: '13900000001',
        newValue: '13900000002',
        source: { system: 'land-planning', recordId: 'land-planning-record', observedAt: AT },
      },
    ]);
  });

  it('ignores a value that stays the same under newer provenance', () => {
    expect(
      goldenChanges('a', [golden('name', 'X')], [golden('name', 'X', 'social-insurance')]),
    ).toEqual([]);
  });
});
