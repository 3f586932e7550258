import fc from 'fast-check';
import { normalizeAddress } from './address';

describe('normalizeAddress', () => {
  it.each([
    ['浙江省长兴县雉城街道 人民路１２号', '浙江省长兴县雉城街道人民路12号'],
    ['長興縣雉城街道人民路12號', '长兴县雉城街道人民路12号'],
    ['人民路十二号', '人民路12号'],
    ['人民路一百零五号', '人民路105号'],
    ['三幢 2-301室', '3幢2-301室'],
    ['三幢２－３０１室', '3幢2-301室'],
    ['2 — 301室', '2-301室'],
    ['二单元一〇八室', '2单元108室'],
    ['某村三组', '某村3组'],
    ['12#楼', '12号楼'],
    ['人民路12号（东门）', '人民路12号东门'],
    ['人民路，12号。', '人民路12号'],
    ['金陵路 - 3号', '金陵路3号'],
    ['A-3座', 'a3座'],
    ['', ''],
    ['\u3000 ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeAddress(input)).toBe(expected);
  });

  it.each(['五一路', '三里桥', '十字街', '百号', '七一广场'])(
    'leaves numerals that are not house numbers alone: %s',
    (address) => {
      expect(normalizeAddress(address)).toBe(address);
    },
  );

  it('writes one house number the same however it was typed', () => {
    const forms = ['人民路十二号三幢', '人民路 12 号 3 幢', '人民路１２號三幢', '人民路12#3幢'];
    expect(new Set(forms.map(normalizeAddress))).toEqual(new Set(['人民路12号3幢']));
  });

  it('is idempotent and has no whitespace or loose hyphens (property)', () => {
    const chars = fc.constantFrom(...'人民路长兴縣號号幢室单元组一二三十百零〇0123-－—#（）, 　\t');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (a) => {
        const once = normalizeAddress(a.join(''));
        expect(normalizeAddress(once)).toBe(once);
        expect(once).not.toMatch(/\s|#|[（）(),]/);
        expect(once).not.toMatch(/(^|\D)-|-(\D|$)/);
      }),
    );
  });

  it('turns any Chinese house number below 10000 into its digits (property)', () => {
    const digits = '零一二三四五六七八九';
    const toChinese = (n: number): string => {
      if (n === 0) return '零';
      const parts: string[] = [];
      const units = ['千', '百', '十', ''];
      const values = [1000, 100, 10, 1];
      let zero = false;
      values.forEach((v, i) => {
        const d = Math.floor(n / v) % 10;
        if (d === 0) {
          zero = parts.length > 0;
          return;
        }
        if (zero) parts.push('零');
        zero = false;
        parts.push((d === 1 && v === 10 && parts.length === 0 ? '' : digits[d]) + units[i]);
      });
      return parts.join('');
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom('号', '幢', '室', '单元'),
        (n, unit) => {
          expect(normalizeAddress(`人民路${toChinese(n)}${unit}`)).toBe(`人民路${n}${unit}`);
        },
      ),
    );
  });
});
