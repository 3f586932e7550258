/**
 * What the county's social-insurance system (社会保险: 人社 养老/失业/工伤 and
 * 医保 医疗/生育) knows about an employer or a person, in our terms. Dates are
 * `YYYY-MM-DD`, months `YYYY-MM`, amounts in 元 (yuan) with the unit in the
 * field name. The system's codes, `yyyyMMdd` dates and field names stop at the
 * mapper.
 */

/** 险种: the five social insurances. */
export enum InsuranceType {
  /** 基本养老保险 */
  PENSION = 'PENSION',
  /** 失业保险 */
  UNEMPLOYMENT = 'UNEMPLOYMENT',
  /** 基本医疗保险 (生育保险 merged into 职工医保 since 2019) */
  MEDICAL = 'MEDICAL',
  /** 工伤保险 */
  WORK_INJURY = 'WORK_INJURY',
  /** 生育保险, a separate line only before the 2019 merger */
  MATERNITY = 'MATERNITY',
}

/** 险种类型 in detail: which scheme of an insurance the line belongs to. */
export enum InsuranceScheme {
  /** 企业职工基本养老保险 */
  EMPLOYEE_PENSION = 'EMPLOYEE_PENSION',
  /** 机关事业单位养老保险 */
  PUBLIC_SECTOR_PENSION = 'PUBLIC_SECTOR_PENSION',
  /** 城乡居民基本养老保险 */
  RESIDENT_PENSION = 'RESIDENT_PENSION',
  /** 失业保险 */
  UNEMPLOYMENT = 'UNEMPLOYMENT',
  /** 职工基本医疗保险 (生育 included) */
  EMPLOYEE_MEDICAL = 'EMPLOYEE_MEDICAL',
  /** 城乡居民基本医疗保险 */
  RESIDENT_MEDICAL = 'RESIDENT_MEDICAL',
  /** 工伤保险 */
  WORK_INJURY = 'WORK_INJURY',
  /** 生育保险 (historical) */
  MATERNITY = 'MATERNITY',
}

/** 参保状态 */
export enum InsuranceParticipationStatus {
  /** 参保缴费: insured and contributing */
  ACTIVE = 'ACTIVE',
  /** 暂停缴费: insured, contributions suspended */
  SUSPENDED = 'SUSPENDED',
  /** 终止参保: ended (retired and drawing benefits, moved away, deregistered) */
  TERMINATED = 'TERMINATED',
}

/** 缴费状态 */
export enum InsuranceContributionStatus {
  /** 正常 */
  NORMAL = 'NORMAL',
  /** 欠费 */
  IN_ARREARS = 'IN_ARREARS',
  /** 缓缴中: deferred under an approved agreement */
  DEFERRED = 'DEFERRED',
}

/** 单位类型 */
export enum InsuredUnitType {
  /** 企业 (branches included) */
  ENTERPRISE = 'ENTERPRISE',
  /** 机关 */
  GOVERNMENT_AGENCY = 'GOVERNMENT_AGENCY',
  /** 事业单位 */
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  /** 社会团体 */
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  /** 民办非企业单位 */
  PRIVATE_NON_ENTERPRISE = 'PRIVATE_NON_ENTERPRISE',
  /** 个体工商户 */
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  /** 农民专业合作社 */
  FARMER_COOPERATIVE = 'FARMER_COOPERATIVE',
  /** 其他 */
  OTHER = 'OTHER',
}

/** 人员类别 */
export enum InsuredPersonCategory {
  /** 在职职工 */
  EMPLOYED = 'EMPLOYED',
  /** 退休人员 */
  RETIRED = 'RETIRED',
  /** 灵活就业人员: self-insured, no employer */
  FLEXIBLY_EMPLOYED = 'FLEXIBLY_EMPLOYED',
  /** 城乡居民: in the residents' schemes */
  RESIDENT = 'RESIDENT',
}

/** 证件类型 of the person's 社会保障号码 */
export enum InsuredCertType {
  /** 居民身份证 */
  RESIDENT_ID_CARD = 'RESIDENT_ID_CARD',
  /** 港澳台居民居住证 */
  HK_MACAO_TAIWAN_RESIDENCE_PERMIT = 'HK_MACAO_TAIWAN_RESIDENCE_PERMIT',
  /** 外国人永久居留身份证 */
  FOREIGN_PERMANENT_RESIDENT_ID = 'FOREIGN_PERMANENT_RESIDENT_ID',
  /** 其他 */
  OTHER = 'OTHER',
}

/** 异地就医备案类型 */
export enum MedicalFilingType {
  /** 跨省异地长期居住人员: valid until changed */
  LONG_TERM_RESIDENT = 'LONG_TERM_RESIDENT',
  /** 跨省临时外出就医人员: valid at least six months */
  TEMPORARY = 'TEMPORARY',
}

/** 备案子类型 */
export enum MedicalFilingSubtype {
  /** 异地安置退休 (long-term) */
  RETIREE_RESETTLED = 'RETIREE_RESETTLED',
  /** 异地长期居住 (long-term) */
  LONG_TERM_RESIDENCE = 'LONG_TERM_RESIDENCE',
  /** 常驻异地工作 (long-term) */
  POSTED_FOR_WORK = 'POSTED_FOR_WORK',
  /** 异地转诊 (temporary) */
  REFERRAL = 'REFERRAL',
  /** 急诊抢救 (temporary) */
  EMERGENCY = 'EMERGENCY',
  /** 其他临时外出就医 (temporary) */
  OTHER_TEMPORARY = 'OTHER_TEMPORARY',
}

/** 备案状态 */
export enum MedicalFilingStatus {
  /** 有效 */
  VALID = 'VALID',
  /** 已撤销 */
  REVOKED = 'REVOKED',
  /** 已到期 */
  EXPIRED = 'EXPIRED',
}

/** 备案渠道 */
export enum MedicalFilingChannel {
  /** 网上办理 (国家医保服务平台) */
  ONLINE = 'ONLINE',
  /** 经办窗口 */
  SERVICE_COUNTER = 'SERVICE_COUNTER',
  /** 其他 */
  OTHER = 'OTHER',
}

/** 单位参保险种: the unit's registration for one insurance. */
export interface EmployerInsuranceLine {
  readonly insuranceType: InsuranceType;
  readonly scheme: InsuranceScheme;
  /** 参保状态 */
  readonly participationStatus: InsuranceParticipationStatus;
  /** 参保人数 under this line */
  readonly insuredCount: number;
  /** 缴费状态 */
  readonly contributionStatus: InsuranceContributionStatus;
  /** 缴至年月 `YYYY-MM`; null when nothing was paid yet. */
  readonly paidUpTo: string | null;
  /** 欠费金额 in 元; 0 when not in arrears. */
  readonly arrearsAmountYuan: number;
  /** 欠费月数; 0 when not in arrears. */
  readonly arrearsMonths: number;
}

/**
 * 缓缴协议: an approved deferral of the employer part of 养老/失业/工伤
 * contributions for a period, without late fees. A time-boxed agreement, not
 * a status: it stays on record after its period.
 */
export interface ContributionDeferral {
  /** 缓缴审批文号 */
  readonly approvalNo: string | null;
  /** 缓缴险种 */
  readonly insuranceTypes: readonly InsuranceType[];
  /** First deferred month, `YYYY-MM`. */
  readonly periodFrom: string;
  /** Last deferred month, `YYYY-MM`. */
  readonly periodTo: string;
  /** 审批日期 `YYYY-MM-DD` */
  readonly approvedOn: string;
}

/** 参保单位: an employer registered for social insurance. */
export interface InsuredEmployer {
  /** 统一社会信用代码, normalized (the key it was asked for). */
  readonly uscc: string;
  /** 单位社保编号 (社会保险登记证编码) */
  readonly unitInsuranceNo: string;
  /** 单位名称 as the system has it (may differ from the business licence). */
  readonly unitName: string;
  /** 单位类型 */
  readonly unitType: InsuredUnitType;
  /** 参保地: 统筹区 code (GB/T 2260) */
  readonly insuredPlace: string;
  /** 参保登记日期 `YYYY-MM-DD` */
  readonly registeredOn: string;
  /** 工伤保险行业风险类别 1–8, when recorded. */
  readonly workInjuryRiskClass: number | null;
  /** 参保人数: persons insured through the unit (the largest count over its lines in force). */
  readonly insuredCount: number;
  /** 参保险种 */
  readonly lines: readonly EmployerInsuranceLine[];
  /** 缓缴协议, when the unit has one on record. */
  readonly deferral: ContributionDeferral | null;
}

/** 个人参保险种: the person's registration for one insurance. */
export interface PersonInsuranceLine {
  readonly insuranceType: InsuranceType;
  readonly scheme: InsuranceScheme;
  /** 参保状态 */
  readonly participationStatus: InsuranceParticipationStatus;
  /** 缴费基数 in 元 per month; null when the line has none (retired, residents' schemes). */
  readonly contributionBaseYuan: number | null;
  /** 累计缴费月数 */
  readonly cumulativeMonths: number;
  /** 首次参保日期 `YYYY-MM-DD` */
  readonly firstInsuredDate: string;
  /** 缴至年月 `YYYY-MM`; null when nothing was paid yet. */
  readonly paidUpTo: string | null;
}

/** 异地就医备案: a filing to be treated in another province at home rates. */
export interface CrossRegionMedicalFiling {
  /** 备案编号 */
  readonly filingNo: string;
  /** 参保地 (统筹区 code) */
  readonly insuredAreaCode: string;
  /** 就医地 (GB/T 2260 code) */
  readonly treatmentAreaCode: string;
  readonly filingType: MedicalFilingType;
  readonly subtype: MedicalFilingSubtype;
  /** `YYYY-MM-DD` */
  readonly validFrom: string;
  /** `YYYY-MM-DD`; null = valid until changed (long-term filings). */
  readonly validTo: string | null;
  readonly channel: MedicalFilingChannel | null;
  readonly status: MedicalFilingStatus;
}

/**
 * 参保人员: what the system knows about one person. When the person has
 * several registrations (一人多档, a duplicate never merged), the one in
 * force is shown — the most lines 参保缴费, then the latest 缴至年月 — with
 * lines of insurances only the others have added, the filings of all of them,
 * and `recordCount` saying how many there are.
 */
export interface InsuredPerson {
  /** 社会保障号码 (= 公民身份号码), normalized 18 characters. */
  readonly socialSecurityNo: string;
  /** The 15-digit number a registration is still filed under, when one is. */
  readonly legacySocialSecurityNo: string | null;
  /** 个人编号 of the registration shown. */
  readonly personalNo: string;
  readonly certType: InsuredCertType;
  /** 姓名 as registered (may be a variant of the name elsewhere). */
  readonly name: string;
  /** 人员类别 */
  readonly personCategory: InsuredPersonCategory;
  /** 参保地 (统筹区 code) */
  readonly insuredPlace: string;
  /** 参保单位 统一社会信用代码, normalized; null without an employer or when the record lacks it. */
  readonly employerUscc: string | null;
  /** 参保单位名称 as recorded on the person's registration. */
  readonly employerName: string | null;
  readonly lines: readonly PersonInsuranceLine[];
  readonly crossRegionMedicalFilings: readonly CrossRegionMedicalFiling[];
  /** 参保档案数: more than 1 when the person is registered more than once. */
  readonly recordCount: number;
}
