import { IdentifierReason } from './identifier-issue';
import { validateRealEstateUnitNo } from './real-estate-unit';

describe('validateRealEstateUnitNo — china-domain.md §4.1', () => {
  it.each([
    '320505400202GB00001F00010069',
    '440106001001GB00001F00010001',
    '330522001002JC00012W00000000',
  ])('%s is valid', (code) => {
    expect(validateRealEstateUnitNo(code)).toMatchObject({
      valid: true,
      value: code,
      warnings: [],
    });
  });

  it('reads the structure and the 宗地代码', () => {
    expect(validateRealEstateUnitNo('320505 400 202 GB 00001 F 00010069')).toMatchObject({
      valid: true,
      parts: {
        divisionCode: '320505',
        cadastralZone: '400',
        cadastralSubZone: '202',
        ownership: 'G',
        rightType: 'B',
        parcelSequence: '00001',
        fixture: 'F',
        fixtureUnit: '00010069',
        parcelCode: '320505400202GB00001',
      },
    });
  });

  it('warns on the unverified 2019 right types', () => {
    const r = validateRealEstateUnitNo('330522001002GL00012L00000001');
    expect(r).toMatchObject({ valid: true });
    if (r.valid) expect(r.warnings[0].code).toBe(IdentifierReason.RIGHT_TYPE);
  });

  it.each([
    ['320505400202GB00001F0001006', IdentifierReason.LENGTH],
    ['320505400202XB00001F00010069', IdentifierReason.OWNERSHIP_FLAG],
    ['320505400202GQ00001F00010069', IdentifierReason.RIGHT_TYPE],
    ['320505400202GC00001F00010069', IdentifierReason.RIGHT_TYPE],
    ['320505400202GB00001W00010069', IdentifierReason.UNIT_NUMBER],
    ['320505400202GB00000F00010069', IdentifierReason.SEQUENCE],
    ['320505400202GB00001K00010069', IdentifierReason.FIXTURE_FLAG],
    ['3205054002021B00001F00010069', IdentifierReason.FORMAT],
    ['990505400202GB00001F00010069', IdentifierReason.DIVISION_CODE],
  ])('%s is invalid (%s)', (code, reason) => {
    const r = validateRealEstateUnitNo(code);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.reason.code).toBe(reason);
  });
});
