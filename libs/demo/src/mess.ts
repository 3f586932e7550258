import type { Random } from './random';

/**
 * The entry noise real department systems hold, applied on purpose so that
 * the simulators look like the real thing and matching has something to do.
 * Every function is deterministic given the Random stream.
 */

/** A resident ID as a clerk may have keyed it: lower-case x, full-width digits, grouping spaces. */
export function messyResidentIdTyping(id: string, rng: Random): string {
  switch (rng.int(0, 3)) {
    case 0:
      return id.toLowerCase();
    case 1:
      return toFullWidth(id);
    case 2:
      return `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    default:
      return id;
  }
}

/** The 15-digit (GB 11643-1989) form of an 18-digit ID born 1900–1999, or null when there is none. */
export function legacyResidentId(id: string): string | null {
  if (!/^\d{6}19\d{9}[\dX]$/.test(id)) return null;
  return id.slice(0, 6) + id.slice(8, 17);
}

export function toFullWidth(text: string): string {
  return [...text]
    .map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
    .join('');
}

const TRADITIONAL: Readonly<Record<string, string>> = {
  国: '國',
  华: '華',
  伟: '偉',
  军: '軍',
  丽: '麗',
  强: '強',
  张: '張',
  刘: '劉',
  陈: '陳',
  杨: '楊',
  黄: '黃',
  赵: '趙',
  吴: '吳',
  孙: '孫',
  马: '馬',
  郑: '鄭',
  罗: '羅',
  梁: '梁',
  谢: '謝',
  韩: '韓',
  冯: '馮',
  邓: '鄧',
  叶: '葉',
  龙: '龍',
  凤: '鳳',
  红: '紅',
  兰: '蘭',
  云: '雲',
  东: '東',
  长: '長',
  兴: '興',
  县: '縣',
  宁: '寧',
  荣: '榮',
  辉: '輝',
  鹏: '鵬',
  飞: '飛',
  杰: '傑',
  涛: '濤',
  灵: '靈',
  业: '業',
  发: '發',
  贸: '貿',
  汇: '匯',
  达: '達',
  环: '環',
  丰: '豐',
  农: '農',
  铁: '鐵',
  钢: '鋼',
  电: '電',
  气: '氣',
  机: '機',
  织: '織',
  纺: '紡',
  丝: '絲',
  设: '設',
  计: '計',
  筑: '築',
  园: '園',
};

/** Homophones clerks confuse when a name is said aloud (same pinyin, different character). */
const HOMOPHONES: Readonly<Record<string, string>> = {
  伟: '玮',
  敏: '民',
  静: '靜',
  丽: '莉',
  娜: '纳',
  军: '君',
  杰: '洁',
  华: '桦',
  磊: '垒',
  芳: '方',
  明: '铭',
  勇: '永',
  洋: '阳',
  艳: '燕',
  涛: '韬',
  霞: '侠',
  平: '萍',
  刚: '钢',
  玲: '琳',
  斌: '彬',
  建: '健',
  海: '海',
  峰: '锋',
  辉: '晖',
  波: '博',
  红: '宏',
  林: '琳',
  英: '颖',
  婷: '庭',
  俊: '骏',
};

/** A person's name with one character in traditional form or replaced by a homophone, if any applies. */
export function messyPersonName(name: string, rng: Random): string {
  const chars = [...name];
  const table = rng.chance(0.5) ? TRADITIONAL : HOMOPHONES;
  const positions = chars
    .map((c, i) => (table[c] && table[c] !== c ? i : -1))
    .filter((i) => i >= 0);
  if (positions.length === 0) return name;
  const at = rng.pick(positions);
  chars[at] = table[chars[at]];
  return chars.join('');
}

/**
 * The ways one enterprise's name differs between systems: bracket width,
 * 有限公司 ↔ 有限责任公司, the region prefix dropped or bracketed.
 */
export function messyEnterpriseName(
  name: string,
  regionPrefix: string | null,
  rng: Random,
): string {
  const variants: string[] = [];
  if (name.includes('（') || name.includes('(')) {
    variants.push(
      name.replace(/（/g, '(').replace(/）/g, ')'),
      name.replace(/\(/g, '（').replace(/\)/g, '）'),
    );
  }
  if (name.endsWith('有限责任公司')) variants.push(name.replace(/有限责任公司$/, '有限公司'));
  else if (name.endsWith('有限公司') && !name.endsWith('股份有限公司')) {
    variants.push(name.replace(/有限公司$/, '有限责任公司'));
  }
  if (regionPrefix && name.startsWith(regionPrefix)) {
    const rest = name.slice(regionPrefix.length);
    variants.push(
      rest,
      `${rest.replace(/(有限责任公司|股份有限公司|有限公司)$/, '')}（${regionPrefix}）${/(有限责任公司|股份有限公司|有限公司)$/.exec(rest)?.[0] ?? ''}`,
    );
    variants.push(`（${regionPrefix.replace(/[县市区]$/, '')}）${rest}`);
  }
  const different = variants.filter((v) => v !== name && v.length > 0);
  return different.length > 0 ? rng.pick(different) : name;
}

/** A mainland mobile number changed in its last four digits: the same person, a new phone. */
export function changedPhone(phone: string, rng: Random): string {
  if (!/^\d{7,}$/.test(phone)) return phone;
  let next = phone;
  while (next === phone) next = phone.slice(0, -4) + String(rng.int(0, 9999)).padStart(4, '0');
  return next;
}
