import { normalizeIdentifierInput } from '@oncegate/identifiers';
import { SourceError } from '../shared';
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
