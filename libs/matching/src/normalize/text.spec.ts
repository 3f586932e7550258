import fc from 'fast-check';
import { normalizePersonName, normalizeText, pinyinInitials, toPinyin, toSimplified } from './text';

/** Characters that occur in real names and addresses, traditional and simplified, plus entry noise. */
const NAME_CHARS = [
  ...'王伟玮张張刘劉李陈陳曾国國藩单解区區吕呂欧阳歐陽娜长長兴興县縣广廣东東华華德',
  ...'阿卜杜热合曼·・•‧ 　\u200b\t',
  ...'ＡＢｃ１２abcXYZ09-()（）',
];
const nameLike = fc.array(fc.constantFrom(...NAME_CHARS), { maxLength: 12 }).map((a) => a.join(''));
const hanName = fc
  .array(fc.constantFrom(...'王伟玮张刘李陈曾国藩吕欧阳娜长兴华德明红'), {
    minLength: 1,
    maxLength: 4,
  })
  .map((a) => a.join(''));

describe('normalizeText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['   ', ''],
    ['ＡＢＣ１２３', 'abc123'],
    ['  王\u3000\u3000伟 ', '王 伟'],
    ['王\t\n\r伟', '王 伟'],
    ['王\u200b伟\u200d', '王伟'],
    ['\ufeff长兴县', '长兴县'],
    ['王\u0000伟\u0007', '王伟'],
    ['a\u0085b', 'a b'],
    ['Hello  World', 'hello world'],
    ['葛\ufe00', '葛'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent and leaves no outer, doubled or ideographic spaces (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), nameLike), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/\s{2}|[\u3000\u200b\t\n]/);
        expect(once).not.toMatch(/[A-Z]/);
      }),
    );
  });
});

describe('toSimplified', () => {
  it.each([
    ['長興縣', '长兴县'],
    ['劉', '刘'],
    ['張', '张'],
    ['廣東', '广东'],
    ['臺灣', '台湾'],
    ['衞生院', '卫生院'],
  ])('%s → %s', (input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });

  it('leaves simplified text and 著 unchanged', () => {
    expect(toSimplified('长兴县雉城街道')).toBe('长兴县雉城街道');
    expect(toSimplified('著名')).toBe('著名');
  });

  it('returns printable ASCII untouched (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(toSimplified(s)).toBe(s);
      }),
    );
  });
});

describe('toPinyin', () => {
  it('reads homophone name variants the same', () => {
    expect(toPinyin('王伟')).toBe('wang wei');
    expect(toPinyin('王玮')).toBe('wang wei');
  });

  it.each([
    ['曾国藩', 'zeng guo fan'],
    ['单田芳', 'shan tian fang'],
    ['解放', 'xie fang'],
    ['区小明', 'ou xiao ming'],
    ['欧阳娜娜', 'ou yang na na'],
  ])('reads %s with its surname reading when personName', (name, expected) => {
    expect(toPinyin(name, { personName: true })).toBe(expected);
  });

  it('uses the ordinary reading without personName', () => {
    expect(toPinyin('单')).toBe('dan');
    expect(toPinyin('曾经')).toBe('ceng jing');
  });

  it('applies the surname reading to the first character only', () => {
    expect(toPinyin('曾曾', { personName: true })).toBe('zeng ceng');
  });

  it('converts traditional characters first', () => {
    expect(toPinyin('劉德華')).toBe('liu de hua');
  });

  it('writes ü as v', () => {
    expect(toPinyin('吕绿')).toBe('lv lv');
  });

  it('keeps Latin letters and digits as lower-case tokens and drops punctuation', () => {
    expect(toPinyin('ＡＢＣ公司12号')).toBe('abc gong si 12 hao');
    expect(toPinyin('阿卜杜·热合曼')).toBe('a bu du re he man');
    expect(toPinyin('王，伟！')).toBe('wang wei');
  });

  it('reads the variant 𠮷 as 吉 and keeps characters it cannot read', () => {
    expect(toPinyin('𠮷野家')).toBe('ji ye jia');
    expect(toPinyin('𡘙')).toBe('𡘙');
  });

  it('gives the empty string for input without letters', () => {
    expect(toPinyin('')).toBe('');
    expect(toPinyin('·・ ')).toBe('');
  });

  it('gives one toneless ASCII syllable per Han character (property)', () => {
    fc.assert(
      fc.property(hanName, fc.boolean(), (name, personName) => {
        const syllables = toPinyin(name, { personName }).split(' ');
        expect(syllables).toHaveLength(name.length);
        for (const syllable of syllables) expect(syllable).toMatch(/^[a-z]+$/);
      }),
    );
  });

  it('does not depend on spacing, width or script (property)', () => {
    fc.assert(
      fc.property(nameLike, (s) => {
        const p = toPinyin(s);
        expect(toPinyin(toSimplified(normalizeText(s)))).toBe(p);
        expect(p).toBe(p.trim());
        expect(p).not.toMatch(/ {2}/);
      }),
    );
  });
});

describe('pinyinInitials', () => {
  it('takes the first letter of each syllable', () => {
    expect(pinyinInitials('王伟')).toBe('ww');
    expect(pinyinInitials('单田芳', { personName: true })).toBe('stf');
    expect(pinyinInitials('单田芳')).toBe('dtf');
    expect(pinyinInitials('ABC公司')).toBe('ags');
    expect(pinyinInitials('')).toBe('');
  });

  it('agrees with toPinyin (property)', () => {
    fc.assert(
      fc.property(nameLike, fc.boolean(), (s, personName) => {
        const p = toPinyin(s, { personName });
        const expected =
          p === ''
            ? ''
            : p
                .split(' ')
                .map((t) => String.fromCodePoint(t.codePointAt(0)!))
                .join('');
        expect(pinyinInitials(s, { personName })).toBe(expected);
      }),
    );
  });
});

describe('normalizePersonName', () => {
  it.each([
    '阿卜杜·热合曼',
    '阿卜杜・热合曼',
    '阿卜杜•热合曼',
    '阿卜杜‧热合曼',
    '阿卜杜.热合曼',
    '阿卜杜 热合曼',
    '阿卜杜热合曼',
  ])('%s is 阿卜杜热合曼', (name) => {
    expect(normalizePersonName(name)).toBe('阿卜杜热合曼');
  });

  it('simplifies and strips entry noise', () => {
    expect(normalizePersonName(' 張　三\u200b ')).toBe('张三');
    expect(normalizePersonName('劉德華')).toBe('刘德华');
    expect(normalizePersonName(null)).toBe('');
  });

  it('keeps homophones apart: the name key is not the pinyin key', () => {
    expect(normalizePersonName('王伟')).not.toBe(normalizePersonName('王玮'));
  });

  it('never contains spaces or middle dots and is idempotent (property)', () => {
    fc.assert(
      fc.property(nameLike, (s) => {
        const once = normalizePersonName(s);
        expect(once).not.toMatch(/[\s·・•‧]/);
        expect(normalizePersonName(once)).toBe(once);
      }),
    );
  });
});
