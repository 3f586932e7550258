import { normalizeIdentifierInput, upgradeResidentId15 } from '@oncegate/identifiers';
import {
  SourceError,
  SubmissionItems,
  type DepartmentApplicantRecord,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { SOCIAL_INSURANCE_PROCEDURES } from './social-insurance.port';
import {
  InsuranceContributionStatus,
  InsuranceParticipationStatus,
  InsuranceScheme,
  InsuranceType,
  InsuredCertType,
  InsuredPersonCategory,
  InsuredUnitType,
  MedicalFilingChannel,
  MedicalFilingStatus,
  MedicalFilingSubtype,
  MedicalFilingType,
  type ContributionDeferral,
  type CrossRegionMedicalFiling,
  type EmployerInsuranceLine,
  type InsuredEmployer,
  type InsuredPerson,
  type PersonInsuranceLine,
} from './social-insurance.types';

/*
 * The social-insurance contract (contracts/departments/social-insurance.openapi.yaml)
 * mapped to our types. Every answer is checked field by field; anything off the
 * contract is SOURCE_INVALID_RESPONSE. Messages name the field, never its value:
 * values are identifiers and names of people.
 */

type Json = Record<string, unknown>;

const SCHEMES: Readonly<Record<string, readonly [InsuranceType, InsuranceScheme]>> = {
  '110': [InsuranceType.PENSION, InsuranceScheme.EMPLOYEE_PENSION],
  '120': [InsuranceType.PENSION, InsuranceScheme.PUBLIC_SECTOR_PENSION],
  '170': [InsuranceType.PENSION, InsuranceScheme.RESIDENT_PENSION],
  '210': [InsuranceType.UNEMPLOYMENT, InsuranceScheme.UNEMPLOYMENT],
  '310': [InsuranceType.MEDICAL, InsuranceScheme.EMPLOYEE_MEDICAL],
  '390': [InsuranceType.MEDICAL, InsuranceScheme.RESIDENT_MEDICAL],
  '410': [InsuranceType.WORK_INJURY, InsuranceScheme.WORK_INJURY],
  '510': [InsuranceType.MATERNITY, InsuranceScheme.MATERNITY],
};

const PARTICIPATION: Readonly<Record<string, InsuranceParticipationStatus>> = {
  '1': InsuranceParticipationStatus.ACTIVE,
  '2': InsuranceParticipationStatus.SUSPENDED,
  '3': InsuranceParticipationStatus.TERMINATED,
};

const CONTRIBUTION: Readonly<Record<string, InsuranceContributionStatus>> = {
  '1': InsuranceContributionStatus.NORMAL,
  '2': InsuranceContributionStatus.IN_ARREARS,
  '3': InsuranceContributionStatus.DEFERRED,
};

const UNIT_TYPES: Readonly<Record<string, InsuredUnitType>> = {
  '10': InsuredUnitType.ENTERPRISE,
  '20': InsuredUnitType.GOVERNMENT_AGENCY,
  '30': InsuredUnitType.PUBLIC_INSTITUTION,
  '40': InsuredUnitType.SOCIAL_ORGANIZATION,
  '50': InsuredUnitType.PRIVATE_NON_ENTERPRISE,
  '60': InsuredUnitType.INDIVIDUAL_BUSINESS,
  '70': InsuredUnitType.FARMER_COOPERATIVE,
  '90': InsuredUnitType.OTHER,
};

const PERSON_CATEGORIES: Readonly<Record<string, InsuredPersonCategory>> = {
  '11': InsuredPersonCategory.EMPLOYED,
  '21': InsuredPersonCategory.RETIRED,
  '31': InsuredPersonCategory.FLEXIBLY_EMPLOYED,
  '41': InsuredPersonCategory.RESIDENT,
};

const CERT_TYPES: Readonly<Record<string, InsuredCertType>> = {
  '01': InsuredCertType.RESIDENT_ID_CARD,
  '02': InsuredCertType.HK_MACAO_TAIWAN_RESIDENCE_PERMIT,
  '03': InsuredCertType.FOREIGN_PERMANENT_RESIDENT_ID,
  '99': InsuredCertType.OTHER,
};

const FILING_TYPES: Readonly<Record<string, MedicalFilingType>> = {
  '1': MedicalFilingType.LONG_TERM_RESIDENT,
  '2': MedicalFilingType.TEMPORARY,
};

const FILING_SUBTYPES: Readonly<
  Record<string, readonly [MedicalFilingSubtype, MedicalFilingType]>
> = {
  '11': [MedicalFilingSubtype.RETIREE_RESETTLED, MedicalFilingType.LONG_TERM_RESIDENT],
  '12': [MedicalFilingSubtype.LONG_TERM_RESIDENCE, MedicalFilingType.LONG_TERM_RESIDENT],
  '13': [MedicalFilingSubtype.POSTED_FOR_WORK, MedicalFilingType.LONG_TERM_RESIDENT],
  '21': [MedicalFilingSubtype.REFERRAL, MedicalFilingType.TEMPORARY],
  '22': [MedicalFilingSubtype.EMERGENCY, MedicalFilingType.TEMPORARY],
  '29': [MedicalFilingSubtype.OTHER_TEMPORARY, MedicalFilingType.TEMPORARY],
};

const FILING_STATUSES: Readonly<Record<string, MedicalFilingStatus>> = {
  '1': MedicalFilingStatus.VALID,
  '2': MedicalFilingStatus.REVOKED,
  '3': MedicalFilingStatus.EXPIRED,
};

const FILING_CHANNELS: Readonly<Record<string, MedicalFilingChannel>> = {
  '1': MedicalFilingChannel.ONLINE,
  '2': MedicalFilingChannel.SERVICE_COUNTER,
  '9': MedicalFilingChannel.OTHER,
};

const DEFERRABLE = new Set(['110', '120', '210', '410']);

const USCC = /^[0-9A-Z]{18}$/;
/** A USCC as the system may store it: lower case allowed (the contract's pattern). */
const STORED_USCC = /^[0-9A-Za-z]{18}$/;
const AREA = /^\d{6}$/;
const DATE_TIME_14 = /^\d{14}$/;
const GENDERS = new Set(['1', '2', '9']);
/** 北京时间, the system's clock (UTC+8, no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

function invalid(path: string, what: string): SourceError {
  return SourceError.invalidResponse('social-insurance', `${path} ${what}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(path, 'is not an object');
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'is not an array');
  return value;
}

function text(o: Json, key: string, path: string): string {
  const value = o[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(`${path}.${key}`, 'is not a non-empty string');
  return value;
}

function optionalText(o: Json, key: string, path: string): string | null {
  return o[key] === undefined || o[key] === null ? null : text(o, key, path);
}

function matching(o: Json, key: string, path: string, pattern: RegExp): string {
  const value = text(o, key, path);
  if (!pattern.test(value)) throw invalid(`${path}.${key}`, 'is not in the contract format');
  return value;
}

function coded<T>(o: Json, key: string, path: string, table: Readonly<Record<string, T>>): T {
  const value = o[key];
  if (typeof value !== 'string' || !Object.hasOwn(table, value))
    throw invalid(`${path}.${key}`, 'is not a code of the contract');
  return table[value];
}

function wholeNumber(o: Json, key: string, path: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(`${path}.${key}`, `is not an integer from ${min} to ${max}`);
  return value;
}

function yuan(o: Json, key: string, path: string): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw invalid(`${path}.${key}`, 'is not a non-negative amount');
  return value;
}

/** `yyyyMMdd` → `YYYY-MM-DD`, refusing dates that do not exist. */
function date(o: Json, key: string, path: string): string {
  const value = o[key];
  if (typeof value === 'string' && /^\d{8}$/.test(value)) {
    const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
    const parsed = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso)) return iso;
  }
  throw invalid(`${path}.${key}`, 'is not a date yyyyMMdd');
}

function optionalDate(o: Json, key: string, path: string): string | null {
  return o[key] === undefined || o[key] === null ? null : date(o, key, path);
}

/** `yyyyMM` → `YYYY-MM`. */
function month(o: Json, key: string, path: string): string {
  const value = o[key];
  if (typeof value !== 'string' || !/^\d{4}(0[1-9]|1[0-2])$/.test(value))
    throw invalid(`${path}.${key}`, 'is not a month yyyyMM');
  return `${value.slice(0, 4)}-${value.slice(4, 6)}`;
}

function optionalMonth(o: Json, key: string, path: string): string | null {
  return o[key] === undefined || o[key] === null ? null : month(o, key, path);
}

function uscc(o: Json, key: string, path: string): string {
  const value = normalizeIdentifierInput(text(o, key, path));
  if (!USCC.test(value)) throw invalid(`${path}.${key}`, 'is not a USCC');
  return value;
}

/**
 * The 18-character form of a 社会保障号码: 15-digit numbers upgraded the way
 * the system files them (century 18 for the 1989 centenarian codes 996–999).
 */
function eighteen(raw: string): string | null {
  const value = normalizeIdentifierInput(raw);
  if (/^\d{17}[\dX]$/.test(value)) return value;
  if (/^\d{15}$/.test(value))
    return upgradeResidentId15(value, /99[6-9]$/.test(value) ? '18' : '19');
  return null;
}

function residentId(o: Json, key: string, path: string): { value: string; legacy: string | null } {
  const stored = text(o, key, path);
  const value = eighteen(stored);
  if (value === null)
    throw invalid(`${path}.${key}`, 'is not a 社会保障号码 of 15 or 18 characters');
  return {
    value,
    legacy: value === normalizeIdentifierInput(stored) ? null : normalizeIdentifierInput(stored),
  };
}

function employerLine(raw: unknown, path: string): EmployerInsuranceLine {
  const o = object(raw, path);
  const [insuranceType, scheme] = coded(o, 'insurance_type', path, SCHEMES);
  return {
    insuranceType,
    scheme,
    participationStatus: coded(o, 'participation_status', path, PARTICIPATION),
    insuredCount: wholeNumber(o, 'insured_count', path),
    contributionStatus: coded(o, 'contribution_status', path, CONTRIBUTION),
    paidUpTo: optionalMonth(o, 'paid_up_to', path),
    arrearsAmountYuan: yuan(o, 'arrears_amount', path),
    arrearsMonths: wholeNumber(o, 'arrears_months', path),
  };
}

function deferral(raw: unknown, path: string): ContributionDeferral {
  const o = object(raw, path);
  const lines = array(o.lines, `${path}.lines`);
  if (lines.length === 0) throw invalid(`${path}.lines`, 'is empty');
  const insuranceTypes = lines.map((code, i) => {
    if (typeof code !== 'string' || !DEFERRABLE.has(code))
      throw invalid(`${path}.lines[${i}]`, 'is not a deferrable insurance type');
    return SCHEMES[code][0];
  });
  return {
    approvalNo: optionalText(o, 'approval_no', path),
    insuranceTypes: [...new Set(insuranceTypes)],
    periodFrom: month(o, 'period_from', path),
    periodTo: month(o, 'period_to', path),
    approvedOn: date(o, 'approved_at', path),
  };
}

/** Everything of an `EmployerRecord` but its `uscc`, checked. */
function employerDetails(o: Json, path: string): Omit<InsuredEmployer, 'uscc'> {
  const lines = array(o.lines, `${path}.lines`).map((l, i) =>
    employerLine(l, `${path}.lines[${i}]`),
  );
  if (lines.length === 0) throw invalid(`${path}.lines`, 'is empty');
  const riskClass = o.work_injury_risk_class;
  return {
    unitInsuranceNo: text(o, 'unit_insurance_no', path),
    unitName: text(o, 'unit_name', path),
    unitType: coded(o, 'unit_type', path, UNIT_TYPES),
    insuredPlace: matching(o, 'insured_place', path, AREA),
    registeredOn: date(o, 'registered_at', path),
    workInjuryRiskClass:
      riskClass === undefined || riskClass === null
        ? null
        : wholeNumber(o, 'work_injury_risk_class', path, 1, 8),
    insuredCount: Math.max(
      0,
      ...lines
        .filter((l) => l.participationStatus !== InsuranceParticipationStatus.TERMINATED)
        .map((l) => l.insuredCount),
    ),
    lines,
    deferral:
      o.deferral === undefined || o.deferral === null
        ? null
        : deferral(o.deferral, `${path}.deferral`),
  };
}

/** One `InsuredEmployer` of the contract; `uscc` normalized. */
export function toInsuredEmployer(raw: unknown, path = 'employer'): InsuredEmployer {
  const o = object(raw, path);
  const details = employerDetails(o, path);
  return { uscc: uscc(o, 'uscc', path), ...details };
}

function personLine(raw: unknown, path: string): PersonInsuranceLine {
  const o = object(raw, path);
  const [insuranceType, scheme] = coded(o, 'insurance_type', path, SCHEMES);
  if (!Object.hasOwn(o, 'contribution_base'))
    throw invalid(`${path}.contribution_base`, 'is missing');
  return {
    insuranceType,
    scheme,
    participationStatus: coded(o, 'participation_status', path, PARTICIPATION),
    contributionBaseYuan: o.contribution_base === null ? null : yuan(o, 'contribution_base', path),
    cumulativeMonths: wholeNumber(o, 'cumulative_months', path),
    firstInsuredDate: date(o, 'first_insured_date', path),
    paidUpTo: optionalMonth(o, 'paid_up_to', path),
  };
}

function filing(raw: unknown, path: string): CrossRegionMedicalFiling {
  const o = object(raw, path);
  const filingType = coded(o, 'filing_type', path, FILING_TYPES);
  const [subtype, typeOfSubtype] = coded(o, 'filing_subtype', path, FILING_SUBTYPES);
  if (typeOfSubtype !== filingType)
    throw invalid(`${path}.filing_subtype`, 'does not belong to its filing_type');
  return {
    filingNo: text(o, 'filing_no', path),
    insuredAreaCode: matching(o, 'insured_area_code', path, AREA),
    treatmentAreaCode: matching(o, 'treatment_area_code', path, AREA),
    filingType,
    subtype,
    validFrom: date(o, 'valid_from', path),
    validTo: optionalDate(o, 'valid_to', path),
    channel:
      o.filing_channel === undefined || o.filing_channel === null
        ? null
        : coded(o, 'filing_channel', path, FILING_CHANNELS),
    status: coded(o, 'status', path, FILING_STATUSES),
  };
}

interface PersonRegistration {
  readonly socialSecurityNo: string;
  readonly legacy: string | null;
  readonly person: Omit<
    InsuredPerson,
    'socialSecurityNo' | 'legacySocialSecurityNo' | 'recordCount'
  >;
}

function registration(raw: unknown, path: string): PersonRegistration {
  const o = object(raw, path);
  const { value, legacy } = residentId(o, 'social_security_no', path);
  const lines = array(o.lines, `${path}.lines`).map((l, i) => personLine(l, `${path}.lines[${i}]`));
  if (lines.length === 0) throw invalid(`${path}.lines`, 'is empty');
  return {
    socialSecurityNo: value,
    legacy,
    person: {
      personalNo: text(o, 'personal_no', path),
      certType: coded(o, 'cert_type', path, CERT_TYPES),
      name: text(o, 'name', path),
      personCategory: coded(o, 'person_category', path, PERSON_CATEGORIES),
      insuredPlace: matching(o, 'insured_place', path, AREA),
      employerUscc:
        o.employer_uscc === undefined || o.employer_uscc === null
          ? null
          : uscc(o, 'employer_uscc', path),
      employerName: optionalText(o, 'employer_name', path),
      lines,
      crossRegionMedicalFilings: array(
        o.cross_region_medical_filings,
        `${path}.cross_region_medical_filings`,
      ).map((f, i) => filing(f, `${path}.cross_region_medical_filings[${i}]`)),
    },
  };
}

function activeLines(r: PersonRegistration): number {
  return r.person.lines.filter((l) => l.participationStatus === InsuranceParticipationStatus.ACTIVE)
    .length;
}

function latestPaid(r: PersonRegistration): string {
  return r.person.lines.reduce((max, l) => (l.paidUpTo && l.paidUpTo > max ? l.paidUpTo : max), '');
}

/**
 * The registrations of one person merged into one `InsuredPerson` (see its
 * doc): the one in force first, lines of other insurances and every filing
 * added from the rest.
 */
function mergeRegistrations(
  registrations: readonly PersonRegistration[],
  socialSecurityNo: string,
): InsuredPerson {
  const ranked = [...registrations].sort(
    (a, b) => activeLines(b) - activeLines(a) || latestPaid(b).localeCompare(latestPaid(a)),
  );
  const shown = ranked[0].person;
  const lines = [...shown.lines];
  const schemes = new Set(lines.map((l) => l.scheme));
  const filings = new Map<string, CrossRegionMedicalFiling>();
  for (const r of ranked) {
    for (const line of r.person.lines) {
      if (!schemes.has(line.scheme)) {
        schemes.add(line.scheme);
        lines.push(line);
      }
    }
    for (const f of r.person.crossRegionMedicalFilings)
      if (!filings.has(f.filingNo)) filings.set(f.filingNo, f);
  }
  return {
    ...shown,
    socialSecurityNo,
    legacySocialSecurityNo: registrations.find((r) => r.legacy !== null)?.legacy ?? null,
    lines,
    crossRegionMedicalFilings: [...filings.values()],
    recordCount: registrations.length,
  };
}

/** The registrations of one person (`GET /persons/{no}` data, or one key's batch records) as one `InsuredPerson`. */
export function toInsuredPerson(raws: readonly unknown[], path = 'persons'): InsuredPerson {
  if (raws.length === 0) throw invalid(path, 'is empty');
  const registrations = raws.map((r, i) => registration(r, `${path}[${i}]`));
  const id = registrations[0].socialSecurityNo;
  if (registrations.some((r) => r.socialSecurityNo !== id))
    throw invalid(path, 'holds registrations of different persons');
  return mergeRegistrations(registrations, id);
}

function envelope(body: unknown, path = 'body'): Json {
  const o = object(body, path);
  if (o.code !== 'SUCCESS') throw invalid(`${path}.code`, 'is not SUCCESS on an HTTP 200 answer');
  text(o, 'message', path);
  text(o, 'request_id', path);
  return o;
}

/** The answer of `GET /si/api/v1/employers/{uscc}` (HTTP 200). */
export function parseEmployerResponse(body: unknown): InsuredEmployer {
  return toInsuredEmployer(envelope(body).data, 'body.data');
}

/** The answer of `GET /si/api/v1/persons/{social_security_no}` (HTTP 200). */
export function parsePersonsResponse(body: unknown): InsuredPerson {
  const data = array(envelope(body).data, 'body.data');
  return toInsuredPerson(data, 'body.data');
}

export interface BatchQuery {
  readonly employers: readonly string[];
  readonly persons: readonly string[];
}

export interface BatchAnswer {
  /** Keyed by the keys as sent. */
  readonly employers: ReadonlyMap<string, InsuredEmployer>;
  readonly persons: ReadonlyMap<string, InsuredPerson>;
}

/**
 * The answer of `POST /si/api/v1/batch/query` (HTTP 200) for `sent`: found
 * records by the key they were found by, the rest absent. Every key sent must
 * be accounted for, as found or not found, and nothing else may come back.
 */
export function parseBatchResponse(body: unknown, sent: BatchQuery): BatchAnswer {
  const data = object(envelope(body).data, 'body.data');
  const employerKeys = new Set(sent.employers);
  const personKeys = new Set(sent.persons);
  const employers = new Map<string, InsuredEmployer>();
  array(data.employers, 'body.data.employers').forEach((raw, i) => {
    const path = `body.data.employers[${i}]`;
    const key = text(object(raw, path), 'query_key', path);
    if (!employerKeys.has(key) || employers.has(key))
      throw invalid(`${path}.query_key`, 'is not a key of the request, or comes twice');
    const employer = toInsuredEmployer(raw, path);
    if (employer.uscc !== normalizeIdentifierInput(key))
      throw invalid(`${path}.uscc`, 'is not the key it was found by');
    employers.set(key, employer);
  });
  const registrations = new Map<string, unknown[]>();
  array(data.persons, 'body.data.persons').forEach((raw, i) => {
    const path = `body.data.persons[${i}]`;
    const key = text(object(raw, path), 'query_key', path);
    if (!personKeys.has(key)) throw invalid(`${path}.query_key`, 'is not a key of the request');
    const list = registrations.get(key);
    if (list) list.push(raw);
    else registrations.set(key, [raw]);
  });
  const persons = new Map<string, InsuredPerson>();
  for (const [key, raws] of registrations) {
    const person = toInsuredPerson(raws, 'body.data.persons');
    if (person.socialSecurityNo !== eighteen(key))
      throw invalid('body.data.persons', 'holds a registration of another number than its key');
    persons.set(key, person);
  }
  const notFound = { employer: new Set<string>(), person: new Set<string>() };
  array(data.not_found, 'body.data.not_found').forEach((raw, i) => {
    const path = `body.data.not_found[${i}]`;
    const o = object(raw, path);
    const type = o.query_type;
    if (type !== 'employer' && type !== 'person')
      throw invalid(`${path}.query_type`, 'is not employer or person');
    const key = text(o, 'query_key', path);
    const found = type === 'employer' ? employers.has(key) : persons.has(key);
    const asked = type === 'employer' ? employerKeys.has(key) : personKeys.has(key);
    if (!asked || found) throw invalid(`${path}.query_key`, 'was not asked, or was also found');
    notFound[type].add(key);
  });
  for (const key of employerKeys)
    if (!employers.has(key) && !notFound.employer.has(key))
      throw invalid('body.data', 'does not account for every employer key sent');
  for (const key of personKeys)
    if (!persons.has(key) && !notFound.person.has(key))
      throw invalid('body.data', 'does not account for every person key sent');
  return { employers, persons };
}

/**
 * `yyyyMMddHHmmss` in 北京时间 → the instant, refusing times that do not
 * exist (31 February, 24:00). Plain arithmetic: a sync maps a million of them.
 */
function dateTime(o: Json, key: string, path: string): Date {
  const value = o[key];
  if (typeof value === 'string' && DATE_TIME_14.test(value)) {
    const y = Number(value.slice(0, 4));
    const mo = Number(value.slice(4, 6));
    const d = Number(value.slice(6, 8));
    const h = Number(value.slice(8, 10));
    const mi = Number(value.slice(10, 12));
    const sec = Number(value.slice(12, 14));
    const local = Date.UTC(y, mo - 1, d, h, mi, sec);
    const check = new Date(local);
    if (
      h < 24 &&
      mi < 60 &&
      sec < 60 &&
      check.getUTCFullYear() === y &&
      check.getUTCMonth() === mo - 1 &&
      check.getUTCDate() === d
    )
      return new Date(local - BEIJING_OFFSET_MS);
  }
  throw invalid(`${path}.${key}`, 'is not a time yyyyMMddHHmmss');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * An instant as the system writes times: `yyyyMMddHHmmss` in 北京时间,
 * milliseconds dropped (the system keeps seconds). For the feed's cursor.
 */
export function socialInsuranceTimeText(instant: Date): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('not a valid time');
  const local = new Date(Math.floor(ms / 1000) * 1000 + BEIJING_OFFSET_MS);
  const year = local.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new RangeError('a year the system cannot write');
  return (
    String(year) +
    pad2(local.getUTCMonth() + 1) +
    pad2(local.getUTCDate()) +
    pad2(local.getUTCHours()) +
    pad2(local.getUTCMinutes()) +
    pad2(local.getUTCSeconds())
  );
}

/** The record's own `updated_at`, when it carries one, must be the item's. */
function sameUpdatedAt(record: Json, item: Json, path: string): void {
  if (record.updated_at !== undefined && record.updated_at !== item.updated_at)
    throw invalid(`${path}.updated_at`, 'is not the updated_at of its change record');
}

/**
 * One `ChangedRecord` of the change feed as a `DepartmentApplicantRecord`:
 * the whole record checked as strictly as a lookup's, then the identity
 * fields taken **as held** (a lower-case USCC, a 15-digit number, the
 * `yyyyMMdd` birth date) — the same values the simulator's export rows hold.
 * `raw` is the item as received.
 */
export function toDepartmentRecord(raw: unknown, path = 'record'): DepartmentApplicantRecord {
  const o = object(raw, path);
  const localId = text(o, 'record_no', path);
  const changedAt = dateTime(o, 'updated_at', path);
  if (o.record_type === 'employer') {
    const p = `${path}.employer`;
    const e = object(o.employer, p);
    employerDetails(e, p);
    if (text(e, 'unit_no', p) !== localId) throw invalid(`${p}.unit_no`, 'is not the record_no');
    if (!Object.hasOwn(e, 'uscc')) throw invalid(`${p}.uscc`, 'is missing');
    sameUpdatedAt(e, o, p);
    return {
      system: 'social-insurance',
      localId,
      kind: 'ENTERPRISE',
      name: text(e, 'unit_name', p),
      uscc: e.uscc === null ? null : matching(e, 'uscc', p, STORED_USCC),
      residentId: null,
      legalRepresentative: optionalText(e, 'legal_rep', p),
      birthDate: null,
      phone: optionalText(e, 'contact_phone', p),
      address: optionalText(e, 'unit_address', p),
      changedAt,
      raw,
    };
  }
  if (o.record_type === 'person') {
    const p = `${path}.person`;
    const r = object(o.person, p);
    const { person } = registration(r, p);
    if (person.personalNo !== localId) throw invalid(`${p}.personal_no`, 'is not the record_no');
    if (r.gender !== undefined && !GENDERS.has(r.gender as string))
      throw invalid(`${p}.gender`, 'is not a code of the contract');
    optionalDate(r, 'birth_date', p);
    sameUpdatedAt(r, o, p);
    return {
      system: 'social-insurance',
      localId,
      kind: 'PERSON',
      name: person.name,
      uscc: null,
      // The 社会保障号码 is the 身份证号码 only on a 居民身份证 registration.
      residentId:
        person.certType === InsuredCertType.RESIDENT_ID_CARD
          ? text(r, 'social_security_no', p)
          : null,
      legalRepresentative: null,
      birthDate:
        r.birth_date === undefined || r.birth_date === null ? null : (r.birth_date as string),
      phone: optionalText(r, 'mobile', p),
      address: optionalText(r, 'address', p),
      changedAt,
      raw,
    };
  }
  throw invalid(`${path}.record_type`, 'is not employer or person');
}

/** Where a page of the change feed was asked to start, as sent on the wire. */
export interface ChangesQuery {
  /** `updated_after` and `after_record_no`; null for the first page. */
  readonly after: { readonly updatedAt: string; readonly recordNo: string } | null;
  readonly pageSize: number;
}

export interface ChangesAnswer {
  readonly records: DepartmentApplicantRecord[];
  readonly hasMore: boolean;
  /** The wire cursor of the last record, for asking on. */
  readonly last: { readonly updatedAt: string; readonly recordNo: string } | null;
}

/**
 * The answer of `GET /si/api/v1/changes` (HTTP 200) for `sent`: at most
 * `page_size` records, each strictly after the one before and the first
 * strictly after the cursor sent, by (`updated_at`, `record_no`) — anything
 * else breaks the contract, and a sync built on it would skip or repeat.
 */
export function parseChangesResponse(body: unknown, sent: ChangesQuery): ChangesAnswer {
  const data = object(envelope(body).data, 'body.data');
  const items = array(data.records, 'body.data.records');
  if (items.length > sent.pageSize)
    throw invalid('body.data.records', 'holds more records than page_size');
  if (typeof data.has_more !== 'boolean') throw invalid('body.data.has_more', 'is not a boolean');
  // `updated_at` has 14 characters, so one comparison of the joined text is the feed's order.
  let previous = sent.after === null ? null : sent.after.updatedAt + sent.after.recordNo;
  let last: ChangesAnswer['last'] = null;
  const records = items.map((item, i) => {
    const path = `body.data.records[${i}]`;
    const record = toDepartmentRecord(item, path);
    const updatedAt = (item as Json).updated_at as string;
    const key = updatedAt + record.localId;
    if (previous !== null && key <= previous)
      throw invalid(path, 'is not after the record or cursor before it');
    previous = key;
    last = { updatedAt, recordNo: record.localId };
    return record;
  });
  return { records, hasMore: data.has_more, last };
}

/** The code and message of an error answer, or null when the body is not the contract's error shape. */
export function parseErrorBody(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const { code, message, request_id: requestId } = body as Json;
  if (typeof code !== 'string' || typeof message !== 'string' || typeof requestId !== 'string')
    return null;
  return { code, message };
}

// ---- 单位参保登记 (POST /si/api/v1/unit-registrations) ------------------------

/** 单位参保登记 as the system takes it (the contract's `UnitRegistrationRequest`). */
export interface UnitRegistrationRequest {
  /** 外部业务编号: OnceGate's application number. */
  readonly external_no: string;
  /** 申请时间, `yyyyMMddHHmmss` 北京时间. */
  readonly applied_at: string;
  readonly uscc: string;
  readonly unit_name: string;
  readonly legal_rep: string;
  /** `01` 居民身份证: the catalogue's 法定代表人公民身份号码 is one. */
  readonly legal_rep_cert_type: '01';
  readonly legal_rep_cert_no: string;
  readonly unit_address: string;
  readonly contact_phone: string;
  readonly agent_name: string;
  readonly agent_mobile: string;
  readonly bank_name: string;
  readonly bank_account: string;
  readonly employee_count: number;
  readonly insurance_types: readonly ('110' | '210' | '410')[];
}

/** si.insuranceTypes → 险种类型 codes (the contract's code table). */
const REGISTRABLE_INSURANCE_TYPES = {
  PENSION: '110',
  UNEMPLOYMENT: '210',
  WORK_INJURY: '410',
} as const;

/** Which catalogue item each field of the request carries: how `invalid_fields` is told in our terms. */
export const UNIT_REGISTRATION_ITEMS: Readonly<Record<string, string>> = {
  uscc: 'applicant.uscc',
  unit_name: 'applicant.name',
  legal_rep: 'applicant.legalRepName',
  legal_rep_cert_no: 'applicant.legalRepIdNo',
  unit_address: 'applicant.address',
  contact_phone: 'applicant.phone',
  agent_name: 'contact.name',
  agent_mobile: 'contact.phone',
  bank_name: 'si.bankName',
  bank_account: 'si.bankAccount',
  employee_count: 'si.employeeCount',
  insurance_types: 'si.insuranceTypes',
};

const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;
const MOBILE = /^1\d{10}$/;
const BANK_ACCOUNT = /^\d{8,32}$/;

/**
 * An SI_UNIT_REGISTRATION submission as the system's 单位参保登记: snake_case,
 * 申请时间 `yyyyMMddHHmmss` in 北京时间, insurances as 险种类型 codes, the
 * legal representative's number as a 居民身份证 (`01`). A RangeError (naming
 * the item) when the submission cannot be put so.
 */
export function toUnitRegistrationRequest(
  submission: DepartmentSubmission,
): UnitRegistrationRequest {
  const items = SubmissionItems.of('social-insurance', submission, SOCIAL_INSURANCE_PROCEDURES);
  return {
    external_no: submission.applicationNo,
    applied_at: socialInsuranceTimeText(submission.submittedAt),
    uscc: items.matching('applicant.uscc', USCC, 'an 18-character 统一社会信用代码'),
    unit_name: items.text('applicant.name', 200),
    legal_rep: items.text('applicant.legalRepName', 50),
    legal_rep_cert_type: '01',
    legal_rep_cert_no: items.matching(
      'applicant.legalRepIdNo',
      RESIDENT_ID_SHAPE,
      'an 18-character 公民身份号码',
    ),
    unit_address: items.text('applicant.address', 200),
    contact_phone: items.text('applicant.phone', 30),
    agent_name: items.text('contact.name', 50),
    agent_mobile: items.matching('contact.phone', MOBILE, 'an 11-digit mobile number'),
    bank_name: items.text('si.bankName', 100),
    bank_account: items.matching('si.bankAccount', BANK_ACCOUNT, 'a bank account of 8–32 digits'),
    employee_count: items.integer('si.employeeCount', 1, 1_000_000),
    insurance_types: items.codes('si.insuranceTypes', REGISTRABLE_INSURANCE_TYPES),
  };
}

/**
 * The answer of `POST /si/api/v1/unit-registrations` → the receipt: 201 a
 * new case (`duplicate` false), 200 the case of a key received before
 * (`duplicate` true); 受理号 `acceptance_no`, 受理时间 `accepted_at`. Anything
 * off the contract is SOURCE_INVALID_RESPONSE.
 */
export function parseUnitRegistrationResponse(status: number, body: unknown): SubmissionReceipt {
  const data = object(envelope(body).data, 'body.data');
  const receiptNo = text(data, 'acceptance_no', 'body.data');
  if ([...receiptNo].length > 40) throw invalid('body.data.acceptance_no', 'is longer than 40');
  const receivedAt = dateTime(data, 'accepted_at', 'body.data');
  if (typeof data.duplicate !== 'boolean') throw invalid('body.data.duplicate', 'is not a boolean');
  if (data.duplicate !== (status === 200)) {
    throw invalid(
      'body.data.duplicate',
      'does not agree with the HTTP status (201 new, 200 repeated)',
    );
  }
  return { receiptNo, receivedAt, duplicate: data.duplicate };
}

/** The system's refusals of a registration, by HTTP status and code: final answers. */
const REFUSALS: Readonly<Record<string, string>> = {
  '400 INVALID_REQUEST': "the registration breaks the system's contract (请求参数错误)",
  '409 IDEMPOTENCY_CONFLICT': 'the idempotency key was used before for another body (幂等键冲突)',
  '422 VALIDATION_FAILED': "the content fails the system's checks (申请内容校验不通过)",
};

/**
 * A refused registration (400 / 409 / 422 with the contract's error body)
 * as SOURCE_REJECTED, naming the catalogue items of its `invalid_fields` —
 * never the message, which may quote values. Null when the answer is not
 * such a refusal (a 401 is about the signature, not the content).
 */
export function unitRegistrationRejection(status: number, body: unknown): SourceError | null {
  const error = parseErrorBody(body);
  const key = error ? `${status} ${error.code}` : '';
  if (!error || !Object.hasOwn(REFUSALS, key)) return null;
  const fields = (body as Json).invalid_fields;
  const named = Array.isArray(fields)
    ? [
        ...new Set(
          fields.flatMap((field) =>
            typeof field === 'string' && Object.hasOwn(UNIT_REGISTRATION_ITEMS, field)
              ? [UNIT_REGISTRATION_ITEMS[field]]
              : [],
          ),
        ),
      ]
    : [];
  return SourceError.rejected(
    'social-insurance',
    error.code,
    named.length > 0 ? `${REFUSALS[key]}; items: ${named.join(', ')}` : REFUSALS[key],
  );
}
