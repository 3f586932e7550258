/**
 * What OnceGate knows about a taxpayer from the county tax system (金税), in
 * our own terms. Nothing here mirrors the upstream element names: the mapper
 * translates `NSRZT`, `XYDJ`, `QSXX` … into these types.
 */

/** 纳税人状态 */
export const TAXPAYER_STATUSES = [
  'NORMAL',
  'SUSPENDED',
  'ABNORMAL',
  'LIQUIDATING',
  'DEREGISTERED',
] as const;
/**
 * NORMAL 正常; SUSPENDED 停业 (approved pause of business); ABNORMAL 非正常
 * (非正常户: stopped filing and cannot be reached); LIQUIDATING 清算;
 * DEREGISTERED 注销.
 */
export type TaxpayerStatus = (typeof TAXPAYER_STATUSES)[number];

/** 纳税信用等级 (纳税缴费信用管理办法): A ≥ 90; B 70–<90; M new or without income; C 40–<70; D < 40 or assigned directly. */
export const TAX_CREDIT_LEVELS = ['A', 'B', 'M', 'C', 'D'] as const;
export type TaxCreditLevel = (typeof TAX_CREDIT_LEVELS)[number];

/** 纳税人类型 */
export const TAXPAYER_CATEGORIES = ['UNIT', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON'] as const;
/** UNIT 单位纳税人; INDIVIDUAL_BUSINESS 个体经营 (个体工商户); NATURAL_PERSON 自然人. */
export type TaxpayerCategory = (typeof TAXPAYER_CATEGORIES)[number];

/** 增值税纳税人类型 */
export const VAT_TAXPAYER_TYPES = ['GENERAL', 'SMALL_SCALE'] as const;
/** GENERAL 一般纳税人; SMALL_SCALE 小规模纳税人. */
export type VatTaxpayerType = (typeof VAT_TAXPAYER_TYPES)[number];

/** 纳税缴费信用评价: the latest published rating. */
export interface TaxCreditRating {
  /** 评价年度: the year rated (published about April of the next year). */
  readonly year: number;
  readonly level: TaxCreditLevel;
  /** 评价分数 0–100; absent when the level was assigned directly (直接判D) or M without a score. */
  readonly score?: number;
}

/** 欠税信息: one outstanding tax debt. */
export interface TaxArrears {
  /** 税种 as the tax office names it, e.g. 增值税, 企业所得税, 社会保险费. */
  readonly taxType: string;
  /** 所属期起, `YYYY-MM-DD`. */
  readonly periodFrom: string;
  /** 所属期止, `YYYY-MM-DD`. */
  readonly periodTo: string;
  /** 欠税余额 in 元. */
  readonly balanceYuan: number;
  /** 滞纳金 in 元, accrued to the day of the answer. */
  readonly lateFeeYuan: number;
  /** 公告日期 `YYYY-MM-DD`, when the debt was published (欠税公告). */
  readonly noticeDate?: string;
}

/**
 * 税务登记信息 of one taxpayer (纳税人识别号), with its status, credit rating
 * and arrears. When the tax system holds several registrations (登记序号) for
 * one number — an earlier one 注销 after a move, or a duplicate made in error —
 * this is the primary one (see the mapper), with the arrears of all of them.
 */
export interface TaxProfile {
  /** 纳税人识别号, normalized: the USCC of a unit, the 18-character resident ID of a natural person. */
  readonly taxpayerId: string;
  /** 登记序号 of the registration shown. */
  readonly registrationNo: string;
  /** 纳税人名称 as registered with the tax office (may differ in form from other departments). */
  readonly name: string;
  readonly category: TaxpayerCategory;
  /** Absent for natural persons and units outside VAT. */
  readonly vatTaxpayerType?: VatTaxpayerType;
  readonly status: TaxpayerStatus;
  /** The status in the tax office's own words: 正常, 停业, 非正常, 清算, 注销. */
  readonly statusLabel: string;
  /** 主管税务机关代码 (11 digits). */
  readonly competentTaxOffice: string;
  /** 主管税务机关名称, e.g. 国家税务总局长兴县税务局. */
  readonly competentTaxOfficeName?: string;
  /** 登记日期 `YYYY-MM-DD`. */
  readonly registeredOn: string;
  /** 法定代表人 (负责人、业主) as last reported to the tax office; may be out of date. */
  readonly legalRepresentative?: string;
  readonly creditRating?: TaxCreditRating;
  /** 欠税信息; empty when nothing is owed. */
  readonly arrears: readonly TaxArrears[];
  /** True when any arrears item has a balance or a late fee (the opposite of a 无欠税证明). */
  readonly hasArrears: boolean;
}
