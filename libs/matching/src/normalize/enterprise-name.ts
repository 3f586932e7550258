import { normalizeText, toSimplified } from './text';

/**
 * 组织形式 in canonical form. 有限公司 and 有限责任公司 are one form (LIMITED):
 * departments abbreviate the registered name differently.
 */
export type LegalForm =
  | 'LIMITED'
  | 'JOINT_STOCK'
  | 'SOLE_PROPRIETORSHIP'
  | 'PARTNERSHIP'
  | 'INDIVIDUAL_BUSINESS'
  | 'COOPERATIVE'
  | 'STATE_OWNED'
  | 'COLLECTIVE'
  | 'FOREIGN'
  | 'OTHER';

/** 企业名称 taken apart: 行政区划 + 字号 + 行业 + 组织形式 (+ 分支机构). */
export interface EnterpriseName {
  /** Normalized full name: NFKC, simplified, lower-case Latin, no spaces, brackets as ASCII `()`. */
  full: string;
  /** 字号 + 行业 only: region, legal form, branch part, brackets and punctuation removed. */
  core: string;
  /** The 行政区划 found (leading, or bracketed anywhere), short form when safe: 长兴县/(长兴) → 长兴. */
  region: string | null;
  legalForm: LegalForm | null;
  /** The 分支机构 designation (湖州分公司, 第一分店); null for a head office. */
  branch: string | null;
}

/** The 34 省级行政区: full name and the short form used in enterprise names. */
const PROVINCES: ReadonlyArray<readonly [full: string, short: string]> = [
  ['北京市', '北京'],
  ['天津市', '天津'],
  ['河北省', '河北'],
  ['山西省', '山西'],
  ['内蒙古自治区', '内蒙古'],
  ['辽宁省', '辽宁'],
  ['吉林省', '吉林'],
  ['黑龙江省', '黑龙江'],
  ['上海市', '上海'],
  ['江苏省', '江苏'],
  ['浙江省', '浙江'],
  ['安徽省', '安徽'],
  ['福建省', '福建'],
  ['江西省', '江西'],
  ['山东省', '山东'],
  ['河南省', '河南'],
  ['湖北省', '湖北'],
  ['湖南省', '湖南'],
  ['广东省', '广东'],
  ['广西壮族自治区', '广西'],
  ['海南省', '海南'],
  ['重庆市', '重庆'],
  ['四川省', '四川'],
  ['贵州省', '贵州'],
  ['云南省', '云南'],
  ['西藏自治区', '西藏'],
  ['陕西省', '陕西'],
  ['甘肃省', '甘肃'],
  ['青海省', '青海'],
  ['宁夏回族自治区', '宁夏'],
  ['新疆维吾尔自治区', '新疆'],
  ['台湾省', '台湾'],
  ['香港特别行政区', '香港'],
  ['澳门特别行政区', '澳门'],
];

/** Full or short province name → short name. */
const PROVINCE_SHORT: ReadonlyMap<string, string> = new Map(
  PROVINCES.flatMap(([full, short]) => [
    [full, short],
    [short, short],
  ]),
);

/** Province names (full before short) indexed by their first two characters, for prefix tests. */
const PROVINCES_BY_HEAD: ReadonlyMap<string, readonly string[]> = (() => {
  const byHead = new Map<string, string[]>();
  for (const name of [...PROVINCE_SHORT.keys()].sort((a, b) => b.length - a.length)) {
    const head = name.slice(0, 2);
    const list = byHead.get(head) ?? [];
    list.push(name);
    byHead.set(head, list);
  }
  return byHead;
})();

/** One-character 行政区划 suffixes accepted after 2–4 Han characters. */
const DIVISION_SUFFIX_CHARS = new Set(['省', '市', '县', '区', '旗', '盟']);
/** 自治区/自治州/自治县/自治旗: unambiguous, so longer names (长阳土家族自治县) are accepted too. */
const AUTONOMOUS_KINDS = new Set(['区', '州', '县', '旗']);

/**
 * Words that end in a division suffix character without being a division:
 * 华联超市 is a supermarket, not a city called 华联超.
 */
const NOT_A_DIVISION = new Set([
  ...[
    '超市',
    '城市',
    '门市',
    '夜市',
    '菜市',
    '股市',
    '集市',
    '都市',
    '花市',
    '鱼市',
    '早市',
    '街市',
  ],
  ...[
    '社区',
    '园区',
    '景区',
    '小区',
    '街区',
    '山区',
    '厂区',
    '矿区',
    '校区',
    '城区',
    '郊区',
    '市区',
  ],
  ...[
    '专区',
    '特区',
    '商区',
    '片区',
    '港区',
    '库区',
    '林区',
    '湾区',
    '营区',
    '牧区',
    '展区',
    '军区',
  ],
  ...['联盟', '加盟', '同盟', '结盟'],
  ...['红旗', '彩旗', '国旗', '锦旗', '军旗', '战旗', '队旗', '校旗'],
  ...['节省', '反省'],
]);

/** Words that *start* with a division suffix character: 湖州市场 is a market, not 湖州市 + 场. */
const SUFFIX_STARTS_WORD = new Set([
  ...['市场', '市政', '市容', '市民', '市区', '市级', '市井'],
  ...['区域', '区块', '区位'],
  ...['县域', '县城'],
  ...['省钱', '省心', '省力'],
  ...['旗舰', '旗袍', '旗下', '旗帜'],
]);

/** Whether the suffix character at `at` begins a word with the character after it. */
function startsWord(s: string, at: number): boolean {
  return at + 1 < s.length && SUFFIX_STARTS_WORD.has(s.slice(at, at + 2));
}

/** Suffixes removed from a region to get its short form, longest first. */
const REGION_SUFFIXES = [
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '新区',
  '省',
  '市',
  '县',
  '区',
  '旗',
  '盟',
];

/** Legal forms recognised at the end of the name (before any branch part), longest first. */
const LEGAL_FORM_SUFFIXES: ReadonlyArray<readonly [suffix: string, form: LegalForm]> = [
  ['股份有限公司', 'JOINT_STOCK'],
  ['有限责任公司', 'LIMITED'],
  ['有限公司', 'LIMITED'],
  ['股份公司', 'JOINT_STOCK'],
  ['特殊普通合伙企业', 'PARTNERSHIP'],
  ['普通合伙企业', 'PARTNERSHIP'],
  ['有限合伙企业', 'PARTNERSHIP'],
  ['合伙企业', 'PARTNERSHIP'],
  ['个人独资企业', 'SOLE_PROPRIETORSHIP'],
  ['个体工商户', 'INDIVIDUAL_BUSINESS'],
  ['农民专业合作社联合社', 'COOPERATIVE'],
  ['专业合作社联合社', 'COOPERATIVE'],
  ['农民专业合作社', 'COOPERATIVE'],
  ['专业合作社', 'COOPERATIVE'],
  // 村级 股份经济合作社 / 经济联合社 are 农村集体经济组织, not 农民专业合作社.
  ['股份经济合作社', 'COLLECTIVE'],
  ['经济合作社', 'COLLECTIVE'],
  ['经济联合社', 'COLLECTIVE'],
  ['合作社', 'COOPERATIVE'],
  // A bare 公司 (legacy 全民/集体 names, or a clerk dropping 有限): a form, but an unknown one.
  ['总公司', 'OTHER'],
  ['公司', 'OTHER'],
];

/** Legal-form qualifiers some systems append in brackets: 某某会计师事务所(特殊普通合伙). */
const BRACKETED_LEGAL_FORMS: ReadonlyMap<string, LegalForm> = new Map<string, LegalForm>([
  ['特殊普通合伙', 'PARTNERSHIP'],
  ['普通合伙', 'PARTNERSHIP'],
  ['有限合伙', 'PARTNERSHIP'],
  ['个人独资', 'SOLE_PROPRIETORSHIP'],
  ['个人独资企业', 'SOLE_PROPRIETORSHIP'],
  ['个体工商户', 'INDIVIDUAL_BUSINESS'],
  ['个体', 'INDIVIDUAL_BUSINESS'],
  ['全民所有制', 'STATE_OWNED'],
  ['国有', 'STATE_OWNED'],
  ['国有独资', 'STATE_OWNED'],
  ['集体所有制', 'COLLECTIVE'],
  ['集体', 'COLLECTIVE'],
  ['外商独资', 'FOREIGN'],
  ['外商投资', 'FOREIGN'],
  ['外资', 'FOREIGN'],
  ['中外合资', 'FOREIGN'],
  ['中外合作', 'FOREIGN'],
  ['港澳台独资', 'FOREIGN'],
  ['台港澳独资', 'FOREIGN'],
]);

/** Branch suffixes that make a 分支机构 on their own. */
const BRANCH_SUFFIXES = [
  '分公司',
  '分店',
  '分厂',
  '分行',
  '支行',
  '分理处',
  '分所',
  '分社',
  '分中心',
];
/**
 * Suffixes that are a branch only after a legal form (某某证券股份有限公司长兴营业部):
 * alone they also name independent businesses or offices (某某五金经营部, 雉城街道办事处).
 */
const BRANCH_SUFFIXES_AFTER_LEGAL_FORM = [
  '办事处',
  '代表处',
  '营业部',
  '经营部',
  '门市部',
  '服务部',
  '营业所',
  '分部',
];

/** Where a head office's legal form ends inside a branch name, leftmost first. */
const LEGAL_FORM_IN_NAME =
  /股份有限公司|有限责任公司|有限公司|股份公司|合伙企业|个人独资企业|合作社|经济联合社|公司/;

/** Non-region words that appear in brackets: 某某(集团)有限公司, (原某某厂), (筹). */
const NOT_A_REGION =
  /集团|控股|股份|有限|合伙|独资|合资|合作|个体|所有制|集体|国有|全民|外资|外商|连锁|总店|总部|分店|筹|原|注销|吊销|停业|普通|企业|公司|中心|实业|投资|科技|贸易/;

const ORDINAL_AT_END = /第[〇零一二三四五六七八九十百\d]+$/;
const BRACKETED = /\(([^()]*)\)/g;
const OPEN_BRACKETS = /[【〔〖[{]/g;
const CLOSE_BRACKETS = /[】〕〗\]}]/g;
const SPACES = /\s+/g;
/** Brackets and every other punctuation or symbol: not part of 字号 + 行业. */
const NOT_CORE = /[\p{P}\p{S}]/gu;

function isHanCode(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)
  );
}

function isHanRange(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isHanCode(s.charCodeAt(i))) return false;
  return true;
}

function countHan(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isHanCode(s.charCodeAt(i))) n++;
  return n;
}

/** 长兴县 → 长兴, 浙江省 → 浙江; keeps the suffix when fewer than two characters would remain (歙县). */
function shortRegion(name: string): string {
  const province = PROVINCE_SHORT.get(name);
  if (province !== undefined) return province;
  for (const suffix of REGION_SUFFIXES) {
    if (name.length - suffix.length >= 2 && name.endsWith(suffix)) {
      return name.slice(0, name.length - suffix.length);
    }
  }
  return name;
}

/**
 * Length of a 行政区划 starting at `from`: a province name (full or short),
 * 2–4 Han characters + a one-character suffix, or a name + 自治区/州/县/旗.
 * 0 when there is none.
 */
function divisionLengthAt(s: string, from: number): number {
  const provinces = PROVINCES_BY_HEAD.get(s.slice(from, from + 2));
  if (provinces !== undefined) {
    for (const name of provinces) {
      // 上海市场营销… is 上海 + 市场营销, so a full name whose suffix starts a word falls back to the short one.
      if (s.startsWith(name, from) && !startsWord(s, from + name.length - 1)) return name.length;
    }
  }
  if (!isHanCode(s.charCodeAt(from))) return 0;
  for (let at = from + 2; at <= from + 8 && at < s.length; at++) {
    if (!isHanCode(s.charCodeAt(at - 1))) return 0;
    const ch = s[at];
    if (
      at <= from + 4 &&
      DIVISION_SUFFIX_CHARS.has(ch) &&
      !NOT_A_DIVISION.has(s[at - 1] + ch) &&
      !startsWord(s, at)
    ) {
      return at + 1 - from;
    }
    if (s.startsWith('自治', at) && AUTONOMOUS_KINDS.has(s[at + 2] ?? '')) {
      return at + 3 - from;
    }
  }
  return 0;
}

/** A bracket's content read as a region (长兴, 长兴县, 浙江省), or null when it is something else. */
function bracketRegion(content: string): string | null {
  if (content.length < 2) return null;
  const province = PROVINCE_SHORT.get(content);
  if (province !== undefined) return province;
  if (!isHanRange(content, 0, content.length)) return null;
  if (divisionLengthAt(content, 0) === content.length) return shortRegion(content);
  // Short forms without a suffix are only trusted inside brackets, where 企业名称 rules put a region.
  if (content.length <= 4 && !NOT_A_REGION.test(content)) return content;
  return null;
}

function endsWithAny(s: string, suffixes: readonly string[]): string | null {
  for (const suffix of suffixes) if (s.endsWith(suffix)) return suffix;
  return null;
}

/**
 * The qualifier in front of a branch suffix when no legal form marks where
 * the head office name ends: an ordinal (第一) or something that is surely a
 * region (长兴县, 浙江). Anything else stays in the core.
 */
function branchQualifierLength(head: string): number {
  const ordinal = ORDINAL_AT_END.exec(head);
  if (ordinal !== null) return ordinal[0].length;
  // Shortest first: in 某某超市长兴县 the region is 长兴县, not 超市长兴县.
  for (let len = 2; len <= Math.min(head.length - 2, 10); len++) {
    const from = head.length - len;
    if (divisionLengthAt(head, from) === len) return len;
  }
  return 0;
}

/** Splits a 分支机构 designation off the end: returns [head office part, branch]. */
function splitBranch(name: string): [string, string | null] {
  const strong = endsWithAny(name, BRANCH_SUFFIXES);
  const suffix = strong ?? endsWithAny(name, BRANCH_SUFFIXES_AFTER_LEGAL_FORM);
  if (suffix === null || name.length === suffix.length) return [name, null];
  const before = name.slice(0, name.length - suffix.length);
  const legal = LEGAL_FORM_IN_NAME.exec(before);
  if (legal !== null && legal.index > 0) {
    let end = legal.index + legal[0].length;
    // 某某投资合伙企业(有限合伙)湖州分公司: the qualifier belongs to the head office.
    const close = name[end] === '(' ? name.indexOf(')', end) : -1;
    if (close > 0 && BRACKETED_LEGAL_FORMS.has(name.slice(end + 1, close))) end = close + 1;
    return [name.slice(0, end), name.slice(end)];
  }
  if (strong === null) return [name, null];
  const qualifier = branchQualifierLength(before);
  const cut = before.length - qualifier;
  return [name.slice(0, cut), name.slice(cut)];
}

/**
 * Takes an enterprise name apart so that the spellings different departments
 * use for one enterprise (长兴县某某建材有限公司, （长兴）某某建材有限责任公司,
 * 某某(长兴)建材有限公司) share a `core`. When a part is uncertain it stays
 * in the core: a wrongly stripped core merges different enterprises, which is
 * worse than missing a match.
 */
export function parseEnterpriseName(name: string): EnterpriseName {
  const full = toSimplified(normalizeText(name))
    .replace(SPACES, '')
    .replace(OPEN_BRACKETS, '(')
    .replace(CLOSE_BRACKETS, ')');

  // 1. Bracketed regions anywhere: （长兴）某某…, 某某(长兴)建材…, 某某有限公司(长兴).
  let rest = full;
  let bracketed: string | null = null;
  if (rest.includes('(')) {
    rest = rest.replace(BRACKETED, (whole, content: string) => {
      const region = bracketRegion(content);
      if (region === null) return whole;
      bracketed ??= region;
      return '';
    });
  }

  // 2. The branch part.
  const [head, branch] = splitBranch(rest);
  rest = head;

  // 3. A bracketed legal-form qualifier at the end (某某投资合伙企业(有限合伙)), then the legal form.
  let legalForm: LegalForm | null = null;
  if (rest.endsWith(')')) {
    const open = rest.lastIndexOf('(');
    const qualified = open > 0 ? BRACKETED_LEGAL_FORMS.get(rest.slice(open + 1, -1)) : undefined;
    if (qualified !== undefined) {
      legalForm = qualified;
      rest = rest.slice(0, open);
    }
  }
  for (const [suffix, form] of LEGAL_FORM_SUFFIXES) {
    if (rest.endsWith(suffix)) {
      // A name that is only a legal form (有限公司) keeps it as its core.
      if (rest.length === suffix.length) break;
      // An explicit form beats a bracket qualifier (某某有限公司(外商独资) is LIMITED); a bare 公司 does not.
      if (legalForm === null || form !== 'OTHER') legalForm = form;
      rest = rest.slice(0, rest.length - suffix.length);
      break;
    }
  }

  // 4. Leading regions (浙江省湖州市长兴县…): the most specific one is kept, while ≥ 2 Han characters remain.
  let leading: string | null = null;
  for (let len = divisionLengthAt(rest, 0); len > 0; len = divisionLengthAt(rest, 0)) {
    const remaining = rest.slice(len);
    if (countHan(remaining) < 2) break;
    leading = shortRegion(rest.slice(0, len));
    rest = remaining;
  }

  return {
    full,
    core: rest.replace(NOT_CORE, ''),
    region: bracketed ?? leading,
    legalForm,
    branch,
  };
}

/**
 * Whether two names share 字号 + 行业. Empty cores never match: a name that is
 * nothing but a region and a legal form identifies no one.
 */
export function sameEnterpriseCore(a: EnterpriseName, b: EnterpriseName): boolean {
  return a.core.length > 0 && a.core === b.core;
}
