import fc from 'fast-check';
import { IdentifierReason } from './identifier-issue';
import { residentIdCheckChar, upgradeResidentId15, validateResidentId } from './resident-id';

const today = new Date('2026-11-25T00:00:00Z');
const check = (raw: string) => validateResidentId(raw, { today });

function expectInvalid(raw: string, code: IdentifierReason) {
  const r = check(raw);
  expect(r.valid).toBe(false);
  if (!r.valid) {
    expect(r.reason.code).toBe(code);
    expect(r.reason.message.zh.length).toBeGreaterThan(0);
    expect(r.reason.message.en.length).toBeGreaterThan(0);
  }
}

describe('validateResidentId — china-domain.md §2.5 vectors', () => {
  it.each([
    ['11010519491231002X', 'FEMALE', '1949-12-31'],
    ['440524188001010014', 'MALE', '1880-01-01'],
    ['330522198506151235', 'MALE', '1985-06-15'],
    ['330523199202290042', 'FEMALE', '1992-02-29'],
    ['340123200101010051', 'MALE', '2001-01-01'],
  ])('%s is valid (%s, %s)', (id, gender, birthDate) => {
    const r = check(id);
    expect(r).toMatchObject({ valid: true, value: id, parts: { gender, birthDate } });
  });

  it.each([
    '11010519491231002x',
    '１１０１０５１９４９１２３１００２Ｘ',
    '110105 19491231 002X',
    '110105-19491231-002X',
    ' 110105\u300019491231\u3000002x ',
  ])('normalizes %j to 11010519491231002X', (raw) => {
    const r = check(raw);
    expect(r.valid).toBe(true);
    if (r.valid) {
      expect(r.value).toBe('11010519491231002X');
      expect(r.input).toBe(raw);
    }
  });

  it('refuses a wrong check character and names the expected one', () => {
    const r = check('110105194912310021');
    expect(r.valid).toBe(false);
    if (!r.valid) {
      expect(r.reason.code).toBe(IdentifierReason.CHECK_CHARACTER);
      expect(r.reason.message.en).toContain('expected X');
    }
  });
  it('refuses 30 February', () =>
    expectInvalid('11010519490230002X', IdentifierReason.BIRTH_DATE_INVALID));
  it('refuses 17 characters', () => expectInvalid('11010519491231002', IdentifierReason.LENGTH));
  it('refuses an X before the last position', () =>
    expectInvalid('1101051949123100XX', IdentifierReason.X_POSITION));
  it('refuses look-alike letters instead of guessing', () =>
    expectInvalid('11010519491231OO2X', IdentifierReason.CHARSET));
  it('refuses a birth date in the future', () => {
    const first17 = '33052220270101123';
    expectInvalid(first17 + residentIdCheckChar(first17), IdentifierReason.BIRTH_DATE_FUTURE);
  });
  it('refuses an unknown province prefix', () => {
    const first17 = '99052219850615123';
    expectInvalid(first17 + residentIdCheckChar(first17), IdentifierReason.PROVINCE_PREFIX);
  });
  it('refuses empty input', () => expectInvalid('  ', IdentifierReason.EMPTY));
  it('accepts a retired county code (440524) — only the province prefix is checked', () => {
    expect(check('440524188001010014').valid).toBe(true);
  });
});

describe('15 → 18 upgrade (GB 11643-1989 → 1999)', () => {
  it('upgrades 110105491231002 to 11010519491231002X', () => {
    expect(upgradeResidentId15('110105491231002')).toBe('11010519491231002X');
  });
  it('upgrades with century 18 for centenarian codes', () => {
    expect(upgradeResidentId15('440524800101001', '18')).toBe('440524188001010014');
  });
  it('validates a 15-digit number as its 18-digit form and keeps the original', () => {
    const r = check('110105491231002');
    expect(r).toMatchObject({
      valid: true,
      value: '11010519491231002X',
      parts: { upgradedFrom: '110105491231002', gender: 'FEMALE' },
    });
  });
  it('honours the century option', () => {
    const r = validateResidentId('440524800101001', { today, century: '18' });
    expect(r).toMatchObject({ valid: true, value: '440524188001010014' });
  });
  it('refuses a 15-character value with letters', () =>
    expectInvalid('11010549123100X', IdentifierReason.CHARSET));
  it('refuses an impossible date in a 15-digit number', () =>
    expectInvalid('110105490230002', IdentifierReason.BIRTH_DATE_INVALID));
});

/** Arbitrary valid 18-digit resident IDs: a real province prefix, a real past date, any sequence. */
const validResidentId = fc
  .record({
    area: fc.constantFrom('330522', '330523', '110105', '440524', '340123', '320381', '650102'),
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2026-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, date, seq }) => {
    const first17 =
      area + date.toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0');
    return first17 + residentIdCheckChar(first17);
  });

const DIGITS_AND_X = '0123456789X'.split('');

describe('resident ID properties', () => {
  it('every generated valid ID validates, with the gender of digit 17', () => {
    fc.assert(
      fc.property(validResidentId, (id) => {
        const r = check(id);
        return (
          r.valid && r.value === id && r.parts.gender === (Number(id[16]) % 2 ? 'MALE' : 'FEMALE')
        );
      }),
    );
  });

  it('every single-character change is caught', () => {
    fc.assert(
      fc.property(
        validResidentId,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(...DIGITS_AND_X),
        (id, pos, ch) => {
          fc.pre(id[pos] !== ch);
          const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
          return !check(changed).valid;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('every adjacent transposition of different characters is caught', () => {
    fc.assert(
      fc.property(validResidentId, fc.integer({ min: 0, max: 16 }), (id, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        return !check(swapped).valid;
      }),
      { numRuns: 2000 },
    );
  });

  it('exhaustively: every single change of every position of one ID is caught', () => {
    const id = '330522198506151235';
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of DIGITS_AND_X) {
        if (ch === id[pos]) continue;
        expect(check(id.slice(0, pos) + ch + id.slice(pos + 1)).valid).toBe(false);
      }
    }
  });

  it('upgrading any 15-digit form of a 19xx ID gives the ID back', () => {
    fc.assert(
      fc.property(validResidentId, (id) => {
        fc.pre(id.slice(6, 8) === '19');
        const id15 = id.slice(0, 6) + id.slice(8, 17);
        return upgradeResidentId15(id15) === id;
      }),
    );
  });
});
