import fc from 'fast-check';
import { IdentifierReason } from './identifier-issue';
import { organizationCodeCheckChar, USCC_ALPHABET, usccCheckChar, validateUscc } from './uscc';

describe('validateUscc — china-domain.md §1.6 vectors', () => {
  it.each([
    '91350100M000100Y43',
    '914403001922038216',
    '9144030071526726XG',
    '91330100799655058B',
    '91440300708461136T',
    '91512081MA62K0260E',
    '91350200MA2YJ1XR9G',
  ])('%s is valid, and passes the inner GB 11714 check', (code) => {
    const r = validateUscc(code);
    expect(r).toMatchObject({ valid: true, value: code, warnings: [] });
  });

  it('reads the parts', () => {
    expect(validateUscc('9144030071526726XG')).toMatchObject({
      valid: true,
      parts: {
        registrationAuthority: '9',
        entityCategory: '91',
        divisionCode: '440300',
        organizationCode: '71526726X',
      },
    });
  });

  it.each([' 9144030071526726xg ', '９１４４０３００１９２２０３８２１６', '91440300-19220382-16'])(
    'normalizes %j',
    (raw) => {
      const r = validateUscc(raw);
      expect(r.valid).toBe(true);
    },
  );

  it.each([
    ['91350100M000100Y4Z', IdentifierReason.CHARSET],
    ['914403001922038217', IdentifierReason.CHECK_CHARACTER],
    ['9144030071526726XI', IdentifierReason.CHARSET],
    ['91440300192203821', IdentifierReason.LENGTH],
    ['91350100M0001TGQXM', IdentifierReason.CHECK_CHARACTER],
    ['91AB0300192203821X', IdentifierReason.CHARSET],
    ['', IdentifierReason.EMPTY],
  ])('%s is invalid (%s)', (code, reason) => {
    const r = validateUscc(code);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.reason.code).toBe(reason);
  });

  it('names the expected check character (GB 32100 worked example)', () => {
    const r = validateUscc('91350100M000100Y4Z');
    if (r.valid) throw new Error('expected invalid');
    expect(r.reason.message.en).toContain('expected 3');
    expect(r.reason.message.zh).toContain('3');
  });

  it('only warns when the inner organization code fails its check', () => {
    const first17 = '91330522MA2B3C4D2';
    expect(organizationCodeCheckChar('MA2B3C4D')).not.toBe('2');
    const r = validateUscc(first17 + usccCheckChar(first17));
    expect(r.valid).toBe(true);
    if (r.valid)
      expect(r.warnings.map((w) => w.code)).toEqual([IdentifierReason.ORGANIZATION_CODE_CHECK]);
  });

  it('uses A=10 … Z=35 for the organization code (M is 22 there)', () => {
    expect(organizationCodeCheckChar('71526726')).toBe('X');
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
  });
});

const uscChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const validUscc = fc
  .record({
    head: fc.constantFrom('91', '92', '93', '11', '12', '51', '52', 'Y1'),
    division: fc.constantFrom('330522', '330523', '440300', '350100', '110105'),
    body: fc.array(uscChar, { minLength: 9, maxLength: 9 }).map((a) => a.join('')),
  })
  .map(({ head, division, body }) => {
    const first17 = head + division + body;
    return first17 + usccCheckChar(first17);
  });

describe('USCC properties', () => {
  it('every generated code validates', () => {
    fc.assert(fc.property(validUscc, (code) => validateUscc(code).valid));
  });
  it('every single-character change is caught', () => {
    fc.assert(
      fc.property(validUscc, fc.integer({ min: 0, max: 17 }), uscChar, (code, pos, ch) => {
        fc.pre(code[pos] !== ch);
        return !validateUscc(code.slice(0, pos) + ch + code.slice(pos + 1)).valid;
      }),
      { numRuns: 2000 },
    );
  });
  it('lower-case and full-width forms of a valid code validate to the same value', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        const fullWidth = [...code.toLowerCase()]
          .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
          .join('');
        const r = validateUscc(fullWidth);
        return r.valid && r.value === code;
      }),
    );
  });
});
