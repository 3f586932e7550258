import { normalizeIdentifierInput } from '@oncegate/identifiers';
import {
  SourceError,
  SubmissionItems,
  changesPageSize,
  isAfterCursor,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { TAX_PROCEDURES } from './tax.port';
import type {
  TaxArrears,
  TaxCreditLevel,
  TaxCreditRating,
  TaxProfile,
  TaxpayerCategory,
  TaxpayerStatus,
  VatTaxpayerType,
} from './tax.types';

/*
 * Upstream → domain for the 金税 SOAP contract (contracts/departments/tax.wsdl).
 * Input is the SOAP body element as the `soap` package parses it with our
 * client options: elements become properties, repeated ones arrays, and every
 * leaf stays the text the service sent (dates, decimals and ints are not
 * converted, so that this mapper checks them itself). Anything off-contract —
 * a required element missing, a value outside its type, a batch that does not
 * answer exactly what was asked — is a SOURCE_INVALID_RESPONSE. Elements the
 * contract does not define are ignored, as a tolerant SOAP reader does, so an
 * additive change on the department's side does not take the gateway down.
 * Error messages name the element path, never a value: they reach logs.
 */

const STATUS: Readonly<Record<string, TaxpayerStatus>> = {
  正常: 'NORMAL',
  停业: 'SUSPENDED',
  非正常: 'ABNORMAL',
  清算: 'LIQUIDATING',
  注销: 'DEREGISTERED',
};

const CATEGORY: Readonly<Record<string, TaxpayerCategory>> = {
  单位纳税人: 'UNIT',
  个体经营: 'INDIVIDUAL_BUSINESS',
  自然人: 'NATURAL_PERSON',
};

const VAT_TYPE: Readonly<Record<string, VatTaxpayerType>> = {
  一般纳税人: 'GENERAL',
  小规模纳税人: 'SMALL_SCALE',
};

const CREDIT_LEVELS: ReadonlySet<string> = new Set<TaxCreditLevel>(['A', 'B', 'M', 'C', 'D']);

const NSRSBH = /^[0-9A-Za-z]{15,20}$/;
const DJXH = /^\d{20}$/;
const TAX_OFFICE_CODE = /^\d{11}$/;
/** xs:date; an optional timezone is dropped: these are calendar days in China time. */
const XS_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;
const AMOUNT = /^\d{1,15}(?:\.\d{1,2})?$/;
/** GXSJType: an xs:dateTime to the millisecond; no offset means China time. */
const XS_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))?$/;
/** China Standard Time, UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** TextType's and ZJHMType's maxLength, in characters. */
const TEXT_MAX = 200;
const ID_TEXT_MAX = 40;
const SCORE = /^\d{1,3}(?:\.\d)?$/;

function invalid(path: string, why: string): SourceError {
  return SourceError.invalidResponse('tax', `${path} ${why}`);
}

type Node = Readonly<Record<string, unknown>>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function node(value: unknown, path: string): Node {
  if (!isNode(value)) throw invalid(path, 'is missing or not an element with children');
  return value;
}

/** A repeated element: the parser gives an array, or a single object when the schema was not consulted. */
function many(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of a leaf; `undefined` when absent or empty. An element with children where text belongs is off-contract. */
function optionalText(parent: Node, name: string, path: string): string | undefined {
  let value = parent[name];
  // An element with attributes (e.g. xsi:type) comes as { attributes, $value }.
  if (isNode(value) && '$value' in value) value = value.$value;
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) throw invalid(`${path}.${name}`, 'occurs more than once');
  if (typeof value !== 'string') throw invalid(`${path}.${name}`, 'is not text');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function text(parent: Node, name: string, path: string): string {
  const value = optionalText(parent, name, path);
  if (value === undefined) throw invalid(`${path}.${name}`, 'is missing or empty');
  return value;
}

function matching(value: string, pattern: RegExp, path: string, what: string): string {
  if (!pattern.test(value)) throw invalid(path, `is not ${what}`);
  return value;
}

function coded<T>(table: Readonly<Record<string, T>>, value: string, path: string): T {
  const mapped = Object.prototype.hasOwnProperty.call(table, value) ? table[value] : undefined;
  if (mapped === undefined) throw invalid(path, 'has a value outside the contract');
  return mapped;
}

function date(value: string, path: string): string {
  const m = XS_DATE.exec(value);
  if (!m) throw invalid(path, 'is not an xs:date');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw invalid(path, 'is not a calendar date');
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function optionalDate(parent: Node, name: string, path: string): string | undefined {
  const value = optionalText(parent, name, path);
  return value === undefined ? undefined : date(value, `${path}.${name}`);
}

function amount(parent: Node, name: string, path: string): number {
  return Number(matching(text(parent, name, path), AMOUNT, `${path}.${name}`, 'an amount in 元'));
}

function mapCreditRating(value: unknown, path: string): TaxCreditRating {
  const n = node(value, path);
  const yearText = matching(text(n, 'PJND', path), /^\d{4}$/, `${path}.PJND`, 'a year');
  const year = Number(yearText);
  if (year < 2014 || year > 2100) throw invalid(`${path}.PJND`, 'is outside 2014–2100');
  const level = text(n, 'XYDJ', path);
  if (!CREDIT_LEVELS.has(level)) throw invalid(`${path}.XYDJ`, 'has a value outside the contract');
  const scoreText = optionalText(n, 'PF', path);
  let score: number | undefined;
  if (scoreText !== undefined) {
    score = Number(matching(scoreText, SCORE, `${path}.PF`, 'a score'));
    if (score > 100) throw invalid(`${path}.PF`, 'is above 100');
  }
  return score === undefined
    ? { year, level: level as TaxCreditLevel }
    : { year, level: level as TaxCreditLevel, score };
}

function mapArrears(value: unknown, path: string): TaxArrears {
  const n = node(value, path);
  const periodFrom = date(text(n, 'SSQQ', path), `${path}.SSQQ`);
  const periodTo = date(text(n, 'SSQZ', path), `${path}.SSQZ`);
  if (periodFrom > periodTo) throw invalid(path, 'has SSQQ after SSQZ');
  const noticeDate = optionalDate(n, 'GGRQ', path);
  const arrears: TaxArrears = {
    taxType: text(n, 'SZ', path),
    periodFrom,
    periodTo,
    balanceYuan: amount(n, 'QSYE', path),
    lateFeeYuan: amount(n, 'ZNJ', path),
  };
  return noticeDate === undefined ? arrears : { ...arrears, noticeDate };
}

/** One TaxpayerInfo (登记序号) in our terms, before registrations are combined. */
interface Registration {
  readonly taxpayerId: string;
  readonly registrationNo: string;
  readonly name: string;
  readonly category: TaxpayerCategory;
  readonly vatTaxpayerType?: VatTaxpayerType;
  readonly status: TaxpayerStatus;
  readonly statusLabel: string;
  readonly competentTaxOffice: string;
  readonly competentTaxOfficeName?: string;
  readonly registeredOn: string;
  readonly legalRepresentative?: string;
  readonly creditRating?: TaxCreditRating;
  readonly arrears: readonly TaxArrears[];
}

function mapRegistration(value: unknown, path: string): Registration {
  const n = node(value, path);
  const statusLabel = text(n, 'NSRZT', path);
  const vat = optionalText(n, 'ZZSNSRLX', path);
  const office = optionalText(n, 'ZGSWJG', path);
  const representative = optionalText(n, 'FDDBRXM', path);
  const rating = n.NSXYXX;
  return {
    taxpayerId: normalizeIdentifierInput(
      matching(text(n, 'NSRSBH', path), NSRSBH, `${path}.NSRSBH`, 'a 纳税人识别号'),
    ),
    registrationNo: matching(text(n, 'DJXH', path), DJXH, `${path}.DJXH`, 'a 20-digit 登记序号'),
    name: text(n, 'NSRMC', path),
    category: coded(CATEGORY, text(n, 'NSRLX', path), `${path}.NSRLX`),
    ...(vat === undefined ? {} : { vatTaxpayerType: coded(VAT_TYPE, vat, `${path}.ZZSNSRLX`) }),
    status: coded(STATUS, statusLabel, `${path}.NSRZT`),
    statusLabel,
    competentTaxOffice: matching(
      text(n, 'ZGSWJG_DM', path),
      TAX_OFFICE_CODE,
      `${path}.ZGSWJG_DM`,
      'an 11-digit 税务机关代码',
    ),
    ...(office === undefined ? {} : { competentTaxOfficeName: office }),
    registeredOn: date(text(n, 'DJRQ', path), `${path}.DJRQ`),
    ...(representative === undefined ? {} : { legalRepresentative: representative }),
    ...(rating === undefined || rating === null
      ? {}
      : { creditRating: mapCreditRating(rating, `${path}.NSXYXX`) }),
    arrears: many(n.QSXX).map((item, i) => mapArrears(item, `${path}.QSXX[${i}]`)),
  };
}

/**
 * Which registration speaks for the taxpayer when there are several: one that
 * is not 注销 before one that is (a move or a closed duplicate leaves a 注销
 * registration behind); among those, the earliest registered, because a
 * second live registration of the same number is a duplicate made in error;
 * ties by the lower 登记序号.
 */
function primaryFirst(a: Registration, b: Registration): number {
  const closed = Number(a.status === 'DEREGISTERED') - Number(b.status === 'DEREGISTERED');
  if (closed !== 0) return closed;
  if (a.registeredOn !== b.registeredOn) return a.registeredOn < b.registeredOn ? -1 : 1;
  return a.registrationNo < b.registrationNo ? -1 : a.registrationNo > b.registrationNo ? 1 : 0;
}

/**
 * Combines every registration the tax system returned for one 纳税人识别号:
 * the primary one's facts; the most recent credit rating of any of them (a
 * rating belongs to the taxpayer, whichever registration carried it); and the
 * arrears of all of them (the taxpayer owes them, whatever registration they
 * were assessed under).
 */
export function mapTaxpayerInfos(infos: readonly unknown[], path: string): TaxProfile {
  if (infos.length === 0) throw invalid(path, 'has no TaxpayerInfo');
  const registrations = infos.map((info, i) => mapRegistration(info, `${path}.TaxpayerInfo[${i}]`));
  const taxpayerId = registrations[0].taxpayerId;
  if (registrations.some((r) => r.taxpayerId !== taxpayerId)) {
    throw invalid(path, 'mixes registrations of different 纳税人识别号');
  }
  const [primary] = [...registrations].sort(primaryFirst);
  let creditRating = primary.creditRating;
  for (const r of registrations) {
    if (r.creditRating && (!creditRating || r.creditRating.year > creditRating.year)) {
      creditRating = r.creditRating;
    }
  }
  const arrears = [primary, ...registrations.filter((r) => r !== primary)].flatMap(
    (r) => r.arrears,
  );
  const { creditRating: _primaryRating, arrears: _primaryArrears, ...facts } = primary;
  return {
    ...facts,
    ...(creditRating ? { creditRating } : {}),
    arrears,
    hasArrears: arrears.some((a) => a.balanceYuan > 0 || a.lateFeeYuan > 0),
  };
}

/** GetTaxpayerInfoResponse → the taxpayer, or null when the tax office does not know the number (FHDM 0001). */
export function mapGetTaxpayerInfoResponse(body: unknown): TaxProfile | null {
  const path = 'GetTaxpayerInfoResponse';
  const n = node(body, path);
  const code = text(n, 'FHDM', path);
  text(n, 'FHXX', path);
  const infos = many(n.TaxpayerInfo);
  switch (code) {
    case '0000':
      return mapTaxpayerInfos(infos, path);
    case '0001':
      if (infos.length > 0) throw invalid(path, 'has TaxpayerInfo with FHDM 0001');
      return null;
    default:
      throw invalid(`${path}.FHDM`, 'has a value outside the contract');
  }
}

/**
 * BatchGetTaxpayerInfoResponse → taxpayers keyed by the 纳税人识别号 exactly as
 * requested; unknown numbers are absent. The answer must hold one 查询结果 per
 * requested number, no more and no other.
 */
export function mapBatchGetTaxpayerInfoResponse(
  body: unknown,
  requested: readonly string[],
): Map<string, TaxProfile> {
  const path = 'BatchGetTaxpayerInfoResponse';
  const n = node(body, path);
  if (text(n, 'FHDM', path) !== '0000') throw invalid(`${path}.FHDM`, 'is not 0000');
  text(n, 'FHXX', path);
  const wanted = new Set(requested);
  const answered = new Set<string>();
  const found = new Map<string, TaxProfile>();
  many(n.CXJG).forEach((item, i) => {
    const itemPath = `${path}.CXJG[${i}]`;
    const result = node(item, itemPath);
    const key = text(result, 'CXNSRSBH', itemPath);
    if (!wanted.has(key)) throw invalid(`${itemPath}.CXNSRSBH`, 'was not requested');
    if (answered.has(key)) throw invalid(`${itemPath}.CXNSRSBH`, 'is answered twice');
    answered.add(key);
    const infos = many(result.TaxpayerInfo);
    const flag = text(result, 'CXBZ', itemPath);
    if (flag === 'Y') found.set(key, mapTaxpayerInfos(infos, itemPath));
    else if (flag === 'N') {
      if (infos.length > 0) throw invalid(itemPath, 'has TaxpayerInfo with CXBZ N');
    } else throw invalid(`${itemPath}.CXBZ`, 'has a value outside the contract');
  });
  if (answered.size !== wanted.size) {
    throw invalid(path, `answers ${answered.size} of ${wanted.size} requested taxpayers`);
  }
  return found;
}

// ------------------------------------------------------------------ change feed

/**
 * A 更新时间 (GXSJ, xs:dateTime) as an instant, or null when the text is not
 * one: a day or time that does not exist, or finer than a millisecond. A time
 * without an offset is China time, as the contract says.
 */
export function parseTaxTime(text: string): Date | null {
  const m = XS_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const d = new Date(local);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  if (m[8] === 'Z') return d;
  if (m[9] === undefined) return new Date(local - CHINA_OFFSET_MS);
  if (Number(m[10]) > 14 || Number(m[11]) > 59) return null;
  const offsetMinutes = Number(m[10]) * 60 + Number(m[11]);
  return new Date(local - (m[9] === '+' ? 1 : -1) * offsetMinutes * 60_000);
}

/** An instant as the contract's GXSJ text: China time with `+08:00`, milliseconds only when not zero. */
export function formatTaxTime(at: Date): string {
  const ms = at.getTime();
  const iso = Number.isNaN(ms) ? '' : new Date(ms + CHINA_OFFSET_MS).toISOString();
  if (iso.length !== 24)
    throw new RangeError('a 更新时间 must be a valid date in the years 0000–9999');
  const fraction = iso.slice(19, 23);
  return `${iso.slice(0, 19)}${fraction === '.000' ? '' : fraction}+08:00`;
}

/** The body of a GetTaxpayerInfoChangesRequest, in schema order (the `soap` package writes keys as given). */
export interface TaxChangesRequest {
  /** 起始更新时间 */
  readonly QSGXSJ?: string;
  /** 起始登记序号 */
  readonly QSDJXH?: string;
  /** 每页条数 */
  readonly MYTS: number;
}

/**
 * The request for the page after `after`: its changedAt as QSGXSJ and its
 * localId as QSDJXH (left out when `''`: every registration changed at that
 * moment then). A cursor whose localId is not a 登记序号 cannot have come from
 * this feed: a RangeError, like a `limit` that is not a whole number ≥ 1.
 */
export function taxChangesRequest(
  after: ChangeCursor | null,
  limit: number,
  maxLimit: number,
): TaxChangesRequest {
  const MYTS = changesPageSize('tax', limit, maxLimit);
  if (after === null) return { MYTS };
  if (after.localId !== '' && !DJXH.test(after.localId)) {
    throw new RangeError('a tax change cursor’s localId must be a 20-digit 登记序号 (or empty)');
  }
  const QSGXSJ = formatTaxTime(after.changedAt);
  return after.localId === '' ? { QSGXSJ, MYTS } : { QSGXSJ, QSDJXH: after.localId, MYTS };
}

/** Like `optionalText`, refusing a value longer than its type allows. */
function boundedText(parent: Node, name: string, path: string, max: number): string | undefined {
  const value = optionalText(parent, name, path);
  if (value !== undefined && value.length > max && [...value].length > max) {
    throw invalid(`${path}.${name}`, `is longer than ${max} characters`);
  }
  return value;
}

/**
 * One TaxpayerInfo of the change feed as an applicant record, the same values
 * `taxRecordRow` of the simulator's export takes from a registration: a
 * 自然人 is a PERSON whose ID number is the 证件号码 as keyed in — the
 * 纳税人识别号 when none was keyed in, none when it is of another 证件类型 —
 * with 出生日期 and 联系地址; a 单位纳税人 or 个体经营 is an ENTERPRISE whose
 * USCC is its 纳税人识别号 as held, with its 法定代表人 and its 注册地址 (or else
 * 生产经营地址, 联系地址). The whole registration must keep the contract
 * (`mapRegistration` checks it), GXSJ included.
 */
function mapChangedRegistration(value: unknown, path: string): DepartmentApplicantRecord {
  const n = node(value, path);
  const registration = mapRegistration(n, path);
  const changedAt = parseTaxTime(text(n, 'GXSJ', path));
  if (changedAt === null) throw invalid(`${path}.GXSJ`, 'is not an xs:dateTime to the millisecond');
  const nsrsbh = text(n, 'NSRSBH', path);
  const name = boundedText(n, 'NSRMC', path, TEXT_MAX) as string;
  const phone = boundedText(n, 'LXDH', path, TEXT_MAX) ?? null;
  const contactAddress = boundedText(n, 'LXDZ', path, TEXT_MAX);
  const common = { system: 'tax' as const, localId: registration.registrationNo, name, phone };
  if (registration.category === 'NATURAL_PERSON') {
    const idNumber = boundedText(n, 'ZJHM', path, ID_TEXT_MAX);
    const idType = boundedText(n, 'ZJLX', path, TEXT_MAX);
    return {
      ...common,
      kind: 'PERSON',
      uscc: null,
      residentId:
        idNumber === undefined
          ? nsrsbh
          : idType === undefined || idType === '居民身份证'
            ? idNumber
            : null,
      legalRepresentative: null,
      birthDate: optionalDate(n, 'CSRQ', path) ?? null,
      address: contactAddress ?? null,
      changedAt,
      raw: value,
    };
  }
  return {
    ...common,
    kind: 'ENTERPRISE',
    uscc: nsrsbh,
    residentId: null,
    legalRepresentative: boundedText(n, 'FDDBRXM', path, TEXT_MAX) ?? null,
    birthDate: null,
    address:
      boundedText(n, 'ZCDZ', path, TEXT_MAX) ??
      boundedText(n, 'SCJYDZ', path, TEXT_MAX) ??
      contactAddress ??
      null,
    changedAt,
    raw: value,
  };
}

/**
 * GetTaxpayerInfoChangesResponse → one page of the feed. Besides each
 * registration's own contract, the page must keep the feed's: no more than
 * `limit` registrations, each strictly after `after` and after the one before
 * it in (GXSJ, DJXH) order, and HXBZ Y only on a page that has registrations
 * (reading on from nothing would ask the same page forever).
 */
export function mapTaxpayerInfoChangesResponse(
  body: unknown,
  after: ChangeCursor | null,
  limit: number,
): DepartmentRecordPage {
  const path = 'GetTaxpayerInfoChangesResponse';
  const n = node(body, path);
  if (text(n, 'FHDM', path) !== '0000') throw invalid(`${path}.FHDM`, 'is not 0000');
  text(n, 'FHXX', path);
  const flag = text(n, 'HXBZ', path);
  if (flag !== 'Y' && flag !== 'N')
    throw invalid(`${path}.HXBZ`, 'has a value outside the contract');
  const items = many(n.TaxpayerInfo);
  if (items.length > limit)
    throw invalid(path, `has more than the ${limit} TaxpayerInfo asked for`);
  const records: DepartmentApplicantRecord[] = [];
  let previous = after;
  for (let i = 0; i < items.length; i++) {
    const itemPath = `${path}.TaxpayerInfo[${i}]`;
    const record = mapChangedRegistration(items[i], itemPath);
    if (!isAfterCursor(record, previous)) {
      throw invalid(
        itemPath,
        i === 0 ? 'is not after the cursor asked with' : 'is out of (GXSJ, DJXH) order',
      );
    }
    records.push(record);
    previous = record;
  }
  const hasMore = flag === 'Y';
  if (hasMore && records.length === 0) throw invalid(`${path}.HXBZ`, 'is Y on an empty page');
  const last = records.length > 0 ? records[records.length - 1] : undefined;
  const next = last
    ? { changedAt: last.changedAt, localId: last.localId }
    : after && { changedAt: after.changedAt, localId: after.localId };
  return { records, next, hasMore };
}

/** What a SOAP Fault said, for the error message: the fault code and the tax system's 错误代码, never free text with values. */
export function describeTaxFault(fault: unknown): string {
  if (!isNode(fault)) return 'a SOAP Fault';
  const code = typeof fault.faultcode === 'string' ? fault.faultcode.trim() : undefined;
  const detail = isNode(fault.detail) ? fault.detail.TaxServiceFault : undefined;
  const cwdm = isNode(detail) && typeof detail.CWDM === 'string' ? detail.CWDM.trim() : undefined;
  const safeCode =
    code === undefined
      ? 'without a faultcode'
      : /^[\w:.-]{1,40}$/.test(code)
        ? code
        : 'with an unreadable faultcode';
  const safeCwdm = cwdm !== undefined && /^\w{1,10}$/.test(cwdm) ? ` (CWDM ${cwdm})` : '';
  return `a SOAP Fault ${safeCode}${safeCwdm}`;
}

/** A SOAP Fault from the tax system: our request broke its contract or the system failed inside; either way not retried. */
export function mapTaxFault(fault: unknown): SourceError {
  return SourceError.invalidResponse('tax', `answered with ${describeTaxFault(fault)}`);
}

// ------------------------------------------------------------------ submissions

/** The body of a SubmitTaxInfoConfirmationRequest, in schema order (the `soap` package writes keys as given). */
export interface TaxInfoConfirmationRequest {
  /** 请求流水号: the idempotency key. */
  readonly QQLSH: string;
  /** 外部业务编号: OnceGate's application number. */
  readonly WBYWBH: string;
  /** 申请时间, xs:dateTime with +08:00. */
  readonly SQSJ: string;
  readonly NSRSBH: string;
  readonly NSRMC: string;
  readonly FDDBRXM: string;
  readonly FDDBRSFZJHM: string;
  readonly ZCDZ: string;
  readonly LXDH: string;
  readonly CWFZRXM: string;
  readonly CWFZRYDDH: string;
  readonly KJZD: '企业会计准则' | '小企业会计准则' | '其他';
}

/** tax.accountingStandard → 适用会计制度 (`KJZDType`). */
const ACCOUNTING_STANDARDS = {
  ASBE: '企业会计准则',
  SBAS: '小企业会计准则',
  OTHER: '其他',
} as const;

/** Which catalogue item each element of the request carries: how a fault naming elements is told in our terms. */
export const TAX_SUBMISSION_ITEMS: Readonly<Record<string, string>> = {
  NSRSBH: 'applicant.uscc',
  NSRMC: 'applicant.name',
  FDDBRXM: 'applicant.legalRepName',
  FDDBRSFZJHM: 'applicant.legalRepIdNo',
  ZCDZ: 'applicant.address',
  LXDH: 'applicant.phone',
  CWFZRXM: 'tax.financeContactName',
  CWFZRYDDH: 'tax.financeContactPhone',
  KJZD: 'tax.accountingStandard',
};

const USCC_SHAPE = /^[0-9A-Z]{18}$/;
const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/;
const MOBILE = /^1\d{10}$/;
const RECEIPT_NO = /^[0-9A-Z]{1,30}$/;

/**
 * A TAX_INFO_CONFIRMATION submission as the WSDL's
 * SubmitTaxInfoConfirmationRequest: the idempotency key as 请求流水号, the
 * application number as 外部业务编号, 申请时间 in China time, 适用会计制度 in
 * the contract's words. A RangeError (naming the item) when the submission
 * cannot be put so.
 */
export function toTaxInfoConfirmationRequest(
  submission: DepartmentSubmission,
): TaxInfoConfirmationRequest {
  const items = SubmissionItems.of('tax', submission, TAX_PROCEDURES);
  return {
    QQLSH: submission.idempotencyKey,
    WBYWBH: submission.applicationNo,
    SQSJ: formatTaxTime(new Date(Math.floor(submission.submittedAt.getTime() / 1000) * 1000)),
    NSRSBH: items.matching('applicant.uscc', USCC_SHAPE, 'an 18-character 统一社会信用代码'),
    NSRMC: items.text('applicant.name', TEXT_MAX),
    FDDBRXM: items.text('applicant.legalRepName', 50),
    FDDBRSFZJHM: items.matching(
      'applicant.legalRepIdNo',
      RESIDENT_ID_SHAPE,
      'an 18-character 居民身份证号码',
    ),
    ZCDZ: items.text('applicant.address', TEXT_MAX),
    LXDH: items.text('applicant.phone', 30),
    CWFZRXM: items.text('tax.financeContactName', 50),
    CWFZRYDDH: items.matching('tax.financeContactPhone', MOBILE, 'an 11-digit mobile number'),
    KJZD: items.code('tax.accountingStandard', ACCOUNTING_STANDARDS),
  };
}

/**
 * SubmitTaxInfoConfirmationResponse → the receipt: 回执号 HZH, 受理时间 SLSJ,
 * 重复标志 CFBZ. The answer must echo the 请求流水号 sent; anything off the
 * contract is SOURCE_INVALID_RESPONSE.
 */
export function mapSubmitTaxInfoConfirmationResponse(
  body: unknown,
  sentKey: string,
): SubmissionReceipt {
  const path = 'SubmitTaxInfoConfirmationResponse';
  const n = node(body, path);
  if (text(n, 'FHDM', path) !== '0000') throw invalid(`${path}.FHDM`, 'is not 0000');
  text(n, 'FHXX', path);
  if (text(n, 'QQLSH', path) !== sentKey) throw invalid(`${path}.QQLSH`, 'is not the one sent');
  const receiptNo = matching(text(n, 'HZH', path), RECEIPT_NO, `${path}.HZH`, 'a 回执号');
  const receivedAt = parseTaxTime(text(n, 'SLSJ', path));
  if (receivedAt === null)
    throw invalid(`${path}.SLSJ`, 'is not an xs:dateTime to the millisecond');
  const flag = text(n, 'CFBZ', path);
  if (flag !== 'Y' && flag !== 'N')
    throw invalid(`${path}.CFBZ`, 'has a value outside the contract');
  return { receiptNo, receivedAt, duplicate: flag === 'Y' };
}

/** The faults that refuse a submission for what it says (soap:Client): final answers. */
const SUBMISSION_REFUSALS: Readonly<Record<string, string>> = {
  '1001': 'the submission has no 纳税人识别号 (请求缺少纳税人识别号)',
  '1002': 'the 纳税人识别号 is not a valid 统一社会信用代码 (纳税人识别号格式不正确)',
  '1006': 'the 请求流水号 is missing or malformed (请求流水号缺失或格式不正确)',
  '1007': "the content fails the tax office's checks (申报信息校验不通过)",
  '1008': 'the 请求流水号 was used before for other content (请求流水号重复但申报内容不一致)',
};

/**
 * A SOAP Fault answering SubmitTaxInfoConfirmation: a soap:Client refusal
 * of the content (1001, 1002, 1006, 1007, 1008) is SOURCE_REJECTED, naming
 * the items whose elements its CWXX names (never the text itself); 身份认证失败
 * (1000) and 系统内部错误 (soap:Server, 9999) are SOURCE_UNAVAILABLE — the
 * submission was not taken and may be sent again; any other fault breaks
 * the contract.
 */
export function mapSubmissionFault(fault: unknown): SourceError {
  const f = isNode(fault) ? fault : {};
  const faultcode = typeof f.faultcode === 'string' ? f.faultcode.trim() : '';
  const detail = isNode(f.detail) ? f.detail.TaxServiceFault : undefined;
  const cwdm = isNode(detail) && typeof detail.CWDM === 'string' ? detail.CWDM.trim() : '';
  const cwxx = isNode(detail) && typeof detail.CWXX === 'string' ? detail.CWXX : '';
  const side = faultcode.replace(/^[^:]*:/, '');
  const reason = Object.hasOwn(SUBMISSION_REFUSALS, cwdm) ? SUBMISSION_REFUSALS[cwdm] : undefined;
  if (side === 'Client' && reason !== undefined) {
    const named = [
      ...new Set(
        (cwxx.match(/[A-Z][A-Z_]*/g) ?? []).flatMap((element) =>
          Object.hasOwn(TAX_SUBMISSION_ITEMS, element) ? [TAX_SUBMISSION_ITEMS[element]] : [],
        ),
      ),
    ];
    return SourceError.rejected(
      'tax',
      cwdm,
      named.length > 0 ? `${reason}; items: ${named.join(', ')}` : reason,
    );
  }
  if (side === 'Server' || cwdm === '1000') {
    return SourceError.unavailable('tax', `answered with ${describeTaxFault(fault)}`);
  }
  return mapTaxFault(fault);
}
