import { escapeXml, type XmlElement } from './tax-xml';
import { parseTaxTime } from './tax.time';

/** Target namespace of tax.wsdl. */
export const TAX_NAMESPACE = 'urn:chinatax:jsxt:nsrxx:v1';

/** 纳税信用信息 as the tax system holds it (tax.wsdl NSXYXXType). */
export interface NsxyxxRecord {
  /** 评价年度 */
  PJND: string;
  /** 纳税信用等级 A/B/M/C/D */
  XYDJ: string;
  /** 评价分数, one decimal */
  PF?: string;
}

/** 欠税信息 (tax.wsdl QSXXType); amounts are 元 with two decimals, dates YYYY-MM-DD. */
export interface QsxxRecord {
  /** 税种 */
  SZ: string;
  /** 所属期起 */
  SSQQ: string;
  /** 所属期止 */
  SSQZ: string;
  /** 欠税余额 */
  QSYE: string;
  /** 滞纳金 */
  ZNJ: string;
  /** 公告日期 */
  GGRQ?: string;
}

/**
 * One registration (登记序号) in the tax system's own format: the
 * TaxpayerInfoType of tax.wsdl, every leaf as the text the system stores. The
 * simulator serves these as they are, mess included.
 */
export interface TaxpayerInfoRecord {
  DJXH: string;
  NSRSBH: string;
  NSRMC: string;
  NSRLX: string;
  ZZSNSRLX?: string;
  NSRZT: string;
  ZGSWJG_DM: string;
  ZGSWJG?: string;
  DJRQ: string;
  KYRQ?: string;
  HYDM?: string;
  HYMC?: string;
  FDDBRXM?: string;
  FDDBRZJLX?: string;
  FDDBRSFZJHM?: string;
  ZJLX?: string;
  ZJHM?: string;
  XB?: string;
  CSRQ?: string;
  ZCDZ?: string;
  SCJYDZ?: string;
  LXDZ?: string;
  LXDH?: string;
  ZCZB?: string;
  /**
   * 更新时间: when the system last changed the registration, an xs:dateTime
   * (`2026-03-14T09:26:53+08:00`, milliseconds when not zero). Generated data
   * always has one; a replayed export may not (see `taxChangedAt`).
   */
  GXSJ?: string;
  NSXYXX?: NsxyxxRecord;
  QSXX?: QsxxRecord[];
}

type LeafName = Exclude<keyof TaxpayerInfoRecord, 'NSXYXX' | 'QSXX'>;

/** How a leaf is checked when a file is loaded: the XSD facets that matter for serving it. */
interface LeafRule {
  readonly required: boolean;
  readonly check?: RegExp | readonly string[] | ((value: string) => boolean);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d{1,15}(?:\.\d{1,2})?$/;
const TEXT = /^[\s\S]{1,200}$/u;
/** tax.wsdl GXSJType: an xs:dateTime to the millisecond, with or without an offset, that exists. */
const GXSJ = (value: string): boolean => parseTaxTime(value) !== null;

/** The leaves of TaxpayerInfoType in schema order (QSXX and NSXYXX follow them). */
export const TAXPAYER_INFO_LEAVES: readonly (readonly [LeafName, LeafRule])[] = [
  ['DJXH', { required: true, check: /^\d{20}$/ }],
  ['NSRSBH', { required: true, check: /^[0-9A-Za-z]{15,20}$/ }],
  ['NSRMC', { required: true, check: TEXT }],
  ['NSRLX', { required: true, check: ['单位纳税人', '个体经营', '自然人'] }],
  ['ZZSNSRLX', { required: false, check: ['一般纳税人', '小规模纳税人'] }],
  ['NSRZT', { required: true, check: ['正常', '停业', '非正常', '清算', '注销'] }],
  ['ZGSWJG_DM', { required: true, check: /^\d{11}$/ }],
  ['ZGSWJG', { required: false, check: TEXT }],
  ['DJRQ', { required: true, check: DATE }],
  ['KYRQ', { required: false, check: DATE }],
  ['HYDM', { required: false, check: TEXT }],
  ['HYMC', { required: false, check: TEXT }],
  ['FDDBRXM', { required: false, check: TEXT }],
  ['FDDBRZJLX', { required: false, check: TEXT }],
  ['FDDBRSFZJHM', { required: false, check: /^[\s\S]{1,40}$/u }],
  ['ZJLX', { required: false, check: TEXT }],
  ['ZJHM', { required: false, check: /^[\s\S]{1,40}$/u }],
  ['XB', { required: false, check: ['男', '女'] }],
  ['CSRQ', { required: false, check: DATE }],
  ['ZCDZ', { required: false, check: TEXT }],
  ['SCJYDZ', { required: false, check: TEXT }],
  ['LXDZ', { required: false, check: TEXT }],
  ['LXDH', { required: false, check: TEXT }],
  ['ZCZB', { required: false, check: AMOUNT }],
  ['GXSJ', { required: false, check: GXSJ }],
];

const NSXYXX_LEAVES: readonly (readonly [keyof NsxyxxRecord, LeafRule])[] = [
  ['PJND', { required: true, check: /^20\d{2}$/ }],
  ['XYDJ', { required: true, check: ['A', 'B', 'M', 'C', 'D'] }],
  ['PF', { required: false, check: /^\d{1,3}(?:\.\d)?$/ }],
];

const QSXX_LEAVES: readonly (readonly [keyof QsxxRecord, LeafRule])[] = [
  ['SZ', { required: true, check: TEXT }],
  ['SSQQ', { required: true, check: DATE }],
  ['SSQZ', { required: true, check: DATE }],
  ['QSYE', { required: true, check: AMOUNT }],
  ['ZNJ', { required: true, check: AMOUNT }],
  ['GGRQ', { required: false, check: DATE }],
];

/** A plain object in schema order, for the `soap` server to serialize (it writes keys in insertion order). */
export function toSoapTaxpayerInfo(record: TaxpayerInfoRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name] of TAXPAYER_INFO_LEAVES) {
    const value = record[name];
    if (value !== undefined) out[name] = value;
  }
  if (record.NSXYXX) out.NSXYXX = inOrder(record.NSXYXX, NSXYXX_LEAVES);
  if (record.QSXX && record.QSXX.length > 0) {
    out.QSXX = record.QSXX.map((q) => inOrder(q, QSXX_LEAVES));
  }
  return out;
}

function inOrder<T extends object>(
  value: T,
  leaves: readonly (readonly [keyof T, LeafRule])[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name] of leaves) if (value[name] !== undefined) out[name as string] = value[name];
  return out;
}

/** `<TaxpayerInfo>…</TaxpayerInfo>` in the default (tax.wsdl) namespace, indented for an export file. */
export function taxpayerInfoToXml(record: TaxpayerInfoRecord, indent = '  '): string {
  const i1 = indent;
  const i2 = indent + '  ';
  const i3 = i2 + '  ';
  const leaf = (pad: string, name: string, value: string) =>
    `${pad}<${name}>${escapeXml(value)}</${name}>\n`;
  let xml = `${i1}<TaxpayerInfo>\n`;
  for (const [name] of TAXPAYER_INFO_LEAVES) {
    const value = record[name];
    if (value !== undefined) xml += leaf(i2, name, value);
  }
  if (record.NSXYXX) {
    xml += `${i2}<NSXYXX>\n`;
    for (const [name] of NSXYXX_LEAVES) {
      const value = record.NSXYXX[name];
      if (value !== undefined) xml += leaf(i3, name, value);
    }
    xml += `${i2}</NSXYXX>\n`;
  }
  for (const q of record.QSXX ?? []) {
    xml += `${i2}<QSXX>\n`;
    for (const [name] of QSXX_LEAVES) {
      const value = q[name];
      if (value !== undefined) xml += leaf(i3, name, value);
    }
    xml += `${i2}</QSXX>\n`;
  }
  return xml + `${i1}</TaxpayerInfo>\n`;
}

export class TaxRecordError extends Error {
  override readonly name = 'TaxRecordError';
}

function readLeaves<T>(
  element: XmlElement,
  leaves: readonly (readonly [keyof T, LeafRule])[],
  where: string,
  nested: ReadonlySet<string> = new Set(),
): Partial<Record<keyof T, string>> {
  const known = new Map(leaves.map(([name, rule]) => [name as string, rule]));
  const out: Partial<Record<keyof T, string>> = {};
  for (const child of element.children) {
    if (child.namespace !== TAX_NAMESPACE) {
      throw new TaxRecordError(`${where}: <${child.name}> is not in ${TAX_NAMESPACE}`);
    }
    if (nested.has(child.localName)) continue;
    const rule = known.get(child.localName);
    if (!rule) throw new TaxRecordError(`${where}: unknown element <${child.localName}>`);
    if (child.children.length > 0) {
      throw new TaxRecordError(`${where}: <${child.localName}> must hold text only`);
    }
    const key = child.localName as keyof T;
    if (out[key] !== undefined) throw new TaxRecordError(`${where}: <${child.localName}> repeated`);
    const value = child.text.trim();
    const check = rule.check;
    const ok =
      check === undefined ||
      (typeof check === 'function'
        ? check(value)
        : Array.isArray(check)
          ? check.includes(value)
          : (check as RegExp).test(value));
    if (!ok) throw new TaxRecordError(`${where}: <${child.localName}> has an invalid value`);
    out[key] = value;
  }
  for (const [name, rule] of leaves) {
    if (rule.required && out[name] === undefined) {
      throw new TaxRecordError(`${where}: <${String(name)}> is missing`);
    }
  }
  return out;
}

/** Reads one `<TaxpayerInfo>` element of an export, checking it against the schema's rules. */
export function taxpayerInfoFromXml(element: XmlElement, where: string): TaxpayerInfoRecord {
  const leaves = readLeaves<TaxpayerInfoRecord>(
    element,
    TAXPAYER_INFO_LEAVES,
    where,
    new Set(['NSXYXX', 'QSXX']),
  );
  const record = { ...leaves } as TaxpayerInfoRecord;
  const ratings = element.children.filter((c) => c.localName === 'NSXYXX');
  if (ratings.length > 1) throw new TaxRecordError(`${where}: <NSXYXX> repeated`);
  if (ratings.length === 1) {
    record.NSXYXX = readLeaves<NsxyxxRecord>(
      ratings[0],
      NSXYXX_LEAVES,
      `${where} NSXYXX`,
    ) as NsxyxxRecord;
  }
  const arrears = element.children.filter((c) => c.localName === 'QSXX');
  if (arrears.length > 0) {
    record.QSXX = arrears.map(
      (q, i) => readLeaves<QsxxRecord>(q, QSXX_LEAVES, `${where} QSXX[${i}]`) as QsxxRecord,
    );
  }
  return record;
}
