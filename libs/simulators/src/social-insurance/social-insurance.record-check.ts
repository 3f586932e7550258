import {
  CERT_TYPE_CODES,
  CONTRIBUTION_STATUS_CODES,
  DEFERRABLE_INSURANCE_TYPE_CODES,
  FILING_CHANNEL_CODES,
  FILING_STATUS_CODES,
  FILING_SUBTYPE_CODES,
  FILING_TYPE_CODES,
  GENDER_CODES,
  INSURANCE_TYPE_CODES,
  PARTICIPATION_STATUS_CODES,
  PERSON_CATEGORY_CODES,
  UNIT_TYPE_CODES,
  type SocialInsuranceData,
  type SocialInsuranceEmployerRecord,
  type SocialInsurancePersonRecord,
} from './social-insurance.records';

/** An export that is not in the social-insurance contract's format; the message names the first bad field. */
export class SocialInsuranceDataError extends Error {
  override readonly name = 'SocialInsuranceDataError';
}

type Json = Record<string, unknown>;

const USCC = /^[0-9A-Za-z]{18}$/;
const SOCIAL_SECURITY_NO = /^(\d{15}|\d{17}[0-9Xx])$/;
const AREA = /^\d{6}$/;
const DATE_TIME_14 = /^\d{14}$/;

function fail(path: string, what: string): never {
  throw new SocialInsuranceDataError(`${path} ${what}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, 'must be an object');
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function text(o: Json, key: string, path: string, pattern?: RegExp): string {
  const value = o[key];
  if (typeof value !== 'string' || value.length === 0) fail(`${path}.${key}`, 'must be a string');
  if (pattern && !pattern.test(value)) fail(`${path}.${key}`, `does not match ${pattern.source}`);
  return value;
}

function optionalText(o: Json, key: string, path: string, pattern?: RegExp): void {
  if (o[key] !== undefined) text(o, key, path, pattern);
}

function code(o: Json, key: string, path: string, codes: readonly string[]): void {
  const value = o[key];
  if (typeof value !== 'string' || !codes.includes(value))
    fail(`${path}.${key}`, `must be one of ${codes.join(', ')}`);
}

function count(o: Json, key: string, path: string, max = Number.MAX_SAFE_INTEGER): void {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    fail(`${path}.${key}`, `must be an integer from 0 to ${max}`);
}

function amount(o: Json, key: string, path: string, nullable = false): void {
  const value = o[key];
  if (nullable && value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(`${path}.${key}`, 'must be a non-negative number');
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function date8(o: Json, key: string, path: string, optional = false): void {
  const value = o[key];
  if (optional && value === undefined) return;
  if (
    typeof value !== 'string' ||
    !/^\d{8}$/.test(value) ||
    !isRealDate(+value.slice(0, 4), +value.slice(4, 6), +value.slice(6, 8))
  )
    fail(`${path}.${key}`, 'must be a date yyyyMMdd');
}

function month6(o: Json, key: string, path: string, optional = false): void {
  const value = o[key];
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || !/^\d{4}(0[1-9]|1[0-2])$/.test(value))
    fail(`${path}.${key}`, 'must be a month yyyyMM');
}

/** `yyyyMMddHHmmss` that names a real second (北京时间; no leap seconds, as the system writes them). */
function dateTime14(o: Json, key: string, path: string): void {
  const value = o[key];
  if (value === undefined) return;
  if (
    typeof value !== 'string' ||
    !DATE_TIME_14.test(value) ||
    !isRealDate(+value.slice(0, 4), +value.slice(4, 6), +value.slice(6, 8)) ||
    +value.slice(8, 10) > 23 ||
    +value.slice(10, 12) > 59 ||
    +value.slice(12, 14) > 59
  )
    fail(`${path}.${key}`, 'must be a time yyyyMMddHHmmss');
}

function checkEmployer(raw: unknown, path: string): SocialInsuranceEmployerRecord {
  const o = object(raw, path);
  text(o, 'unit_no', path);
  text(o, 'unit_insurance_no', path);
  if (o.uscc === null) {
    // A unit that never completed 三证合一 is known by its old organisation code only.
    text(o, 'org_code', path);
  } else {
    text(o, 'uscc', path, USCC);
    optionalText(o, 'org_code', path);
  }
  text(o, 'unit_name', path);
  code(o, 'unit_type', path, UNIT_TYPE_CODES);
  text(o, 'insured_place', path, AREA);
  date8(o, 'registered_at', path);
  for (const key of ['legal_rep', 'contact_phone', 'unit_address']) optionalText(o, key, path);
  if (o.work_injury_risk_class !== undefined) {
    const value = o.work_injury_risk_class;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 8)
      fail(`${path}.work_injury_risk_class`, 'must be an integer from 1 to 8');
  }
  const lines = array(o.lines, `${path}.lines`);
  if (lines.length === 0) fail(`${path}.lines`, 'must not be empty');
  lines.forEach((rawLine, i) => {
    const p = `${path}.lines[${i}]`;
    const line = object(rawLine, p);
    code(line, 'insurance_type', p, INSURANCE_TYPE_CODES);
    code(line, 'participation_status', p, PARTICIPATION_STATUS_CODES);
    count(line, 'insured_count', p);
    code(line, 'contribution_status', p, CONTRIBUTION_STATUS_CODES);
    month6(line, 'paid_up_to', p, true);
    amount(line, 'arrears_amount', p);
    count(line, 'arrears_months', p);
  });
  if (o.deferral !== undefined) {
    const p = `${path}.deferral`;
    const deferral = object(o.deferral, p);
    optionalText(deferral, 'approval_no', p);
    const deferred = array(deferral.lines, `${p}.lines`);
    if (deferred.length === 0) fail(`${p}.lines`, 'must not be empty');
    deferred.forEach((value, i) => {
      if (!(DEFERRABLE_INSURANCE_TYPE_CODES as readonly unknown[]).includes(value))
        fail(`${p}.lines[${i}]`, `must be one of ${DEFERRABLE_INSURANCE_TYPE_CODES.join(', ')}`);
    });
    month6(deferral, 'period_from', p);
    month6(deferral, 'period_to', p);
    date8(deferral, 'approved_at', p);
  }
  dateTime14(o, 'updated_at', path);
  return o as unknown as SocialInsuranceEmployerRecord;
}

function checkPerson(raw: unknown, path: string): SocialInsurancePersonRecord {
  const o = object(raw, path);
  text(o, 'personal_no', path);
  text(o, 'social_security_no', path, SOCIAL_SECURITY_NO);
  code(o, 'cert_type', path, CERT_TYPE_CODES);
  text(o, 'name', path);
  if (o.gender !== undefined) code(o, 'gender', path, GENDER_CODES);
  date8(o, 'birth_date', path, true);
  code(o, 'person_category', path, PERSON_CATEGORY_CODES);
  text(o, 'insured_place', path, AREA);
  optionalText(o, 'employer_uscc', path, USCC);
  for (const key of ['employer_name', 'mobile', 'address']) optionalText(o, key, path);
  const lines = array(o.lines, `${path}.lines`);
  if (lines.length === 0) fail(`${path}.lines`, 'must not be empty');
  lines.forEach((rawLine, i) => {
    const p = `${path}.lines[${i}]`;
    const line = object(rawLine, p);
    code(line, 'insurance_type', p, INSURANCE_TYPE_CODES);
    code(line, 'participation_status', p, PARTICIPATION_STATUS_CODES);
    amount(line, 'contribution_base', p, true);
    count(line, 'cumulative_months', p);
    date8(line, 'first_insured_date', p);
    month6(line, 'paid_up_to', p, true);
  });
  array(o.cross_region_medical_filings, `${path}.cross_region_medical_filings`).forEach(
    (rawFiling, i) => {
      const p = `${path}.cross_region_medical_filings[${i}]`;
      const filing = object(rawFiling, p);
      text(filing, 'filing_no', p);
      text(filing, 'insured_area_code', p, AREA);
      text(filing, 'treatment_area_code', p, AREA);
      code(filing, 'filing_type', p, FILING_TYPE_CODES);
      code(filing, 'filing_subtype', p, FILING_SUBTYPE_CODES);
      date8(filing, 'valid_from', p);
      date8(filing, 'valid_to', p, true);
      if (filing.filing_channel !== undefined)
        code(filing, 'filing_channel', p, FILING_CHANNEL_CODES);
      code(filing, 'status', p, FILING_STATUS_CODES);
    },
  );
  dateTime14(o, 'updated_at', path);
  return o as unknown as SocialInsurancePersonRecord;
}

/** One employer record checked against the contract's `InsuredEmployer` (with `uscc: null` allowed, as in exports). */
export function checkEmployerRecord(
  raw: unknown,
  path = 'employer',
): SocialInsuranceEmployerRecord {
  return checkEmployer(raw, path);
}

/** One person record checked against the contract's `InsuredPerson`. */
export function checkPersonRecord(raw: unknown, path = 'person'): SocialInsurancePersonRecord {
  return checkPerson(raw, path);
}

/**
 * A whole export `{ employers: [...], persons: [...] }` checked record by
 * record; unknown extra fields are kept (the contract allows them).
 */
export function checkSocialInsuranceData(raw: unknown, where = 'data'): SocialInsuranceData {
  const o = object(raw, where);
  const employers = array(o.employers, `${where}.employers`).map((r, i) =>
    checkEmployer(r, `${where}.employers[${i}]`),
  );
  const persons = array(o.persons, `${where}.persons`).map((r, i) =>
    checkPerson(r, `${where}.persons[${i}]`),
  );
  return { employers, persons };
}
