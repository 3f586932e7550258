import type { Random } from './random';

export type Gender = 'MALE' | 'FEMALE';

/**
 * Surnames with rough relative frequencies (per mille of the population, after
 * published surname rankings), then a few rare ones — compound surnames and
 * characters that trip up input methods and fonts.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 46],
  ['杨', 31],
  ['黄', 22],
  ['赵', 21],
  ['吴', 20],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['林', 11],
  ['高', 11],
  ['罗', 10],
  ['郑', 10],
  ['梁', 9],
  ['谢', 8],
  ['宋', 7],
  ['唐', 7],
  ['许', 7],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 6],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 5],
  ['于', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['余', 5],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 4],
  ['姚', 4],
  ['卢', 4],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 3],
  ['贾', 3],
  ['夏', 3],
  ['方', 3],
  ['钱', 2],
  ['俞', 2],
  ['施', 2],
  ['邵', 2],
  ['戴', 2],
  ['章', 2],
  ['欧阳', 0.6],
  ['覃', 0.5],
  ['佘', 0.3],
  ['司马', 0.15],
  ['诸葛', 0.1],
  ['禤', 0.1],
  ['亓', 0.1],
  ['甯', 0.1],
];

interface EraNames {
  readonly maleSingle: readonly string[];
  readonly maleDouble: readonly string[];
  readonly femaleSingle: readonly string[];
  readonly femaleDouble: readonly string[];
  /** Share of one-character given names in that generation. */
  readonly singleShare: number;
}

/** Given names follow fashions, so they are chosen by birth year. */
const ERAS: readonly { readonly until: number; readonly names: EraNames }[] = [
  {
    until: 1959,
    names: {
      maleSingle: [
        '国',
        '华',
        '明',
        '福',
        '贵',
        '林',
        '山',
        '海',
        '生',
        '荣',
        '德',
        '才',
        '根',
        '富',
      ],
      maleDouble: [
        '建国',
        '建华',
        '国强',
        '国华',
        '国庆',
        '德明',
        '志强',
        '振华',
        '永福',
        '金根',
        '水根',
        '福生',
        '跃进',
        '援朝',
      ],
      femaleSingle: ['英', '兰', '珍', '芳', '凤', '梅', '秀', '娥', '翠', '花'],
      femaleDouble: [
        '秀英',
        '桂英',
        '玉兰',
        '凤英',
        '秀兰',
        '桂兰',
        '玉珍',
        '淑珍',
        '桂珍',
        '秀珍',
        '金凤',
        '美英',
        '素珍',
        '月英',
      ],
      singleShare: 0.35,
    },
  },
  {
    until: 1979,
    names: {
      maleSingle: [
        '伟',
        '军',
        '勇',
        '强',
        '平',
        '刚',
        '斌',
        '波',
        '辉',
        '峰',
        '明',
        '华',
        '杰',
        '林',
        '建',
      ],
      maleDouble: [
        '建军',
        '建平',
        '卫东',
        '红兵',
        '志刚',
        '志勇',
        '海峰',
        '建伟',
        '国平',
        '晓东',
        '晓明',
        '永强',
        '立新',
        '文斌',
        '红军',
      ],
      femaleSingle: ['丽', '敏', '静', '红', '燕', '霞', '萍', '琴', '娟', '玲', '梅', '艳', '芳'],
      femaleDouble: [
        '红梅',
        '丽华',
        '海燕',
        '晓红',
        '丽萍',
        '春梅',
        '秀芳',
        '建英',
        '美华',
        '小红',
        '晓燕',
        '玉梅',
        '雪梅',
        '丽娟',
      ],
      singleShare: 0.4,
    },
  },
  {
    until: 1994,
    names: {
      maleSingle: [
        '伟',
        '磊',
        '勇',
        '杰',
        '涛',
        '斌',
        '超',
        '鹏',
        '飞',
        '鑫',
        '亮',
        '健',
        '俊',
        '帅',
        '凯',
        '浩',
        '龙',
        '宁',
      ],
      maleDouble: [
        '志伟',
        '俊杰',
        '建华',
        '晓峰',
        '海涛',
        '文杰',
        '鹏飞',
        '成龙',
        '家豪',
        '明辉',
        '振宇',
        '永杰',
        '晓辉',
        '国栋',
        '建波',
      ],
      femaleSingle: [
        '娜',
        '敏',
        '静',
        '丽',
        '艳',
        '娟',
        '婷',
        '倩',
        '颖',
        '洁',
        '琳',
        '慧',
        '莉',
        '佳',
      ],
      femaleDouble: [
        '丽娜',
        '晓燕',
        '婷婷',
        '雪梅',
        '佳丽',
        '晓丽',
        '晶晶',
        '丹丹',
        '文静',
        '倩倩',
        '秀娟',
        '慧敏',
        '思思',
        '亚楠',
      ],
      singleShare: 0.35,
    },
  },
  {
    until: 9999,
    names: {
      maleSingle: [
        '浩',
        '宇',
        '轩',
        '晨',
        '博',
        '涛',
        '鑫',
        '阳',
        '帆',
        '哲',
        '豪',
        '睿',
        '凯',
        '杰',
      ],
      maleDouble: [
        '子轩',
        '浩然',
        '宇轩',
        '梓豪',
        '俊熙',
        '皓轩',
        '浩宇',
        '子豪',
        '一鸣',
        '宇航',
        '嘉豪',
        '思远',
        '博文',
        '天佑',
        '睿哲',
        '锦程',
      ],
      femaleSingle: ['欣', '怡', '琪', '涵', '雪', '佳', '悦', '萱', '璐', '瑶', '婷', '颖'],
      femaleDouble: [
        '梓涵',
        '欣怡',
        '诗涵',
        '雨涵',
        '子涵',
        '可馨',
        '思雨',
        '雨欣',
        '佳怡',
        '梦琪',
        '语嫣',
        '若曦',
        '一诺',
        '紫萱',
        '欣妍',
        '雨桐',
      ],
      singleShare: 0.2,
    },
  },
];

/** Uncommon (but BMP) characters parents pick to stand out; they strain old fonts and IMEs. */
const RARE_GIVEN_CHARS: readonly string[] = [
  '堃',
  '喆',
  '赟',
  '玥',
  '祎',
  '昇',
  '犇',
  '淼',
  '焱',
  '垚',
];

/**
 * 𠮷 (U+20BB7, a variant of 吉) is outside the BMP: four bytes in UTF-8, two
 * UTF-16 units in JavaScript, and a classic test of a system's character handling.
 */
export const SUPPLEMENTARY_CHAR = '\u{20BB7}';

/** The names every county has several of (王伟 and 李娜 are the classic examples). */
const COMMON_FULL_NAMES: Record<Gender, readonly (readonly [string, number])[]> = {
  MALE: [
    ['王伟', 8],
    ['张伟', 6],
    ['李伟', 4],
    ['刘伟', 3],
    ['王磊', 3],
    ['李强', 3],
    ['张勇', 3],
    ['王军', 3],
    ['刘洋', 2],
    ['李军', 2],
    ['王勇', 2],
    ['张磊', 2],
  ],
  FEMALE: [
    ['李娜', 7],
    ['王芳', 6],
    ['张敏', 4],
    ['王静', 4],
    ['李静', 3],
    ['张丽', 3],
    ['王丽', 3],
    ['李秀英', 3],
    ['王秀英', 3],
    ['张静', 2],
    ['刘芳', 2],
    ['李霞', 2],
  ],
};

export function pickSurname(rng: Random): string {
  return rng.weighted(SURNAMES);
}

/** A realistic name for someone of this gender born in this year. */
export function personName(rng: Random, gender: Gender, birthYear: number): string {
  if (birthYear >= 1955 && birthYear <= 1995 && rng.chance(0.08)) {
    return rng.weighted(COMMON_FULL_NAMES[gender]);
  }
  return pickSurname(rng) + givenName(rng, gender, birthYear);
}

/** A name with 𠮷 in it, for the one person who exercises 4-byte UTF-8. */
export function supplementaryCharName(rng: Random): string {
  return pickSurname(rng) + SUPPLEMENTARY_CHAR + rng.pick(['祥', '庆', '安', '利', '昌']);
}

function givenName(rng: Random, gender: Gender, birthYear: number): string {
  const era = (ERAS.find((e) => birthYear <= e.until) ?? ERAS[ERAS.length - 1]).names;
  const singles = gender === 'MALE' ? era.maleSingle : era.femaleSingle;
  const doubles = gender === 'MALE' ? era.maleDouble : era.femaleDouble;
  if (birthYear >= 1980 && rng.chance(0.03)) {
    const rare = rng.pick(RARE_GIVEN_CHARS);
    return rng.chance(0.5) ? rare : rare + rng.pick(singles);
  }
  if (rng.chance(era.singleShare)) return rng.pick(singles);
  if (rng.chance(0.75)) return rng.pick(doubles);
  const first = rng.pick(singles);
  const second = rng.pick(singles);
  return first === second ? first : first + second;
}

const MOBILE_PREFIXES: readonly string[] = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '195',
  '198',
  '199',
];

/** A mainland mobile number: 11 digits, 1[3-9]x. */
export function mobilePhone(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}
