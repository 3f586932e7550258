import fc from 'fast-check';
import { residentIdCheckChar } from '@oncegate/identifiers';
import { normalizeIdentifierForMatching } from './identifier';

const residentId = (raw: string | null | undefined) =>
  normalizeIdentifierForMatching('RESIDENT_ID', raw);
const uscc = (raw: string | null | undefined) => normalizeIdentifierForMatching('USCC', raw);

describe('normalizeIdentifierForMatching — RESIDENT_ID', () => {
  it.each([
    '11010519491231002X',
    '11010519491231002x',
    '１１０１０５１９４９１２３１００２Ｘ',
    '110105 19491231 002X',
    '110105-19491231-002x',
  ])('%j is the valid 11010519491231002X', (raw) => {
    expect(residentId(raw)).toEqual({
      value: '11010519491231002X',
      valid: true,
      upgradedFrom15: false,
    });
  });

  it('upgrades a 15-digit number to its 18-digit form', () => {
    expect(residentId('110105491231002')).toEqual({
      value: '11010519491231002X',
      valid: true,
      upgradedFrom15: true,
    });
  });

  it('upgrades a 15-digit number even when the result then fails a rule', () => {
    // 30 February: the upgrade itself is sound, the date is not.
    expect(residentId('110105490230002')).toEqual({
      value: '110105194902300020',
      valid: false,
      upgradedFrom15: true,
    });
  });

  it.each([
    ['110105194912310021', '110105194912310021'],
    ['11010519491231002', '11010519491231002'],
    ['1101051949123100XX', '1101051949123100XX'],
    [' 110105 19491231 0021 ', '110105194912310021'],
  ])('keeps %j as the invalid value %s: a weak signal, not a key', (raw, value) => {
    expect(residentId(raw)).toEqual({ value, valid: false, upgradedFrom15: false });
  });

  it.each([null, undefined, '', '   ', '无', '不详', 'N/A'])('%j → null', (raw) => {
    expect(residentId(raw)).toBeNull();
  });

  it('gives every spelling of a valid number the same value (property)', () => {
    const birth = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2020-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
    fc.assert(
      fc.property(
        fc.constantFrom('330522', '330523', '340123', '110105'),
        birth,
        fc.stringMatching(/^\d{3}$/),
        fc.constantFrom('', ' ', '-', '\u3000'),
        fc.boolean(),
        (area, date, sequence, sep, fullWidth) => {
          const first17 = area + date + sequence;
          const id = first17 + residentIdCheckChar(first17);
          let written =
            `${id.slice(0, 6)}${sep}${id.slice(6, 14)}${sep}${id.slice(14)}`.toLowerCase();
          if (fullWidth) {
            written = written.replace(/[0-9x]/g, (c) =>
              String.fromCharCode(c.charCodeAt(0) + 0xfee0),
            );
          }
          expect(residentId(written)).toEqual({ value: id, valid: true, upgradedFrom15: false });
        },
      ),
    );
  });
});

describe('normalizeIdentifierForMatching — USCC', () => {
  it.each([
    ['91350100M000100Y43', '91350100M000100Y43'],
    [' 9144030071526726xg ', '9144030071526726XG'],
    ['９１４４０３００１９２２０３８２１６', '914403001922038216'],
    ['91330100-799655058B', '91330100799655058B'],
  ])('%j is the valid %s', (raw, value) => {
    expect(uscc(raw)).toEqual({ value, valid: true, upgradedFrom15: false });
  });

  it.each(['914403001922038217', '91350100M0001TGQXM', '9144030071526726XI', '91440300192203821'])(
    'keeps %s as an invalid weak signal',
    (raw) => {
      expect(uscc(raw)).toEqual({ value: raw, valid: false, upgradedFrom15: false });
    },
  );

  it('never upgrades a 15-character code', () => {
    expect(uscc('330522000012345')).toEqual({
      value: '330522000012345',
      valid: false,
      upgradedFrom15: false,
    });
  });

  it.each([null, undefined, '', '  ', '无'])('%j → null', (raw) => {
    expect(uscc(raw)).toBeNull();
  });
});
