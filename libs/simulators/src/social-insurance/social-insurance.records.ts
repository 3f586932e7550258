/**
 * The social-insurance system's own records, field for field as its contract
 * (`contracts/departments/social-insurance.openapi.yaml`) defines them:
 * snake_case, `yyyyMMdd` dates, `yyyyMM` months, coded values. The simulator
 * serves these objects as they are; the data generator and the export loader
 * produce them.
 */

/** 险种类型 */
export const INSURANCE_TYPE_CODES = [
  '110',
  '120',
  '170',
  '210',
  '310',
  '390',
  '410',
  '510',
] as const;
export type InsuranceTypeCode = (typeof INSURANCE_TYPE_CODES)[number];

/** 参保状态: 1 参保缴费, 2 暂停缴费, 3 终止参保. */
export const PARTICIPATION_STATUS_CODES = ['1', '2', '3'] as const;
export type ParticipationStatusCode = (typeof PARTICIPATION_STATUS_CODES)[number];

/** 缴费状态: 1 正常, 2 欠费, 3 缓缴中. */
export const CONTRIBUTION_STATUS_CODES = ['1', '2', '3'] as const;
export type ContributionStatusCode = (typeof CONTRIBUTION_STATUS_CODES)[number];

/** 单位类型: 10 企业, 20 机关, 30 事业单位, 40 社会团体, 50 民办非企业单位, 60 个体工商户, 70 农民专业合作社, 90 其他. */
export const UNIT_TYPE_CODES = ['10', '20', '30', '40', '50', '60', '70', '90'] as const;
export type UnitTypeCode = (typeof UNIT_TYPE_CODES)[number];

/** 人员类别: 11 在职职工, 21 退休人员, 31 灵活就业人员, 41 城乡居民. */
export const PERSON_CATEGORY_CODES = ['11', '21', '31', '41'] as const;
export type PersonCategoryCode = (typeof PERSON_CATEGORY_CODES)[number];

/** 证件类型: 01 居民身份证, 02 港澳台居民居住证, 03 外国人永久居留身份证, 99 其他. */
export const CERT_TYPE_CODES = ['01', '02', '03', '99'] as const;
export type CertTypeCode = (typeof CERT_TYPE_CODES)[number];

/** 性别: 1 男, 2 女, 9 未说明. */
export const GENDER_CODES = ['1', '2', '9'] as const;
export type GenderCode = (typeof GENDER_CODES)[number];

/** 异地就医备案类型: 1 跨省异地长期居住, 2 跨省临时外出就医. */
export const FILING_TYPE_CODES = ['1', '2'] as const;
export type FilingTypeCode = (typeof FILING_TYPE_CODES)[number];

/** 备案子类型: 11 异地安置退休, 12 异地长期居住, 13 常驻异地工作; 21 异地转诊, 22 急诊抢救, 29 其他临时外出. */
export const FILING_SUBTYPE_CODES = ['11', '12', '13', '21', '22', '29'] as const;
export type FilingSubtypeCode = (typeof FILING_SUBTYPE_CODES)[number];

/** 备案渠道: 1 网上办理, 2 经办窗口, 9 其他. */
export const FILING_CHANNEL_CODES = ['1', '2', '9'] as const;
export type FilingChannelCode = (typeof FILING_CHANNEL_CODES)[number];

/** 备案状态: 1 有效, 2 已撤销, 3 已到期. */
export const FILING_STATUS_CODES = ['1', '2', '3'] as const;
export type FilingStatusCode = (typeof FILING_STATUS_CODES)[number];

/** Insurances whose employer part a 缓缴 agreement may defer. */
export const DEFERRABLE_INSURANCE_TYPE_CODES = ['110', '120', '210', '410'] as const;
export type DeferrableInsuranceTypeCode = (typeof DEFERRABLE_INSURANCE_TYPE_CODES)[number];

/** 单位参保险种 */
export interface SocialInsuranceEmployerLine {
  insurance_type: InsuranceTypeCode;
  participation_status: ParticipationStatusCode;
  /** 参保人数 */
  insured_count: number;
  contribution_status: ContributionStatusCode;
  /** 缴至年月 `yyyyMM`; absent when nothing was paid yet. */
  paid_up_to?: string;
  /** 欠费金额 (元) */
  arrears_amount: number;
  /** 欠费月数 */
  arrears_months: number;
}

/** 缓缴协议 */
export interface SocialInsuranceDeferral {
  /** 缓缴审批文号 */
  approval_no?: string;
  lines: DeferrableInsuranceTypeCode[];
  /** `yyyyMM` */
  period_from: string;
  /** `yyyyMM` */
  period_to: string;
  /** `yyyyMMdd` */
  approved_at: string;
}

/** 参保单位 */
export interface SocialInsuranceEmployerRecord {
  /** 单位编号 (internal record number) */
  unit_no: string;
  /** 单位社保编号 (社会保险登记证编码) */
  unit_insurance_no: string;
  /**
   * 统一社会信用代码 as registered. `null` in exports for a unit registered
   * before 三证合一 that never changed its registration (it has `org_code`
   * only); the system cannot find such a unit by USCC and never serves it.
   */
  uscc: string | null;
  /** 组织机构代码 `XXXXXXXX-X` */
  org_code?: string;
  unit_name: string;
  unit_type: UnitTypeCode;
  /** 参保地 (统筹区 code) */
  insured_place: string;
  /** 参保登记日期 `yyyyMMdd` */
  registered_at: string;
  legal_rep?: string;
  contact_phone?: string;
  unit_address?: string;
  /** 工伤保险行业风险类别 1–8 */
  work_injury_risk_class?: number;
  lines: SocialInsuranceEmployerLine[];
  deferral?: SocialInsuranceDeferral;
  /**
   * 最后变更时间 `yyyyMMddHHmmss`, 北京时间: the record's place in the change
   * feed. Absent on records from before the system kept it (hand-made or
   * older exports); the feed then uses the registration date.
   */
  updated_at?: string;
}

/** 个人参保险种 */
export interface SocialInsurancePersonLine {
  insurance_type: InsuranceTypeCode;
  participation_status: ParticipationStatusCode;
  /** 缴费基数 (元/月); null when the line has none (retired, residents' schemes). */
  contribution_base: number | null;
  /** 累计缴费月数 */
  cumulative_months: number;
  /** 首次参保日期 `yyyyMMdd` */
  first_insured_date: string;
  /** 缴至年月 `yyyyMM` */
  paid_up_to?: string;
}

/** 异地就医备案 */
export interface SocialInsuranceMedicalFiling {
  filing_no: string;
  /** 参保地 */
  insured_area_code: string;
  /** 就医地 */
  treatment_area_code: string;
  filing_type: FilingTypeCode;
  filing_subtype: FilingSubtypeCode;
  /** `yyyyMMdd` */
  valid_from: string;
  /** `yyyyMMdd`; absent = valid until changed. */
  valid_to?: string;
  filing_channel?: FilingChannelCode;
  status: FilingStatusCode;
}

/** 参保人员档案 */
export interface SocialInsurancePersonRecord {
  /** 个人编号 (internal record number) */
  personal_no: string;
  /** 社会保障号码 as stored: 18 characters or the legacy 15 digits, `x` possibly lower case. */
  social_security_no: string;
  cert_type: CertTypeCode;
  name: string;
  gender?: GenderCode;
  /** `yyyyMMdd` */
  birth_date?: string;
  person_category: PersonCategoryCode;
  /** 参保地 */
  insured_place: string;
  employer_uscc?: string;
  employer_name?: string;
  mobile?: string;
  address?: string;
  lines: SocialInsurancePersonLine[];
  cross_region_medical_filings: SocialInsuranceMedicalFiling[];
  /** 最后变更时间 `yyyyMMddHHmmss`, 北京时间; see the employer's. */
  updated_at?: string;
}

/** Everything the system holds: what the simulator serves and an export file contains. */
export interface SocialInsuranceData {
  employers: SocialInsuranceEmployerRecord[];
  persons: SocialInsurancePersonRecord[];
}
