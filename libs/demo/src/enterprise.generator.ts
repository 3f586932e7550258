import { usccCheckChar } from '@oncegate/identifiers';
import { businessAddress, landlinePhone, villageAddress } from './addresses';
import { addYears, ageOn, chineseDay, dayFromYmd, isoDay, yearOf } from './calendar';
import {
  COUNTY_PROFILES,
  COUNTY_WEIGHTS,
  type CountyProfile,
  isUrban,
  shortCountyName,
  shortTownName,
} from './counties';
import type { DemoApplicant, DemoSourceRecord } from './demo.types';
import { dayBetween, type GenerationContext } from './generation-context';
import { ENTERPRISE_ATTRIBUTES, goldenAttributes } from './golden-attributes';
import {
  COMPANY_FORMS,
  COOPERATIVE_PRODUCTS,
  INDUSTRIES,
  type Industry,
  industryByPhrase,
  PUBLIC_INSTITUTIONS,
  SHOP_KINDS,
  TRADE_NAMES,
} from './industries';
import { mobilePhone } from './names';
import { generateBystander, type GeneratedPerson } from './person.generator';
import type { Random } from './random';
import { taxOffice } from './tax-office';
import { fromMixedRadix, mixedRadix, probeFree, ProbeSpace } from './unique';

/** Kinds of registered entity, each with its USCC 登记管理部门 + 机构类别 code. */
type EntityCategory =
  'COMPANY' | 'BRANCH' | 'INDIVIDUAL_BUSINESS' | 'COOPERATIVE' | 'PUBLIC_INSTITUTION';

const CATEGORY_CODES: Record<EntityCategory, string> = {
  COMPANY: '91',
  BRANCH: '91',
  /** 个体工商户 */
  INDIVIDUAL_BUSINESS: '92',
  /** 农民专业合作社 */
  COOPERATIVE: '93',
  /** 事业单位, registered by the 机构编制 office */
  PUBLIC_INSTITUTION: '12',
};

const CATEGORY_WEIGHTS: readonly (readonly [EntityCategory, number])[] = [
  ['COMPANY', 73],
  ['BRANCH', 7],
  ['INDIVIDUAL_BUSINESS', 10],
  ['COOPERATIVE', 6],
  ['PUBLIC_INSTITUTION', 4],
];

/** 三证合一: entities registered from October 2015 got new `MA…` segment codes. */
const SEGMENT_CODES_FROM = dayFromYmd(2015, 10, 1);
/** 固定资产投资项目代码 (current YYMM scheme from November 2020; legacy years from 2014). */
const CURRENT_PROJECT_CODES_FROM = dayFromYmd(2020, 11, 1);
const FIRST_PROJECT_CODE_YEAR = 2014;

/**
 * Third character of a segment code by province prefix. Illustrative: public
 * codes show provinces using their own blocks (MA2…, MA6…), these are guesses.
 */
const SEGMENT_THIRD: Record<string, string> = {
  '32': '1',
  '33': '2',
  '34': '2',
  '35': '3',
  '36': '3',
};

/** Statutory maximum terms (years) of 出让 land by use. */
const TRANSFER_TERMS: Record<string, number> = {
  工业用地: 50,
  仓储用地: 50,
  商服用地: 40,
  城镇住宅用地: 70,
};

export interface GeneratedEnterprise {
  readonly applicant: DemoApplicant;
  readonly uscc: string;
  readonly county: CountyProfile;
  readonly establishedDay: number;
  /** The 参保单位 record, whose `insured_count` grows when demo persons are linked as employees. */
  readonly socialInsurance?: DemoSourceRecord;
}

/** Everything one enterprise is, before it is spread over department records. */
interface EnterpriseFacts {
  readonly category: EntityCategory;
  readonly county: CountyProfile;
  readonly town: string;
  readonly name: string;
  readonly uscc: string;
  readonly establishedDay: number;
  readonly industry: { readonly label: string; readonly code: string };
  /** 注册资本 (开办资金, 出资总额, 资金数额 by kind) in 万元; branches have none. */
  readonly registeredCapital?: string;
  readonly representative: { readonly name: string; readonly residentId: string };
  readonly address: string;
  readonly phone: string;
  /** What a project of theirs would be called. */
  readonly projectName: (rng: Random) => string;
  readonly landUse: string;
}

/** A name and how the entity got it, before the rest of its facts are drawn. */
interface NamedEntity {
  readonly category: EntityCategory;
  readonly name: string;
  readonly county: CountyProfile;
  /** Fixed by the name (a 镇 in a shop name); otherwise drawn later. */
  readonly town?: string;
  readonly industry: { readonly label: string; readonly code: string };
  readonly projectName: (rng: Random) => string;
  readonly landUse: string;
  readonly parent?: EnterpriseFacts;
}

/**
 * The enterprise names given out so far, and one probe space per kind of name
 * and county: each such space maps an index to the same name on every search,
 * so it can remember the names it found taken instead of trying them again.
 */
class TakenNames {
  private readonly names = new Set<string>();
  private readonly spaces = new Map<string, ProbeSpace>();

  has(name: string): boolean {
    return this.names.has(name);
  }

  add(name: string): void {
    this.names.add(name);
  }

  /** Like `probeFree`, for the names of one kind in one county (the same `candidate` every time). */
  probe<T>(
    kind: EntityCategory,
    county: CountyProfile,
    size: number,
    start: number,
    candidate: (index: number) => T | undefined,
  ): T | undefined {
    const key = `${kind}|${county.code}`;
    let space = this.spaces.get(key);
    if (!space) {
      space = new ProbeSpace();
      this.spaces.set(key, space);
    }
    return space.probe(size, start, candidate);
  }
}

export function generateEnterprises(
  rng: Random,
  context: GenerationContext,
  count: number,
  persons: readonly GeneratedPerson[],
): GeneratedEnterprise[] {
  const names = new TakenNames();
  const parents: EnterpriseFacts[] = [];
  const representatives = new RepresentativePool(persons, context.nowDay);
  const enterprises: GeneratedEnterprise[] = [];
  for (let i = 0; i < count; i++) {
    const category = rng.weighted(CATEGORY_WEIGHTS);
    const county = rng.weighted(COUNTY_WEIGHTS);
    // A kind whose name space is used up (a county has only so many hospitals) becomes a company.
    const named =
      nameEntity(rng, category, county, names, parents) ??
      nameEntity(rng, 'COMPANY', county, names, parents);
    if (!named) {
      throw new RangeError(
        `No unused enterprise names left for ${county.name}; ask for fewer enterprises`,
      );
    }
    names.add(named.name);
    const facts = describeEnterprise(rng, context, named, representatives);
    if (named.category === 'COMPANY') parents.push(facts);
    enterprises.push(buildEnterprise(rng, context, facts));
  }
  return enterprises;
}

function nameEntity(
  rng: Random,
  category: EntityCategory,
  county: CountyProfile,
  taken: TakenNames,
  parents: readonly EnterpriseFacts[],
): NamedEntity | undefined {
  switch (category) {
    case 'COMPANY':
      return companyName(rng, county, taken);
    case 'BRANCH':
      return branchName(rng, taken, parents);
    case 'INDIVIDUAL_BUSINESS':
      return shopName(rng, county, taken);
    case 'COOPERATIVE':
      return cooperativeName(rng, county, taken);
    case 'PUBLIC_INSTITUTION':
      return institutionName(rng, county, taken);
  }
}

/** `<county or city><字号><行业><有限公司|有限责任公司|股份有限公司>` */
function companyName(
  rng: Random,
  county: CountyProfile,
  taken: TakenNames,
): NamedEntity | undefined {
  const prefixes = [county.name, county.city];
  const phrase =
    county.specialties.length > 0 && rng.chance(0.45)
      ? rng.pick(county.specialties)
      : rng.pick(INDUSTRIES).phrase;
  // Probing walks the trade names first, as a registrar's "name taken, pick another" would.
  const radices = [TRADE_NAMES.length, COMPANY_FORMS.length, INDUSTRIES.length, prefixes.length];
  const form = rng.weighted(COMPANY_FORMS);
  const start = fromMixedRadix(
    [
      rng.int(0, TRADE_NAMES.length - 1),
      COMPANY_FORMS.findIndex(([candidate]) => candidate === form),
      INDUSTRIES.indexOf(industryByPhrase(phrase)),
      rng.chance(0.25) ? 1 : 0,
    ],
    radices,
  );
  const size = radices.reduce((a, b) => a * b, 1);
  return taken.probe('COMPANY', county, size, start, (index) => {
    const [trade, form, industryIndex, prefix] = mixedRadix(index, radices);
    const industry = INDUSTRIES[industryIndex];
    const tradeName = TRADE_NAMES[trade];
    const name = prefixes[prefix] + tradeName + industry.phrase + COMPANY_FORMS[form][0];
    if (taken.has(name)) return undefined;
    return {
      category: 'COMPANY',
      name,
      county,
      industry,
      landUse: industry.landUse,
      projectName: (r: Random) => industrialProjectName(r, industry, tradeName),
    };
  });
}

/** `<parent name><place>分公司`, registered where the branch is. */
function branchName(
  rng: Random,
  taken: TakenNames,
  parents: readonly EnterpriseFacts[],
): NamedEntity | undefined {
  if (parents.length === 0) return undefined;
  const parent = rng.pick(parents);
  const places: { short: string; county: CountyProfile; town?: string }[] = [
    ...COUNTY_PROFILES.filter((c) => c.code !== parent.county.code).map((c) => ({
      short: shortCountyName(c.name),
      county: c,
    })),
    ...parent.county.towns.map((town) => ({
      short: shortTownName(town),
      county: parent.county,
      town,
    })),
  ];
  const place = probeFree(places.length, rng.int(0, places.length - 1), (index) => {
    const candidate = places[index];
    return taken.has(`${parent.name}${candidate.short}分公司`) ? undefined : candidate;
  });
  if (!place) return undefined;
  return {
    category: 'BRANCH',
    name: `${parent.name}${place.short}分公司`,
    county: place.county,
    town: place.town,
    industry: parent.industry,
    landUse: parent.landUse,
    projectName: parent.projectName,
    parent,
  };
}

/** 个体工商户: `<county><街道/镇><字号><店/部/厂>`. */
function shopName(rng: Random, county: CountyProfile, taken: TakenNames): NamedEntity | undefined {
  const radices = [TRADE_NAMES.length, SHOP_KINDS.length, county.towns.length];
  const start = fromMixedRadix(
    [
      rng.int(0, TRADE_NAMES.length - 1),
      rng.int(0, SHOP_KINDS.length - 1),
      rng.int(0, county.towns.length - 1),
    ],
    radices,
  );
  return taken.probe(
    'INDIVIDUAL_BUSINESS',
    county,
    radices.reduce((a, b) => a * b, 1),
    start,
    (index) => {
      const [trade, kind, townIndex] = mixedRadix(index, radices);
      const town = county.towns[townIndex];
      const shop = SHOP_KINDS[kind];
      const name = county.name + town + TRADE_NAMES[trade] + shop.suffix;
      if (taken.has(name)) return undefined;
      return {
        category: 'INDIVIDUAL_BUSINESS',
        name,
        county,
        town,
        industry: shop,
        landUse: '商服用地',
        projectName: () => `${shop.suffix}经营用房改造项目`,
      };
    },
  );
}

/** 农民专业合作社: `<county><镇/乡><字号><产品>专业合作社`. */
function cooperativeName(
  rng: Random,
  county: CountyProfile,
  taken: TakenNames,
): NamedEntity | undefined {
  const rural = county.towns.filter((town) => !isUrban(town));
  const towns = rural.length > 0 ? rural : county.towns;
  const radices = [TRADE_NAMES.length, COOPERATIVE_PRODUCTS.length, towns.length];
  const start = fromMixedRadix(
    [
      rng.int(0, TRADE_NAMES.length - 1),
      rng.int(0, COOPERATIVE_PRODUCTS.length - 1),
      rng.int(0, towns.length - 1),
    ],
    radices,
  );
  return taken.probe(
    'COOPERATIVE',
    county,
    radices.reduce((a, b) => a * b, 1),
    start,
    (index) => {
      const [trade, productIndex, townIndex] = mixedRadix(index, radices);
      const town = towns[townIndex];
      const product = COOPERATIVE_PRODUCTS[productIndex];
      const name = `${county.name}${town}${TRADE_NAMES[trade]}${product.product}专业合作社`;
      if (taken.has(name)) return undefined;
      return {
        category: 'COOPERATIVE',
        name,
        county,
        town,
        industry: product,
        landUse: '耕地',
        projectName: (r: Random) =>
          `${product.product}${r.pick(['标准化生产基地建设项目', '加工用房建设项目', '冷链仓储设施项目'])}`,
      };
    },
  );
}

/** 事业单位: `<county><人民医院|第一中学|…>`; a county has only so many. */
function institutionName(
  rng: Random,
  county: CountyProfile,
  taken: TakenNames,
): NamedEntity | undefined {
  const urban = county.towns.filter(isUrban);
  const town = urban.length > 0 ? urban[0] : county.towns[0];
  return taken.probe(
    'PUBLIC_INSTITUTION',
    county,
    PUBLIC_INSTITUTIONS.length,
    rng.int(0, PUBLIC_INSTITUTIONS.length - 1),
    (index) => {
      const institution = PUBLIC_INSTITUTIONS[index];
      const name = county.name + institution.suffix;
      if (taken.has(name)) return undefined;
      return {
        category: 'PUBLIC_INSTITUTION',
        name,
        county,
        town,
        industry: institution,
        landUse: '公共管理与公共服务用地',
        projectName: () => name + institution.project,
      };
    },
  );
}

function industrialProjectName(rng: Random, industry: Industry, tradeName: string): string {
  if (industry.product) {
    const [product, unit] = industry.product;
    const amount = unit.startsWith('万') ? rng.int(1, 60) : rng.int(2, 200) * 100;
    return rng.weighted([
      [`年产${amount}${unit}${product}项目`, 5],
      [`${product}生产线技术改造项目`, 3],
      [`${product}智能化生产基地建设项目`, 2],
    ]);
  }
  return rng.pick([
    `${tradeName}${industry.phrase}综合楼建设项目`,
    `${industry.phrase}数字化提升项目`,
    `${tradeName}${industry.phrase}总部基地项目`,
  ]);
}

/** Demo persons old enough to run something, by the county they live in. */
class RepresentativePool {
  private readonly all: GeneratedPerson[];
  private readonly byCounty = new Map<string, GeneratedPerson[]>();

  constructor(persons: readonly GeneratedPerson[], nowDay: number) {
    this.all = persons.filter((p) => {
      const age = ageOn(p.birthDay, nowDay);
      return age >= 22 && age <= 75;
    });
    for (const person of this.all) {
      const list = this.byCounty.get(person.county.code) ?? [];
      list.push(person);
      this.byCounty.set(person.county.code, list);
    }
  }

  pick(rng: Random, county: CountyProfile): GeneratedPerson | undefined {
    const local = this.byCounty.get(county.code);
    if (local && rng.chance(0.85)) return rng.pick(local);
    return this.all.length > 0 ? rng.pick(this.all) : undefined;
  }
}

const LINK_CHANCE: Record<EntityCategory, number> = {
  COMPANY: 0.3,
  BRANCH: 0.2,
  INDIVIDUAL_BUSINESS: 0.5,
  COOPERATIVE: 0.3,
  PUBLIC_INSTITUTION: 0.15,
};

function describeEnterprise(
  rng: Random,
  context: GenerationContext,
  named: NamedEntity,
  representatives: RepresentativePool,
): EnterpriseFacts {
  const { category, county } = named;
  const established = establishmentDay(rng, context, category, named.parent);
  // 个体工商户 had no 组织机构代码: they were given segment codes when the USCC reached them.
  const organizationCode =
    category === 'INDIVIDUAL_BUSINESS' ||
    (established >= SEGMENT_CODES_FROM && category !== 'PUBLIC_INSTITUTION')
      ? context.organizationCodes.segmentCode(rng, SEGMENT_THIRD[county.code.slice(0, 2)] ?? '2')
      : context.organizationCodes.legacyCode(
          rng,
          category === 'PUBLIC_INSTITUTION' ? '4' : rng.pick(['1', '2', '3', '5', '6', '7']),
        );
  const first17 = CATEGORY_CODES[category] + county.code + organizationCode;
  const uscc = first17 + usccCheckChar(first17);

  const town = named.town ?? rng.pick(county.towns);
  const address =
    category === 'COOPERATIVE' || (category === 'INDIVIDUAL_BUSINESS' && !isUrban(town))
      ? villageAddress(rng, county, town)
      : businessAddress(rng, county, town);
  const mobileShare = category === 'INDIVIDUAL_BUSINESS' || category === 'COOPERATIVE' ? 0.8 : 0.35;
  const phone = rng.chance(mobileShare) ? mobilePhone(rng) : landlinePhone(rng, county);

  const linked = rng.chance(LINK_CHANCE[category]) ? representatives.pick(rng, county) : undefined;
  const representative = linked
    ? { name: linked.name, residentId: linked.residentId }
    : generateBystander(rng, context, county);

  return {
    category,
    county,
    town,
    name: named.name,
    uscc,
    establishedDay: established,
    industry: { label: named.industry.label, code: named.industry.code },
    registeredCapital: registeredCapital(rng, category, named.name),
    representative,
    address,
    phone,
    projectName: named.projectName,
    landUse: named.landUse,
  };
}

function establishmentDay(
  rng: Random,
  context: GenerationContext,
  category: EntityCategory,
  parent: EnterpriseFacts | undefined,
): number {
  const latest = context.nowDay - 8;
  const between = (from: number, to: number) => dayBetween(rng, from, Math.min(to, latest));
  switch (category) {
    case 'COMPANY':
      return rng.chance(0.65)
        ? between(SEGMENT_CODES_FROM, latest)
        : between(dayFromYmd(1995, 1, 1), SEGMENT_CODES_FROM - 1);
    case 'BRANCH':
      return between((parent?.establishedDay ?? SEGMENT_CODES_FROM) + 180, latest);
    case 'INDIVIDUAL_BUSINESS':
      return rng.chance(0.8)
        ? between(dayFromYmd(2016, 1, 1), latest)
        : between(dayFromYmd(2008, 1, 1), dayFromYmd(2015, 12, 31));
    case 'COOPERATIVE':
      // 农民专业合作社法 took effect on 1 July 2007.
      return between(dayFromYmd(2008, 1, 1), latest);
    case 'PUBLIC_INSTITUTION':
      return between(dayFromYmd(1952, 1, 1), dayFromYmd(2005, 12, 31));
  }
}

function registeredCapital(
  rng: Random,
  category: EntityCategory,
  name: string,
): string | undefined {
  const amounts = (values: readonly number[]) => String(rng.pick(values));
  switch (category) {
    case 'BRANCH':
      return undefined;
    case 'COMPANY':
      return name.endsWith('股份有限公司')
        ? amounts([500, 1000, 2000, 3000, 5000, 10000])
        : amounts([10, 30, 50, 100, 100, 200, 300, 500, 500, 800, 1000, 1000, 2000, 3000, 5000]);
    case 'INDIVIDUAL_BUSINESS':
      return amounts([1, 2, 3, 5, 10, 20, 30, 50]);
    case 'COOPERATIVE':
      return amounts([10, 20, 50, 100, 200, 300, 500]);
    case 'PUBLIC_INSTITUTION':
      return amounts([50, 100, 200, 500, 1000, 2000]);
  }
}

interface ProjectRef {
  readonly code: string;
  readonly filedDay: number;
}

function buildEnterprise(
  rng: Random,
  context: GenerationContext,
  facts: EnterpriseFacts,
): GeneratedEnterprise {
  const records: DemoSourceRecord[] = [taxRecord(rng, context, facts)];
  const { inSocialInsurance, inProjectApproval, inLandPlanning } = pickSystems(rng, facts.category);
  let socialInsurance: DemoSourceRecord | undefined;
  if (inSocialInsurance) {
    socialInsurance = socialInsuranceRecord(rng, context, facts);
    records.push(socialInsurance);
  }
  let project: ProjectRef | undefined;
  if (inProjectApproval) {
    const filed = projectRecord(rng, context, facts);
    if (filed) {
      records.push(filed.record);
      project = filed.project;
    }
  }
  if (inLandPlanning) records.push(landRecord(rng, context, facts, project));
  if (records.length < 2) {
    // Every enterprise shows up in at least two systems; social insurance is the usual second.
    socialInsurance = socialInsuranceRecord(rng, context, facts);
    records.push(socialInsurance);
  }
  return {
    applicant: {
      kind: 'ENTERPRISE',
      name: facts.name,
      identifiers: [{ scheme: 'USCC', value: facts.uscc }],
      // Copied to an array of exactly its length: `push` leaves room for 16 more, times a million.
      sourceRecords: records.slice(),
      attributes: goldenAttributes(records, ENTERPRISE_ATTRIBUTES),
    },
    uscc: facts.uscc,
    county: facts.county,
    establishedDay: facts.establishedDay,
    socialInsurance,
  };
}

function pickSystems(
  rng: Random,
  category: EntityCategory,
): { inSocialInsurance: boolean; inProjectApproval: boolean; inLandPlanning: boolean } {
  switch (category) {
    case 'COMPANY': {
      const inProjectApproval = rng.chance(0.35);
      return {
        inSocialInsurance: rng.chance(0.85),
        inProjectApproval,
        inLandPlanning: rng.chance(inProjectApproval ? 0.7 : 0.12),
      };
    }
    case 'BRANCH':
    case 'INDIVIDUAL_BUSINESS':
      return { inSocialInsurance: true, inProjectApproval: false, inLandPlanning: false };
    case 'COOPERATIVE':
      return {
        inSocialInsurance: rng.chance(0.6),
        inProjectApproval: rng.chance(0.25),
        inLandPlanning: rng.chance(0.5),
      };
    case 'PUBLIC_INSTITUTION':
      return {
        inSocialInsurance: true,
        inProjectApproval: rng.chance(0.7),
        inLandPlanning: rng.chance(0.6),
      };
  }
}

/** 税务登记 (金税 style: upper-case pinyin initials, ISO dates). */
function taxRecord(
  rng: Random,
  context: GenerationContext,
  facts: EnterpriseFacts,
): DemoSourceRecord {
  const office = taxOffice(facts.county);
  const registered = dayBetween(
    rng,
    facts.establishedDay,
    Math.min(facts.establishedDay + 30, context.nowDay - 2),
  );
  const newlyEstablished = facts.establishedDay > context.nowDay - 365;
  const creditLevel = newlyEstablished
    ? 'M'
    : rng.weighted([
        ['A', 30],
        ['B', 45],
        ['M', 6],
        ['C', 14],
        ['D', 5],
      ] as const);
  const status = creditLevel === 'D' && rng.chance(0.5) ? '非正常' : '正常';
  const individual = facts.category === 'INDIVIDUAL_BUSINESS';
  const vatType =
    individual || Number(facts.registeredCapital ?? '0') < 500 || rng.chance(0.5)
      ? '小规模纳税人'
      : '一般纳税人';
  // Unique by construction (one counter for all tax records), so it needs no claim.
  const localId = `10${facts.county.code}${String(context.next('tax')).padStart(12, '0')}`;
  const raw: Record<string, unknown> = {
    DJXH: localId,
    NSRSBH: facts.uscc,
    NSRMC: facts.name,
    NSRLX: individual ? '个体经营' : '单位纳税人',
    ZZSNSRLX: vatType,
    NSRZT: status,
    XYDJ: creditLevel,
    ZGSWJG: office.name,
    ZGSWJG_DM: office.code,
    FDDBRXM: facts.representative.name,
    FDDBRZJLX: '居民身份证',
    FDDBRSFZJHM: facts.representative.residentId,
    ZCDZ: facts.address,
    SCJYDZ: facts.address,
    LXDH: facts.phone,
    HYDM: facts.industry.code,
    HYMC: facts.industry.label,
    KYRQ: isoDay(facts.establishedDay),
    DJRQ: isoDay(registered),
  };
  const normalized: Record<string, unknown> = {
    uscc: facts.uscc,
    taxpayerId: facts.uscc,
    name: facts.name,
    taxpayerCategory: individual ? '个体' : '单位',
    vatTaxpayerType: vatType,
    registrationStatus: status,
    creditLevel,
    competentTaxOffice: office.code,
    legalRepresentative: facts.representative.name,
    legalRepresentativeCertNo: facts.representative.residentId,
    address: facts.address,
    phone: facts.phone,
    industry: facts.industry.label,
    industryCode: facts.industry.code,
    establishedOn: isoDay(facts.establishedDay),
    divisionCode: facts.county.code,
    registeredAt: isoDay(registered),
  };
  if (facts.registeredCapital !== undefined) {
    raw.ZCZB = Number(facts.registeredCapital);
    normalized.registeredCapital = facts.registeredCapital;
  }
  return {
    system: 'tax',
    localId,
    rawPayload: raw,
    normalized,
    observedAt: context.observedAt(
      rng,
      Math.max(registered, context.nowDay - 900),
      context.nowDay - 1,
    ),
  };
}

const UNIT_TYPES: Record<EntityCategory, string> = {
  COMPANY: '企业',
  BRANCH: '企业',
  INDIVIDUAL_BUSINESS: '个体工商户',
  COOPERATIVE: '农民专业合作社',
  PUBLIC_INSTITUTION: '事业单位',
};

/** 参保单位 (snake_case fields, yyyyMM months). */
function socialInsuranceRecord(
  rng: Random,
  context: GenerationContext,
  facts: EnterpriseFacts,
): DemoSourceRecord {
  const n = context.next('si-unit');
  // Unique by construction (a counter), so it needs no claim.
  const localId = `SI-UNIT-${String(n).padStart(6, '0')}`;
  const unitInsuranceNo = `${facts.county.code}${String(n).padStart(8, '0')}`;
  const insuredCount = baseInsuredCount(rng, facts.category);
  const observedAt = context.observedAt(
    rng,
    Math.max(facts.establishedDay + 7, context.nowDay - 900),
    context.nowDay - 1,
  );
  const inArrears = rng.chance(0.05);
  const paid = new Date(observedAt.getTime());
  paid.setUTCDate(1);
  paid.setUTCMonth(paid.getUTCMonth() - (inArrears ? rng.int(2, 6) : 0));
  const paidUpTo = paid.toISOString().slice(0, 7);
  const withAddress = rng.chance(0.7);
  const raw: Record<string, unknown> = {
    unit_insurance_no: unitInsuranceNo,
    uscc: facts.uscc,
    unit_name: facts.name,
    unit_type: UNIT_TYPES[facts.category],
    insured_place: facts.county.code,
    insured_count: insuredCount,
    contribution_status: inArrears ? '欠费' : '正常',
    paid_up_to: paidUpTo.replace('-', ''),
    legal_rep: facts.representative.name,
    contact_phone: facts.phone,
  };
  const normalized: Record<string, unknown> = {
    unitInsuranceNo,
    uscc: facts.uscc,
    name: facts.name,
    unitType: UNIT_TYPES[facts.category],
    insuredPlace: facts.county.code,
    insuredCount,
    contributionStatus: inArrears ? '欠费' : '正常',
    paidUpTo,
    legalRepresentative: facts.representative.name,
    phone: facts.phone,
    divisionCode: facts.county.code,
  };
  if (withAddress) {
    raw.unit_address = facts.address;
    normalized.address = facts.address;
  }
  return { system: 'social-insurance', localId, rawPayload: raw, normalized, observedAt };
}

function baseInsuredCount(rng: Random, category: EntityCategory): number {
  switch (category) {
    case 'COMPANY':
      return Math.round(3 * Math.pow(60, rng.next()));
    case 'BRANCH':
      return rng.int(2, 40);
    case 'INDIVIDUAL_BUSINESS':
      return rng.int(1, 5);
    case 'COOPERATIVE':
      return rng.int(1, 15);
    case 'PUBLIC_INSTITUTION':
      return rng.int(20, 600);
  }
}

const APPROVAL_ROUTES = {
  '01': { label: '审批', route: 'APPROVAL' },
  '02': { label: '核准', route: 'VERIFICATION' },
  '03': { label: '备案', route: 'FILING' },
} as const;

/** 投资项目 on the 在线审批监管平台 (lower-case pinyin initials); keyed by its 项目代码. */
function projectRecord(
  rng: Random,
  context: GenerationContext,
  facts: EnterpriseFacts,
): { record: DemoSourceRecord; project: ProjectRef } | undefined {
  const filed = dayBetween(
    rng,
    Math.max(facts.establishedDay + 30, context.nowDay - 3 * 365),
    context.nowDay - 2,
  );
  if (yearOf(filed) < FIRST_PROJECT_CODE_YEAR) return undefined;
  const type =
    facts.category === 'PUBLIC_INSTITUTION'
      ? '01'
      : facts.category === 'COMPANY' && rng.chance(0.15)
        ? '02'
        : '03';
  const date = isoDay(filed);
  // Current codes: YYMM and a department code (from public examples); legacy: year and GB/T 4754 大类.
  const prefix =
    filed >= CURRENT_PROJECT_CODES_FROM
      ? `${date.slice(2, 4)}${date.slice(5, 7)}-${facts.county.code}-${rng.pick(['04', '48', '89'])}-${type}`
      : `${date.slice(0, 4)}-${facts.county.code}-${facts.industry.code}-${type}`;
  const code = probeFree(1_000_000, rng.int(0, 999_999), (serial) => {
    const candidate = `${prefix}-${String(serial).padStart(6, '0')}`;
    return context.claim('project-approval', candidate) ? candidate : undefined;
  });
  if (!code) return undefined;
  const name = facts.projectName(rng);
  const investment = String(
    facts.category === 'PUBLIC_INSTITUTION'
      ? rng.int(10, 300) * 100
      : facts.category === 'COOPERATIVE'
        ? rng.int(5, 80) * 10
        : rng.int(3, 500) * 100,
  );
  const location = `${facts.county.name}${rng.chance(0.7) ? facts.town : rng.pick(facts.county.towns)}`;
  const route = APPROVAL_ROUTES[type];
  const record: DemoSourceRecord = {
    system: 'project-approval',
    localId: code,
    rawPayload: {
      xmdm: code,
      xmmc: name,
      xmdw: facts.name,
      tyshxydm: facts.uscc,
      fddbr: facts.representative.name,
      xmlx: route.label,
      jsdd: location,
      ztz: Number(investment),
      sbrq: date,
      lxdh: facts.phone,
    },
    normalized: {
      projectCode: code,
      projectName: name,
      name: facts.name,
      uscc: facts.uscc,
      legalRepresentative: facts.representative.name,
      approvalRoute: route.route,
      location,
      locationDivisionCode: facts.county.code,
      totalInvestment: investment,
      filedOn: date,
      phone: facts.phone,
    },
    observedAt: context.observedAt(rng, filed, context.nowDay - 1),
  };
  return { record, project: { code, filedDay: filed } };
}

/** 不动产登记 (upper-case pinyin column names of the registration database, 年月日 dates). */
function landRecord(
  rng: Random,
  context: GenerationContext,
  facts: EnterpriseFacts,
  project: ProjectRef | undefined,
): DemoSourceRecord {
  const county = facts.county;
  const cooperative = facts.category === 'COOPERATIVE';
  const allocated = facts.category === 'PUBLIC_INSTITUTION';
  const sequence = context.next(`parcel-${county.code}`);
  if (sequence > 99_999) throw new RangeError(`No parcel numbers left in ${county.name}`);
  const townIndex = Math.max(0, county.towns.indexOf(facts.town));
  const zone = String(townIndex + 1).padStart(3, '0') + String(rng.int(1, 9)).padStart(3, '0');
  const built = !cooperative && (allocated || rng.chance(0.6));
  const fixture = built ? `F${String(rng.int(1, 12)).padStart(4, '0')}0000` : 'W00000000';
  const parcelCode = `${county.code}${zone}${cooperative ? 'JD' : 'GB'}${String(sequence).padStart(5, '0')}`;
  // Unique by construction: the parcel sequence is per county.
  const unitNo = parcelCode + fixture;

  const registered = dayBetween(
    rng,
    project ? project.filedDay + 30 : facts.establishedDay + 60,
    context.nowDay - 2,
  );
  const year = yearOf(registered);
  const certNo = `${county.provinceShort}(${year})${county.name}不动产权第${String(
    context.next(`cert-${county.code}-${year}`),
  ).padStart(7, '0')}号`;
  const rightNature = cooperative ? '流转' : allocated ? '划拨' : '出让';
  const termYears = cooperative
    ? 10
    : allocated
      ? undefined
      : (TRANSFER_TERMS[facts.landUse] ?? 50);
  const area = (
    cooperative ? rng.int(2_000_000, 30_000_000) / 100 : rng.int(300_000, 8_000_000) / 100
  ).toFixed(2);
  const location = cooperative
    ? villageAddress(rng, county, facts.town)
    : businessAddress(rng, county, facts.town);

  const raw: Record<string, unknown> = {
    BDCDYH: unitNo,
    ZDDM: parcelCode,
    QLRMC: facts.name,
    ZJH: facts.uscc,
    ZL: location,
    ZDMJ: Number(area),
    YT: facts.landUse,
    QLXZ: rightNature,
    BDCQZH: certNo,
    DBSJ: chineseDay(registered),
  };
  const normalized: Record<string, unknown> = {
    realEstateUnitNo: unitNo,
    parcelCode,
    name: facts.name,
    uscc: facts.uscc,
    location,
    locationDivisionCode: county.code,
    landArea: area,
    landUse: facts.landUse,
    rightNature,
    certNo,
    registeredOn: isoDay(registered),
  };
  if (termYears !== undefined) {
    const until = addYears(registered, termYears) - 1;
    raw.SYQQSSJ = chineseDay(registered);
    raw.SYQJSSJ = chineseDay(until);
    normalized.termFrom = isoDay(registered);
    normalized.termTo = isoDay(until);
  }
  if (project) {
    raw.XMDM = project.code;
    normalized.projectCode = project.code;
  }
  return {
    system: 'land-planning',
    localId: unitNo,
    rawPayload: raw,
    normalized,
    observedAt: context.observedAt(rng, registered, context.nowDay - 1),
  };
}
