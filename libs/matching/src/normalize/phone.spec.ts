import fc from 'fast-check';
import { normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['0572-6021234', '05726021234'],
    ['(0572)6021234', '05726021234'],
    ['（０５７２）６０２１２３４', '05726021234'],
    ['0572 602 1234', '05726021234'],
    ['0572-6021234转123', '05726021234'],
    ['0572-6021234 ext 12', '05726021234'],
    ['0572-6021234 x12', '05726021234'],
    ['0572-6021234-123', '05726021234'],
    ['010-65529988', '01065529988'],
    ['010 6552 9988-123', '01065529988'],
    ['+86 572 6021234', '05726021234'],
    ['+86 (0)572 6021234', '05726021234'],
    ['+86 10 6552 9988', '01065529988'],
    ['13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138 1234 5678-123', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['(+86)13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['电话：0572-6021234', '05726021234'],
    ['电话/传真：0572-6021234', '05726021234'],
    ['tel: 138 1234 5678', '13812345678'],
    ['0572-6021234/13812345678', '05726021234'],
    ['6021234', '6021234'],
    ['6021234-12', '6021234'],
    ['6552 9988', '65529988'],
    ['86021234', '86021234'],
    ['400-820-8820', '4008208820'],
  ])('%j → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([null, undefined, '', '  ', '无', '95588', '110', '123-456'])('%j → null', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  const mobile = fc
    .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
    .map(([second, rest]) => `1${second}${rest}`);
  const separator = fc.constantFrom('', ' ', '-', '\u3000');
  const toFullWidth = (s: string) =>
    s.replace(/[0-9+\-()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it('reads a mobile number the same however it is written (property)', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86', '0086', '86', '+86 ', '(+86)'),
        separator,
        fc.boolean(),
        fc.constantFrom('', '转8', ' ext 12', '-123'),
        (number, country, sep, fullWidth, extension) => {
          const written = `${country}${number.slice(0, 3)}${sep}${number.slice(3, 7)}${sep}${number.slice(7)}${extension}`;
          expect(normalizePhone(fullWidth ? toFullWidth(written) : written)).toBe(number);
        },
      ),
    );
  });

  it('keeps a landline with its area code however it is written (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('010', '021', '0571', '0572', '0755'),
        fc.stringMatching(/^[2-8]\d{6,7}$/),
        fc.constantFrom(
          '{a}-{l}',
          '({a}){l}',
          '{a} {l}',
          '+86 {A} {l}',
          '0086-{A}-{l}',
          '{a}-{l}-123',
          '{a}{l}转5',
        ),
        (area, local, format) => {
          const written = format
            .replace('{a}', area)
            .replace('{A}', area.slice(1))
            .replace('{l}', local);
          expect(normalizePhone(written)).toBe(area + local);
        },
      ),
    );
  });

  it('returns digits only, at least seven of them, or null (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const phone = normalizePhone(s);
        if (phone !== null) expect(phone).toMatch(/^\d{7,}$/);
      }),
    );
  });
});
