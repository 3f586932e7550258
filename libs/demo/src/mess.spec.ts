import { validateResidentId } from '@oncegate/identifiers';
import {
  changedPhone,
  legacyResidentId,
  messyEnterpriseName,
  messyPersonName,
  messyResidentIdTyping,
  toFullWidth,
} from './mess';
import { Random } from './random';

describe('mess', () => {
  it('types a resident ID in ways that still normalize to the same number', () => {
    const rng = new Random(7);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const typed = messyResidentIdTyping('33052219981107375X', rng);
      seen.add(typed);
      expect(validateResidentId(typed)).toMatchObject({ valid: true, value: '33052219981107375X' });
    }
    expect(seen.size).toBe(4);
  });

  it('gives the 15-digit form only for people born in the 1900s', () => {
    expect(legacyResidentId('11010519491231002X')).toBe('110105491231002');
    expect(legacyResidentId('340123200101010051')).toBeNull();
  });

  it('turns ASCII into full-width forms', () => {
    expect(toFullWidth('12x')).toBe('１２ｘ');
  });

  it('changes one character of a person name to a traditional form or a homophone', () => {
    const rng = new Random(3);
    const variants = new Set(Array.from({ length: 30 }, () => messyPersonName('张伟', rng)));
    expect(variants.has('張伟') || variants.has('张偉')).toBe(true);
    expect(variants.has('张玮')).toBe(true);
    for (const v of variants) expect([...v]).toHaveLength(2);
    expect(messyPersonName('乙', rng)).toBe('乙');
  });

  it('varies enterprise names the way registries disagree', () => {
    const rng = new Random(11);
    const variants = new Set(
      Array.from({ length: 60 }, () =>
        messyEnterpriseName('长兴县恒达建材有限公司', '长兴县', rng),
      ),
    );
    expect(variants).toEqual(
      new Set([
        '长兴县恒达建材有限责任公司',
        '恒达建材有限公司',
        '恒达建材（长兴县）有限公司',
        '（长兴）恒达建材有限公司',
      ]),
    );
    expect(messyEnterpriseName('腾讯科技(深圳)有限公司', null, rng)).not.toBe(
      '腾讯科技(深圳)有限公司',
    );
  });

  it('changes a phone number in its last four digits', () => {
    const rng = new Random(5);
    const phone = changedPhone('18827510267', rng);
    expect(phone).not.toBe('18827510267');
    expect(phone.slice(0, 7)).toBe('1882751');
    expect(changedPhone('0572-6123456', rng)).toBe('0572-6123456');
  });
});
