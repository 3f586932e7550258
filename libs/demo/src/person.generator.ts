import { homeAddress } from './addresses';
import { addYears, ageOn, compactDay, dayFromYmd, isoDay, yearOf } from './calendar';
import {
  BIRTHPLACES_ELSEWHERE,
  COUNTY_PROFILES,
  COUNTY_WEIGHTS,
  type CountyProfile,
} from './counties';
import type { DemoApplicant, DemoIdentifier, DemoSourceRecord } from './demo.types';
import { dayBetween, type GenerationContext } from './generation-context';
import { goldenAttributes, PERSON_ATTRIBUTES } from './golden-attributes';
import { type Gender, mobilePhone, personName, supplementaryCharName } from './names';
import type { Random } from './random';
import { taxOffice } from './tax-office';

/** A generated person plus what the enterprise generator needs to link to them. */
export interface GeneratedPerson {
  readonly applicant: DemoApplicant;
  readonly residentId: string;
  readonly name: string;
  readonly gender: Gender;
  readonly birthDay: number;
  /** Where they live now (the ID's area code is where the number was issued). */
  readonly county: CountyProfile;
  /** 人员类别 in social insurance, when they are insured. */
  readonly personCategory?: PersonCategory;
  readonly socialInsurance?: DemoSourceRecord;
}

/** 人员类别 */
export type PersonCategory = '在职' | '退休' | '灵活就业' | '城乡居民';

/** Relative weight of each birth decade: working ages dominate a county's applicants. */
const DECADE_WEIGHTS: Record<number, number> = {
  1940: 6,
  1950: 12,
  1960: 18,
  1970: 19,
  1980: 18,
  1990: 17,
  2000: 10,
};

/** First-generation cards carried 15-digit numbers; records keyed by them predate 2004. */
const LAST_LEGACY_BIRTH_YEAR = 1980;
const LAST_LEGACY_RECORD_DAY = dayFromYmd(2003, 12, 31);

export function generatePersons(
  rng: Random,
  context: GenerationContext,
  count: number,
): GeneratedPerson[] {
  const persons: GeneratedPerson[] = [];
  // One person (if there are any) carries 𠮷, a character outside the BMP.
  const supplementaryIndex = count > 0 ? rng.int(0, count - 1) : -1;
  for (let i = 0; i < count; i++) {
    persons.push(generatePerson(rng, context, i === supplementaryIndex));
  }
  return persons;
}

/** Someone who is not an applicant themselves, e.g. a legal representative: name and ID only. */
export function generateBystander(
  rng: Random,
  context: GenerationContext,
  county: CountyProfile,
): { name: string; residentId: string } {
  const gender: Gender = rng.chance(0.7) ? 'MALE' : 'FEMALE';
  const latest = Math.min(context.birthRange.to, addYears(context.nowDay, -22));
  const range = { from: context.birthRange.from, to: Math.max(context.birthRange.from, latest) };
  const wanted = drawBirthDay(rng, range);
  const { id, birthDay } = context.residentIds.allocate(rng, county.code, gender, wanted, range);
  return { name: personName(rng, gender, yearOf(birthDay)), residentId: id };
}

function generatePerson(
  rng: Random,
  context: GenerationContext,
  withSupplementaryChar: boolean,
): GeneratedPerson {
  const county = rng.weighted(COUNTY_WEIGHTS);
  const gender: Gender = rng.chance(0.51) ? 'MALE' : 'FEMALE';
  const wantedBirthDay = drawBirthDay(rng, context.birthRange);
  const { areaCode, lastBirthDay } = issuingArea(rng, county, yearOf(wantedBirthDay));
  const range = {
    from: context.birthRange.from,
    to: Math.min(context.birthRange.to, lastBirthDay),
  };
  const { id, birthDay } = context.residentIds.allocate(
    rng,
    areaCode,
    gender,
    wantedBirthDay,
    range,
  );
  const name = withSupplementaryChar
    ? supplementaryCharName(rng)
    : personName(rng, gender, yearOf(birthDay));
  const phone = mobilePhone(rng);
  const address = homeAddress(rng, county);
  const age = ageOn(birthDay, context.nowDay);

  const roll = rng.next();
  const inSocialInsurance = roll < 0.88;
  const inTax = roll >= 0.72;

  const facts: PersonFacts = { id, name, gender, birthDay, county, phone, address };
  const records: DemoSourceRecord[] = [];
  const identifier: DemoIdentifier = { scheme: 'RESIDENT_ID', value: id };
  let socialInsurance: DemoSourceRecord | undefined;
  let personCategory: PersonCategory | undefined;
  if (inSocialInsurance) {
    personCategory = pickCategory(rng, gender, age);
    const legacy =
      yearOf(birthDay) <= LAST_LEGACY_BIRTH_YEAR &&
      personCategory !== '城乡居民' &&
      rng.chance(0.08);
    if (legacy) {
      // Only consistent by construction: area + YYMMDD + sequence, no century, no check.
      identifier.originalValue = id.slice(0, 6) + id.slice(8, 17);
    }
    socialInsurance = socialInsuranceRecord(rng, context, facts, personCategory, identifier);
    records.push(socialInsurance);
  }
  if (inTax) {
    records.push(taxRecord(rng, context, facts, inSocialInsurance));
  }
  return {
    applicant: {
      kind: 'PERSON',
      name,
      identifiers: [identifier],
      // Copied to an array of exactly its length: `push` leaves room for 16 more, times a million.
      sourceRecords: records.slice(),
      attributes: goldenAttributes(records, PERSON_ATTRIBUTES),
    },
    residentId: id,
    name,
    gender,
    birthDay,
    county,
    personCategory,
    socialInsurance,
  };
}

interface PersonFacts {
  readonly id: string;
  readonly name: string;
  readonly gender: Gender;
  readonly birthDay: number;
  readonly county: CountyProfile;
  readonly phone: string;
  readonly address: string;
}

export function drawBirthDay(rng: Random, range: { from: number; to: number }): number {
  const year = rng.weighted(birthYearWeights(range));
  const from = Math.max(range.from, dayFromYmd(year, 1, 1));
  const to = Math.min(range.to, dayFromYmd(year, 12, 31));
  return rng.int(from, to);
}

/** Birth years of a range with their weights; a run uses only a few ranges, a million times. */
const BIRTH_YEAR_WEIGHTS = new Map<string, readonly (readonly [number, number])[]>();

function birthYearWeights(range: {
  from: number;
  to: number;
}): readonly (readonly [number, number])[] {
  const key = `${range.from}|${range.to}`;
  let years = BIRTH_YEAR_WEIGHTS.get(key);
  if (!years) {
    const list: [number, number][] = [];
    for (let year = yearOf(range.from); year <= yearOf(range.to); year++) {
      list.push([year, DECADE_WEIGHTS[Math.floor(year / 10) * 10] ?? 10]);
    }
    years = list;
    if (BIRTH_YEAR_WEIGHTS.size < 64) BIRTH_YEAR_WEIGHTS.set(key, years);
  }
  return years;
}

/**
 * The 地址码 of the number: mostly the county they live in, sometimes another
 * demo county they moved from, sometimes far away (including retired codes).
 */
function issuingArea(
  rng: Random,
  county: CountyProfile,
  birthYear: number,
): { areaCode: string; lastBirthDay: number } {
  const roll = rng.next();
  if (roll < 0.07) {
    const possible = BIRTHPLACES_ELSEWHERE.filter(
      (place) => place.lastBirthYear === undefined || place.lastBirthYear >= birthYear,
    );
    const place = rng.pick(possible);
    return {
      areaCode: place.code,
      lastBirthDay:
        place.lastBirthYear === undefined
          ? Number.MAX_SAFE_INTEGER
          : dayFromYmd(place.lastBirthYear, 12, 31),
    };
  }
  const area = roll < 0.12 ? rng.pick(COUNTY_PROFILES) : county;
  return { areaCode: area.code, lastBirthDay: Number.MAX_SAFE_INTEGER };
}

function pickCategory(rng: Random, gender: Gender, age: number): PersonCategory {
  if (age >= (gender === 'MALE' ? 60 : 55)) return rng.chance(0.8) ? '退休' : '城乡居民';
  return rng.weighted<PersonCategory>([
    ['在职', 55],
    ['灵活就业', 20],
    ['城乡居民', 25],
  ]);
}

function socialInsuranceRecord(
  rng: Random,
  context: GenerationContext,
  person: PersonFacts,
  category: PersonCategory,
  identifier: DemoIdentifier,
): DemoSourceRecord {
  const adult = addYears(person.birthDay, 18);
  const schemeStart = dayFromYmd(category === '城乡居民' ? 2012 : 1993, 1, 1);
  const latest = identifier.originalValue
    ? Math.min(context.nowDay - 2, LAST_LEGACY_RECORD_DAY)
    : context.nowDay - 2;
  const firstInsured = dayBetween(rng, Math.max(adult, schemeStart), latest);
  // Unique by construction (a counter), so it needs no claim.
  const localId = `SI-PER-${String(context.next('si-person')).padStart(6, '0')}`;
  return {
    system: 'social-insurance',
    localId,
    rawPayload: {
      // A record first keyed by the old number still carries it.
      social_security_no: identifier.originalValue ?? person.id,
      cert_type: '01',
      name: person.name,
      gender: person.gender === 'MALE' ? '1' : '2',
      birth_date: compactDay(person.birthDay),
      person_category: category,
      first_insured_date: compactDay(firstInsured),
      insured_place: person.county.code,
      mobile: person.phone,
      address: person.address,
    },
    normalized: {
      socialSecurityNo: person.id,
      certType: '01',
      certNo: person.id,
      name: person.name,
      gender: person.gender,
      birthDate: isoDay(person.birthDay),
      personCategory: category,
      firstInsuredDate: isoDay(firstInsured),
      divisionCode: person.county.code,
      phone: person.phone,
      address: person.address,
    },
    observedAt: context.observedAt(
      rng,
      Math.max(firstInsured, context.nowDay - 900),
      context.nowDay - 1,
    ),
  };
}

/** 自然人纳税人: the ID number is the taxpayer number. */
function taxRecord(
  rng: Random,
  context: GenerationContext,
  person: PersonFacts,
  secondary: boolean,
): DemoSourceRecord {
  const office = taxOffice(person.county);
  const registered = dayBetween(
    rng,
    Math.max(addYears(person.birthDay, 18), dayFromYmd(2019, 1, 1)),
    context.nowDay - 2,
  );
  // A second system often lacks the address: nobody asked for it there.
  const withAddress = !secondary || rng.chance(0.6);
  // Unique by construction (one counter for all tax records), so it needs no claim.
  const localId = `20${person.county.code}${String(context.next('tax')).padStart(12, '0')}`;
  const raw: Record<string, unknown> = {
    DJXH: localId,
    NSRSBH: person.id,
    NSRMC: person.name,
    NSRLX: '自然人',
    ZJLX: '居民身份证',
    ZJHM: person.id,
    XB: person.gender === 'MALE' ? '男' : '女',
    CSRQ: isoDay(person.birthDay),
    GJ: '中国',
    LXDH: person.phone,
    NSRZT: '正常',
    ZGSWJG: office.name,
    ZGSWJG_DM: office.code,
    DJRQ: isoDay(registered),
  };
  const normalized: Record<string, unknown> = {
    taxpayerId: person.id,
    certType: '01',
    certNo: person.id,
    name: person.name,
    taxpayerCategory: '自然人',
    gender: person.gender,
    birthDate: isoDay(person.birthDay),
    phone: person.phone,
    registrationStatus: '正常',
    competentTaxOffice: office.code,
    divisionCode: person.county.code,
    registeredAt: isoDay(registered),
  };
  if (withAddress) {
    raw.LXDZ = person.address;
    normalized.address = person.address;
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
