import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import {
  DEMO_COUNTIES,
  Random,
  changedPhone,
  legacyResidentId,
  messyEnterpriseName,
  messyPersonName,
  toFullWidth,
  type DemoApplicant,
  type DemoSourceRecord,
} from '@oncegate/demo';
import {
  addYears,
  compactDay,
  compactMonth,
  dayFromCompact,
  dayFromIso,
  dayFromYmd,
  dayOf,
  firstDayOfMonth,
  monthFromCompact,
  monthFromYm,
  monthOfDay,
  yearOfDay,
} from './social-insurance.calendar';
import {
  SocialInsuranceDataError,
  checkSocialInsuranceData,
} from './social-insurance.record-check';
import type {
  DeferrableInsuranceTypeCode,
  FilingSubtypeCode,
  InsuranceTypeCode,
  PersonCategoryCode,
  SocialInsuranceData,
  SocialInsuranceDeferral,
  SocialInsuranceEmployerLine,
  SocialInsuranceEmployerRecord,
  SocialInsuranceMedicalFiling,
  SocialInsurancePersonLine,
  SocialInsurancePersonRecord,
  UnitTypeCode,
} from './social-insurance.records';

/** Which population member one record of the system is. */
export interface SocialInsuranceTruth {
  /** The record's number in the system: `unit_no` or `personal_no`. */
  readonly localId: string;
  /** The member's canonical 18-character identifier (USCC or 公民身份号码). */
  readonly applicantKey: string;
}

export interface GeneratedSocialInsuranceData extends SocialInsuranceData {
  /** One row per record, duplicates included. */
  truth: SocialInsuranceTruth[];
}

export interface SocialInsuranceDataOptions {
  readonly seed: number;
  /** "Today" of the data: what is paid up, deferred, valid. Default 2026-11-01, the demo population's. */
  readonly now?: Date;
}

const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');

/** Shares of members without any department record (a bare population) who are in this system. */
const BARE_PERSON_SHARE = 0.8;
const BARE_ENTERPRISE_SHARE = 0.7;

const SCHEME_START = dayFromYmd(1993, 1, 1);
/** 职工医保 (国发〔1998〕44号) and 失业保险条例 (1999). */
const MEDICAL_AND_UNEMPLOYMENT_START = dayFromYmd(1999, 1, 1);
/** 工伤保险条例 (2004). */
const WORK_INJURY_START = dayFromYmd(2004, 1, 1);
const RESIDENT_SCHEMES_START = dayFromYmd(2012, 1, 1);
/** 生育保险 merged into 职工医保; the separate line ends with 2019. */
const MATERNITY_MERGED = monthFromYm(2019, 12);
/** 五证合一: units registered later never had a separate SI code to keep. */
const FIVE_IN_ONE = dayFromYmd(2016, 10, 1);

/**
 * Cross-province places people are treated in (就医地). Illustrative GB/T
 * 2260 district codes of large cities, not a checked list.
 */
const TREATMENT_AREAS = [
  '310115', // 上海 浦东新区
  '310104', // 上海 徐汇区
  '110105', // 北京 朝阳区
  '440305', // 深圳 南山区
  '440106', // 广州 天河区
  '510107', // 成都 武侯区
  '420111', // 武汉 洪山区
  '320106', // 南京 鼓楼区
  '330106', // 杭州 西湖区
  '350203', // 厦门 思明区
] as const;

const COUNTY_NAMES = new Map(DEMO_COUNTIES.map((c) => [c.code, c.name]));

const UNIT_TYPE_BY_LABEL: Readonly<Record<string, UnitTypeCode>> = {
  企业: '10',
  机关: '20',
  事业单位: '30',
  社会团体: '40',
  民办非企业单位: '50',
  个体工商户: '60',
  农民专业合作社: '70',
};

const UNIT_TYPE_BY_USCC_CATEGORY: Readonly<Record<string, UnitTypeCode>> = {
  '11': '20',
  '12': '30',
  '51': '40',
  '52': '50',
  '91': '10',
  '92': '60',
  '93': '70',
};

const CATEGORY_BY_LABEL: Readonly<Record<string, PersonCategoryCode>> = {
  在职: '11',
  退休: '21',
  灵活就业: '31',
  城乡居民: '41',
};

/** Contribution rates (employer + employee) used to price arrears; illustrative, they vary by province. */
const RATES: Readonly<Record<InsuranceTypeCode, number>> = {
  '110': 0.24,
  '120': 0.24,
  '170': 0,
  '210': 0.01,
  '310': 0.095,
  '390': 0,
  '410': 0.004,
  '510': 0.008,
};

function str(raw: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = raw?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function attribute(member: DemoApplicant, name: string): string | undefined {
  return member.attributes.find((a) => a.name === name)?.value;
}

function siRecordOf(member: DemoApplicant): DemoSourceRecord | undefined {
  return member.sourceRecords.find((r) => r.system === 'social-insurance');
}

function applicantKeyOf(member: DemoApplicant): string | undefined {
  const scheme = member.kind === 'PERSON' ? 'RESIDENT_ID' : 'USCC';
  return member.identifiers.find((i) => i.scheme === scheme)?.value;
}

function numberAfter(prefix: string, localId: string | undefined): number {
  if (!localId?.startsWith(prefix)) return 0;
  const n = Number(localId.slice(prefix.length));
  return Number.isInteger(n) ? n : 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function dayBetween(rng: Random, from: number, to: number): number {
  return to <= from ? from : rng.int(from, to);
}

/** 工伤保险行业风险类别 from the industry's name: a rough, illustrative mapping. */
function riskClass(industry: string | undefined, rng: Random): number {
  if (!industry) return rng.int(1, 3);
  if (/矿|采选|开采/.test(industry)) return rng.int(7, 8);
  if (/建筑|土木|装饰|安装/.test(industry)) return 6;
  if (/运输|仓储|物流|邮政/.test(industry)) return rng.int(4, 5);
  if (/制造|加工|纺织|家具|医药|食品|化学|金属|印刷|造纸|木材/.test(industry)) return rng.int(3, 5);
  if (/农|林|牧|渔|种植|养殖/.test(industry)) return 3;
  return rng.int(1, 2);
}

function hardHitIndustry(industry: string | undefined): boolean {
  return industry !== undefined && /餐饮|零售|住宿|旅游|运输|航空/.test(industry);
}

/** What the employer pass leaves for the persons insured through a unit. */
interface EmployerFacts {
  readonly name: string;
  readonly unitType: UnitTypeCode;
  readonly paidUpTo: number;
}

interface Plan {
  readonly member: DemoApplicant;
  readonly key: string;
  readonly record: DemoSourceRecord | undefined;
}

/**
 * The social-insurance system's records for a population, deterministic for
 * a seed: 参保单位 with their lines, arrears and 缓缴 agreements, 参保人员
 * with their lines and 异地就医备案, and the mess such a system holds.
 *
 * Who is in the system is the population's own word where it has one: a
 * member with a `social-insurance` source record is insured, one with other
 * records only is not, so the registry's seeded source records and this
 * system agree (the demo population insures about 88% of persons and 92% of
 * enterprises). Members without any record — a bare population — are drawn:
 * 80% of persons, 70% of enterprises. Record numbers, the 15-digit numbers of
 * first-generation registrations, categories, first-insured dates,
 * employers, insured counts and arrears come from the source record.
 *
 * Mess: lower-case `x` and 15-digit legacy numbers; homophone and
 * traditional name variants; unit-name variants; units of individual
 * businesses still without a USCC (only `org_code`; not findable by USCC);
 * lower-case USCCs; employed persons whose record lost the employer's code;
 * changed phones, moved addresses (some with full-width digits), stale legal
 * representatives; about 1% duplicate person registrations (一人多档).
 *
 * Linear in the population: two passes, Map lookups, O(1) random picks.
 */
export function generateSocialInsuranceData(
  population: readonly DemoApplicant[],
  options: SocialInsuranceDataOptions,
): GeneratedSocialInsuranceData {
  const now = dayOf(options.now ?? DEFAULT_NOW);
  const nowMonth = monthOfDay(now);
  const membership = Random.derive(options.seed, 'social-insurance:members');

  // Pass 1: who is in, the highest record numbers, and what stale values can be drawn from.
  const employerPlans: Plan[] = [];
  const personPlans: Plan[] = [];
  const personNames: string[] = [];
  const personAddresses = new Map<string, string[]>();
  const enterpriseAddresses = new Map<string, string[]>();
  let lastUnitNo = 0;
  let lastPersonNo = 0;
  for (const member of population) {
    const key = applicantKeyOf(member);
    if (!key) continue;
    const record = siRecordOf(member);
    const person = member.kind === 'PERSON';
    const address = attribute(member, 'address');
    const county = attribute(member, 'divisionCode') ?? key.slice(person ? 0 : 2, person ? 6 : 8);
    if (address) {
      const byCounty = person ? personAddresses : enterpriseAddresses;
      const list = byCounty.get(county);
      if (list) list.push(address);
      else byCounty.set(county, [address]);
    }
    if (person) personNames.push(member.name);
    if (record) {
      lastUnitNo = Math.max(lastUnitNo, numberAfter('SI-UNIT-', record.localId));
      lastPersonNo = Math.max(lastPersonNo, numberAfter('SI-PER-', record.localId));
    }
    const inSystem =
      record !== undefined ||
      (member.sourceRecords.length === 0 &&
        membership.chance(person ? BARE_PERSON_SHARE : BARE_ENTERPRISE_SHARE));
    if (inSystem) (person ? personPlans : employerPlans).push({ member, key, record });
  }

  const employers: SocialInsuranceEmployerRecord[] = [];
  const persons: SocialInsurancePersonRecord[] = [];
  const truth: SocialInsuranceTruth[] = [];
  const employerFacts = new Map<string, EmployerFacts>();
  const employersByCounty = new Map<string, string[]>();

  // Pass 2: units.
  const unitRng = Random.derive(options.seed, 'social-insurance:employers');
  const deferralSeq = new Map<string, number>();
  for (const plan of employerPlans) {
    const raw = plan.record?.rawPayload;
    const { member, key: uscc } = plan;
    const unitNo = plan.record?.localId ?? `SI-UNIT-${String(++lastUnitNo).padStart(6, '0')}`;
    const county =
      str(raw, 'insured_place') ?? attribute(member, 'divisionCode') ?? uscc.slice(2, 8);
    const unitType =
      UNIT_TYPE_BY_LABEL[str(raw, 'unit_type') ?? ''] ??
      UNIT_TYPE_BY_USCC_CATEGORY[uscc.slice(0, 2)] ??
      '90';
    const industry = attribute(member, 'industry');
    const established = dayFromIso(attribute(member, 'establishedOn'));
    const registered = Math.min(
      now - 1,
      established !== undefined
        ? Math.max(established + unitRng.int(5, 60), dayFromYmd(1995, 1, 1))
        : dayBetween(unitRng, dayFromYmd(2000, 1, 1), now - 30),
    );
    const insured =
      typeof raw?.insured_count === 'number'
        ? raw.insured_count
        : unitType === '60'
          ? unitRng.int(1, 5)
          : Math.round(3 * Math.pow(60, unitRng.next()));
    const inArrears = raw ? str(raw, 'contribution_status') === '欠费' : unitRng.chance(0.05);
    const suspended = !inArrears && unitRng.chance(0.015);
    const lastMonth = nowMonth - 1;
    let paidUpTo = lastMonth;
    if (inArrears) {
      const recorded = monthFromCompact(str(raw, 'paid_up_to'));
      paidUpTo =
        recorded !== undefined && recorded < lastMonth ? recorded : lastMonth - unitRng.int(2, 6);
    } else if (suspended) {
      paidUpTo = lastMonth - unitRng.int(3, 24);
    }
    paidUpTo = Math.max(paidUpTo, monthOfDay(registered));
    const arrearsMonths = inArrears ? Math.max(1, lastMonth - paidUpTo) : 0;
    const averageBase = 4200 + unitRng.int(0, 3800);
    const riskClassValue = riskClass(industry, unitRng);
    const pension: InsuranceTypeCode = unitType === '20' || unitType === '30' ? '120' : '110';
    const line = (type: InsuranceTypeCode, count: number): SocialInsuranceEmployerLine => {
      const rate = type === '410' ? 0.002 * riskClassValue : RATES[type];
      return {
        insurance_type: type,
        participation_status: suspended ? '2' : '1',
        insured_count: suspended ? 0 : count,
        contribution_status: inArrears ? '2' : '1',
        paid_up_to: compactMonth(paidUpTo),
        arrears_amount: inArrears ? round2(count * averageBase * rate * arrearsMonths) : 0,
        arrears_months: arrearsMonths,
      };
    };
    const lines = [
      line(pension, insured),
      line('210', Math.max(0, insured - Math.floor(insured * unitRng.next() * 0.1))),
      line('310', insured),
      line('410', insured),
    ];
    if (monthOfDay(registered) < MATERNITY_MERGED && unitRng.chance(0.15)) {
      // The separate 生育保险 line, ended when it was merged into 职工医保.
      lines.push({
        insurance_type: '510',
        participation_status: '3',
        insured_count: insured,
        contribution_status: '1',
        paid_up_to: compactMonth(MATERNITY_MERGED),
        arrears_amount: 0,
        arrears_months: 0,
      });
    }
    const legalRep = str(raw, 'legal_rep') ?? attribute(member, 'legalRepresentative');
    const phone = str(raw, 'contact_phone') ?? attribute(member, 'phone');
    const address = raw ? str(raw, 'unit_address') : attribute(member, 'address');
    const record: SocialInsuranceEmployerRecord = {
      unit_no: unitNo,
      unit_insurance_no:
        str(raw, 'unit_insurance_no') ??
        `${county}${String(numberAfter('SI-UNIT-', unitNo)).padStart(8, '0')}`,
      uscc,
      // Units registered before 五证合一 keep their old 组织机构代码 on the record.
      ...(registered < FIVE_IN_ONE ? { org_code: `${uscc.slice(8, 16)}-${uscc[16]}` } : {}),
      unit_name: str(raw, 'unit_name') ?? member.name,
      unit_type: unitType,
      insured_place: county,
      registered_at: compactDay(registered),
      ...(legalRep ? { legal_rep: legalRep } : {}),
      ...(phone ? { contact_phone: phone } : {}),
      ...(address ? { unit_address: address } : {}),
      work_injury_risk_class: riskClassValue,
      lines,
    };

    if (!inArrears && !suspended) {
      const drawn = drawDeferral(unitRng, {
        hardHit: hardHitIndustry(industry),
        registered,
        nowMonth,
        pension,
        county,
        seq: deferralSeq,
      });
      if (drawn) {
        record.deferral = drawn.deferral;
        if (drawn.to >= nowMonth - 1) {
          // In force: the deferred lines stop at the month before it began, without arrears.
          for (const l of lines) {
            if ((drawn.deferral.lines as readonly string[]).includes(l.insurance_type)) {
              l.contribution_status = '3';
              l.paid_up_to = compactMonth(drawn.from - 1);
            }
          }
        }
      }
    }

    // The mess a unit register collects over the years.
    if (unitRng.chance(0.12))
      record.unit_name = messyEnterpriseName(
        record.unit_name,
        COUNTY_NAMES.get(county) ?? null,
        unitRng,
      );
    if (record.legal_rep && personNames.length > 1 && unitRng.chance(0.08)) {
      const stale = unitRng.pick(personNames);
      if (stale !== record.legal_rep) record.legal_rep = stale;
    }
    if (record.contact_phone && unitRng.chance(0.1))
      record.contact_phone = otherPhone(record.contact_phone, unitRng);
    if (record.unit_address && unitRng.chance(0.08)) {
      const moved = unitRng.pick(enterpriseAddresses.get(county) ?? [record.unit_address]);
      record.unit_address = moved;
    }
    if (unitType === '60' && registered < FIVE_IN_ONE && unitRng.chance(0.5)) {
      // An individual business that never brought its new licence to the SI office.
      record.uscc = null;
    } else if (unitRng.chance(0.04)) {
      record.uscc = uscc.toLowerCase();
    }

    employers.push(record);
    truth.push({ localId: unitNo, applicantKey: uscc });
    employerFacts.set(uscc, {
      name: member.name,
      unitType,
      paidUpTo: inArrears ? paidUpTo : lastMonth,
    });
    const inCounty = employersByCounty.get(county);
    if (inCounty) inCounty.push(uscc);
    else employersByCounty.set(county, [uscc]);
  }

  // Pass 3: persons.
  const personRng = Random.derive(options.seed, 'social-insurance:persons');
  let filingSeq = 0;
  const nextFilingNo = (area: string, from: number): string =>
    `BA${area}${compactDay(from)}${String(++filingSeq).padStart(5, '0')}`;
  for (const plan of personPlans) {
    const raw = plan.record?.rawPayload;
    const { member, key: id } = plan;
    const personalNo = plan.record?.localId ?? `SI-PER-${String(++lastPersonNo).padStart(6, '0')}`;
    const birth = dayFromCompact(id.slice(6, 14)) ?? dayFromYmd(1980, 1, 1);
    const male = Number(id[16]) % 2 === 1;
    const age = ageOn(birth, now);
    const category =
      CATEGORY_BY_LABEL[str(raw, 'person_category') ?? ''] ?? drawCategory(personRng, age, male);
    const county = str(raw, 'insured_place') ?? attribute(member, 'divisionCode') ?? id.slice(0, 6);
    const adult = addYears(birth, 18);
    const start = Math.max(adult, category === '41' ? RESIDENT_SCHEMES_START : SCHEME_START);
    const firstInsured =
      dayFromCompact(str(raw, 'first_insured_date')) ?? dayBetween(personRng, start, now - 2);
    let employerUscc = str(raw, 'employer_uscc');
    if (!raw && category === '11') {
      const nearby = employersByCounty.get(county);
      if (nearby) employerUscc = personRng.pick(nearby);
    }
    const employer = employerUscc ? employerFacts.get(employerUscc) : undefined;
    const lines = personLines(personRng, {
      category,
      birth,
      male,
      firstInsured,
      nowMonth,
      employer,
    });
    const employerName = employerUscc ? (str(raw, 'employer_name') ?? employer?.name) : undefined;
    const mobile = str(raw, 'mobile') ?? attribute(member, 'phone');
    const address = str(raw, 'address') ?? attribute(member, 'address');
    const filing = drawFiling(personRng, { category, county, firstInsured, now, nextFilingNo });
    const record: SocialInsurancePersonRecord = {
      personal_no: personalNo,
      social_security_no: str(raw, 'social_security_no') ?? id,
      cert_type: '01',
      name: str(raw, 'name') ?? member.name,
      gender: male ? '1' : '2',
      birth_date: compactDay(birth),
      person_category: category,
      insured_place: county,
      ...(employerUscc ? { employer_uscc: employerUscc } : {}),
      ...(employerName ? { employer_name: employerName } : {}),
      ...(mobile ? { mobile } : {}),
      ...(address ? { address } : {}),
      lines,
      cross_region_medical_filings: filing ? [filing] : [],
    };

    // The mess of a person register.
    if (/X$/.test(record.social_security_no) && personRng.chance(0.3))
      record.social_security_no = record.social_security_no.toLowerCase();
    if (personRng.chance(0.05)) record.name = messyPersonName(record.name, personRng);
    if (record.mobile && personRng.chance(0.1))
      record.mobile = changedPhone(record.mobile, personRng);
    if (record.address && personRng.chance(0.08)) {
      record.address = personRng.pick(personAddresses.get(county) ?? [record.address]);
      if (personRng.chance(0.3)) record.address = toFullWidth(record.address);
    }
    if (record.employer_uscc && personRng.chance(0.05)) {
      // An old registration that kept the unit's name but not its code.
      delete record.employer_uscc;
    }

    persons.push(record);
    truth.push({ localId: personalNo, applicantKey: id });

    if (personRng.chance(0.01)) {
      const duplicate = duplicateRegistration(personRng, record, id, {
        personalNo: `SI-PER-${String(++lastPersonNo).padStart(6, '0')}`,
        nowMonth,
        otherCounty: pickOtherCounty(personRng, county),
      });
      persons.push(duplicate);
      truth.push({ localId: duplicate.personal_no, applicantKey: id });
    }
  }

  stampChangeTimes(
    employers,
    persons,
    Random.derive(options.seed, 'social-insurance:changes'),
    now,
  );

  return { employers, persons, truth };
}

/** Office hours of the 经办窗口, 08:30–17:30, as seconds of the day: when clerks change records. */
const OFFICE_OPENS = 8 * 3600 + 30 * 60;
const OFFICE_CLOSES = 17 * 3600 + 30 * 60;

function changeTime(rng: Random, from: number, now: number): string {
  const second = rng.int(OFFICE_OPENS, OFFICE_CLOSES);
  return (
    compactDay(dayBetween(rng, from, now - 1)) +
    String(Math.floor(second / 3600)).padStart(2, '0') +
    String(Math.floor(second / 60) % 60).padStart(2, '0') +
    String(second % 60).padStart(2, '0')
  );
}

/**
 * Every record's 最后变更时间 (`updated_at`, 北京时间): a day between the
 * record's registration — the unit's `registered_at`, the person's latest
 * `first_insured_date` (the last line added) — and yesterday, in office
 * hours. Drawn from a stream of its own after everything else, so the other
 * fields stay exactly what they were before records carried the time.
 */
function stampChangeTimes(
  employers: readonly SocialInsuranceEmployerRecord[],
  persons: readonly SocialInsurancePersonRecord[],
  rng: Random,
  now: number,
): void {
  for (const record of employers)
    record.updated_at = changeTime(rng, dayFromCompact(record.registered_at) ?? now - 1, now);
  for (const record of persons) {
    let latest = '';
    for (const line of record.lines)
      if (line.first_insured_date > latest) latest = line.first_insured_date;
    record.updated_at = changeTime(rng, dayFromCompact(latest) ?? now - 1, now);
  }
}

function ageOn(birth: number, day: number): number {
  const years = yearOfDay(day) - yearOfDay(birth);
  return addYears(birth, years) > day ? years - 1 : years;
}

function otherPhone(phone: string, rng: Random): string {
  const landline = /^(\d{3,4}-)(\d{7,8})$/.exec(phone);
  if (!landline) return changedPhone(phone, rng);
  const digits = landline[2];
  let next = digits;
  while (next === digits) next = digits.slice(0, -4) + String(rng.int(0, 9999)).padStart(4, '0');
  return landline[1] + next;
}

function drawCategory(rng: Random, age: number, male: boolean): PersonCategoryCode {
  if (age >= (male ? 60 : 55) && rng.chance(0.85)) return '21';
  return rng.weighted<PersonCategoryCode>([
    ['11', 55],
    ['31', 20],
    ['41', 25],
  ]);
}

function drawDeferral(
  rng: Random,
  facts: {
    hardHit: boolean;
    registered: number;
    nowMonth: number;
    pension: InsuranceTypeCode;
    county: string;
    seq: Map<string, number>;
  },
): { deferral: SocialInsuranceDeferral; from: number; to: number } | undefined {
  if (!rng.chance(facts.hardHit ? 0.3 : 0.03)) return undefined;
  const pension = facts.pension as DeferrableInsuranceTypeCode;
  const historicalPossible = facts.registered < dayFromYmd(2022, 4, 1);
  const seq = (facts.seq.get(facts.county) ?? 0) + 1;
  facts.seq.set(facts.county, seq);
  const office = (COUNTY_NAMES.get(facts.county) ?? '县').replace(/[县市区]$/, '');
  if (historicalPossible && rng.chance(0.5)) {
    // 人社部发〔2022〕31号: 养老 to the end of 2022, 失业/工伤 up to a year.
    return {
      deferral: {
        approval_no: `${office}人社缓〔2022〕${String(seq).padStart(4, '0')}号`,
        lines: [pension, '210', '410'],
        period_from: '202205',
        period_to: '202212',
        approved_at: compactDay(dayFromYmd(2022, 5, rng.int(10, 28))),
      },
      from: monthFromYm(2022, 5),
      to: monthFromYm(2022, 12),
    };
  }
  const from = facts.nowMonth - rng.int(1, 5);
  const to = from + rng.int(5, 11);
  const approvedMonthStart = firstDayOfMonth(from);
  return {
    deferral: {
      approval_no: `${office}人社缓〔${Math.floor(from / 12)}〕${String(seq).padStart(4, '0')}号`,
      lines: rng.chance(0.4) ? [pension, '210', '410'] : ['210', '410'],
      period_from: compactMonth(from),
      period_to: compactMonth(to),
      approved_at: compactDay(approvedMonthStart + rng.int(4, 24)),
    },
    from,
    to,
  };
}

function personLines(
  rng: Random,
  facts: {
    category: PersonCategoryCode;
    birth: number;
    male: boolean;
    firstInsured: number;
    nowMonth: number;
    employer: EmployerFacts | undefined;
  },
): SocialInsurancePersonLine[] {
  const lastMonth = facts.nowMonth - 1;
  const months = (fromDay: number, toMonth: number, share: number) =>
    Math.max(0, Math.round((toMonth - monthOfDay(fromDay) + 1) * share));
  const share = 0.85 + rng.next() * 0.15;
  const line = (
    type: InsuranceTypeCode,
    status: SocialInsurancePersonLine['participation_status'],
    base: number | null,
    from: number,
    paidUpTo: number,
    cumulative = months(from, paidUpTo, share),
  ): SocialInsurancePersonLine => ({
    insurance_type: type,
    participation_status: status,
    contribution_base: base,
    cumulative_months: cumulative,
    first_insured_date: compactDay(from),
    paid_up_to: compactMonth(Math.max(paidUpTo, monthOfDay(from))),
  });
  const first = facts.firstInsured;
  const medicalFrom = Math.max(first, MEDICAL_AND_UNEMPLOYMENT_START);
  switch (facts.category) {
    case '11': {
      const base = 4462 + Math.floor(Math.pow(rng.next(), 2) * 15000);
      const paid = facts.employer?.paidUpTo ?? lastMonth;
      const publicSector = facts.employer?.unitType === '20' || facts.employer?.unitType === '30';
      return [
        line(publicSector ? '120' : '110', '1', base, first, paid),
        line('210', '1', base, medicalFrom, paid),
        line('310', '1', base, medicalFrom, paid),
        line('410', '1', base, Math.max(first, WORK_INJURY_START), paid),
      ];
    }
    case '31': {
      const base = 4462 + rng.int(0, 3500);
      const paused = rng.chance(0.1);
      const paid = paused ? lastMonth - rng.int(2, 18) : lastMonth;
      const status = paused ? '2' : '1';
      return [line('110', status, base, first, paid), line('310', status, base, medicalFrom, paid)];
    }
    case '21': {
      const retirementAge = facts.male ? 60 : rng.chance(0.5) ? 50 : 55;
      const retired = Math.min(
        lastMonth,
        // Insured late in life: they stop after a year or so (and settle the rest in one payment).
        Math.max(monthOfDay(addYears(facts.birth, retirementAge)), monthOfDay(first) + 12),
      );
      return [
        line('110', '3', null, first, retired),
        line('310', '1', null, medicalFrom, lastMonth, months(medicalFrom, retired, share)),
      ];
    }
    case '41': {
      const year = Math.floor(facts.nowMonth / 12);
      const december = monthFromYm(rng.chance(0.85) ? year : year - 1, 12);
      const years = (from: number) => Math.max(1, year - yearOfDay(from) + 1) * 12;
      const receiving = yearOfDay(firstDayOfMonth(facts.nowMonth)) - yearOfDay(facts.birth) >= 60;
      return [
        line('170', receiving ? '3' : '1', null, first, december, years(first)),
        line('390', '1', null, first, monthFromYm(year, 12), years(first)),
      ];
    }
  }
}

function drawFiling(
  rng: Random,
  facts: {
    category: PersonCategoryCode;
    county: string;
    firstInsured: number;
    now: number;
    nextFilingNo: (area: string, from: number) => string;
  },
): SocialInsuranceMedicalFiling | undefined {
  const retired = facts.category === '21';
  if (!rng.chance(retired ? 0.15 : 0.045)) return undefined;
  const province = facts.county.slice(0, 2);
  const elsewhere = TREATMENT_AREAS.filter((a) => a.slice(0, 2) !== province);
  const treatment = rng.pick(elsewhere);
  const channel = rng.weighted<'1' | '2' | '9'>([
    ['1', 70],
    ['2', 25],
    ['9', 5],
  ]);
  if (rng.chance(retired ? 0.8 : 0.5)) {
    const from = dayBetween(rng, Math.max(facts.firstInsured, facts.now - 6 * 365), facts.now - 1);
    const subtype: FilingSubtypeCode = retired ? '11' : facts.category === '11' ? '13' : '12';
    const filing: SocialInsuranceMedicalFiling = {
      filing_no: facts.nextFilingNo(facts.county, from),
      insured_area_code: facts.county,
      treatment_area_code: treatment,
      filing_type: '1',
      filing_subtype: subtype,
      valid_from: compactDay(from),
      filing_channel: channel,
      status: '1',
    };
    if (rng.chance(0.1) && from < facts.now - 2) {
      // Revoked after moving back: a long-term filing ends only when changed.
      filing.valid_to = compactDay(dayBetween(rng, from + 1, facts.now - 1));
      filing.status = '2';
    }
    return filing;
  }
  const from = dayBetween(rng, Math.max(facts.firstInsured, facts.now - 2 * 365), facts.now - 1);
  const to = from + 182 + rng.int(0, 180);
  return {
    filing_no: facts.nextFilingNo(facts.county, from),
    insured_area_code: facts.county,
    treatment_area_code: treatment,
    filing_type: '2',
    filing_subtype: rng.weighted<FilingSubtypeCode>([
      ['21', 50],
      ['22', 20],
      ['29', 30],
    ]),
    valid_from: compactDay(from),
    valid_to: compactDay(to),
    filing_channel: channel,
    status: to < facts.now ? '3' : '1',
  };
}

function pickOtherCounty(rng: Random, county: string): string {
  const others = DEMO_COUNTIES.filter((c) => c.code !== county);
  return rng.pick(others).code;
}

/**
 * A second registration of the same person in another county, never merged
 * when they moved (一人多档): ended lines, stored under the other form of the
 * number where there is one, the name sometimes typed differently.
 */
function duplicateRegistration(
  rng: Random,
  original: SocialInsurancePersonRecord,
  id: string,
  facts: { personalNo: string; nowMonth: number; otherCounty: string },
): SocialInsurancePersonRecord {
  const stored = original.social_security_no;
  const legacy = legacyResidentId(id);
  const number =
    stored.length === 15
      ? id
      : legacy && rng.chance(0.5)
        ? legacy
        : rng.chance(0.5)
          ? id.toLowerCase()
          : id;
  const birth = dayFromCompact(id.slice(6, 14)) ?? dayFromYmd(1980, 1, 1);
  const from = dayBetween(
    rng,
    Math.max(addYears(birth, 18), SCHEME_START),
    firstDayOfMonth(facts.nowMonth - 36),
  );
  const until = Math.min(facts.nowMonth - 24, monthOfDay(from) + rng.int(12, 96));
  const span = Math.max(1, until - monthOfDay(from) + 1);
  const base = 2500 + rng.int(0, 3000);
  const ended = (type: InsuranceTypeCode): SocialInsurancePersonLine => ({
    insurance_type: type,
    participation_status: '3',
    contribution_base: base,
    cumulative_months: span,
    first_insured_date: compactDay(from),
    paid_up_to: compactMonth(Math.max(until, monthOfDay(from))),
  });
  return {
    personal_no: facts.personalNo,
    social_security_no: number,
    cert_type: '01',
    name: rng.chance(0.5) ? messyPersonName(original.name, rng) : original.name,
    gender: original.gender,
    birth_date: original.birth_date,
    person_category: '11',
    insured_place: facts.otherCounty,
    lines: [ended('110'), ended('310')],
    cross_region_medical_filings: [],
  };
}

/** Files above this size are read one record per line instead of as one JSON text. */
const WHOLE_DOCUMENT_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * Writes an export in the contract's own format: one JSON object
 * `{ "employers": [InsuredEmployer…], "persons": [InsuredPerson…] }` with
 * one record per line, so that exports of any size can be written and read
 * back. `uscc` is `null` for a unit that has only `org_code`.
 */
export function writeSocialInsuranceDataToFile(path: string, data: SocialInsuranceData): void {
  const fd = openSync(path, 'w');
  try {
    let chunk = '';
    const write = (text: string) => {
      chunk += text;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    };
    const section = (name: string, records: readonly object[], last: boolean) => {
      write(`"${name}": [\n`);
      records.forEach((r, i) => write(JSON.stringify(r) + (i < records.length - 1 ? ',\n' : '\n')));
      write(last ? ']\n' : '],\n');
    };
    write('{\n');
    section('employers', data.employers, false);
    section('persons', data.persons, true);
    write('}\n');
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads an export in the contract's own format (see
 * `writeSocialInsuranceDataToFile`), e.g. a pilot's dump of the real system,
 * and checks every record against the contract. Any JSON layout is accepted
 * up to 256 MB; larger files must have one record per line, as written here.
 * Throws `SocialInsuranceDataError` naming the file and the first bad field.
 */
export function loadSocialInsuranceDataFromFile(
  path: string,
  options: { wholeDocumentLimitBytes?: number } = {},
): SocialInsuranceData {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new SocialInsuranceDataError(
      `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (size <= (options.wholeDocumentLimitBytes ?? WHOLE_DOCUMENT_LIMIT_BYTES)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new SocialInsuranceDataError(`${path}: not JSON (${(error as Error).message})`);
    }
    return checkSocialInsuranceData(parsed, path);
  }
  return readLineByLine(path);
}

function readLineByLine(path: string): SocialInsuranceData {
  const buffer = readFileSync(path);
  const data: SocialInsuranceData = { employers: [], persons: [] };
  const layoutError = (line: number) =>
    new SocialInsuranceDataError(
      `${path}: line ${line}: too large to read as one JSON text, and not one record per line as writeSocialInsuranceDataToFile writes it`,
    );
  let section: 'employers' | 'persons' | null = null;
  let start = 0;
  let lineNo = 0;
  const seen = new Set<string>();
  while (start < buffer.length) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    const line = buffer.toString('utf8', start, end).trim();
    start = end + 1;
    lineNo++;
    if (line === '' || line === '{' || line === '}') continue;
    const header = /^"(employers|persons)":\s*\[$/.exec(line);
    if (header) {
      section = header[1] as 'employers' | 'persons';
      seen.add(section);
      continue;
    }
    if (line === '],' || line === ']') {
      section = null;
      continue;
    }
    if (!section) throw layoutError(lineNo);
    let record: unknown;
    try {
      record = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
    } catch {
      throw layoutError(lineNo);
    }
    data[section].push(record as never);
  }
  if (!seen.has('employers') || !seen.has('persons')) throw layoutError(lineNo);
  return checkSocialInsuranceData(data, path);
}
