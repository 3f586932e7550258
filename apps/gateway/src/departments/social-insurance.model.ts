import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
} from '@oncegate/adapters';

registerEnumType(InsuranceType, {
  name: 'InsuranceType',
  description: '险种: the five social insurances.',
  valuesMap: {
    PENSION: { description: '基本养老保险' },
    UNEMPLOYMENT: { description: '失业保险' },
    MEDICAL: { description: '基本医疗保险 (生育保险 merged into 职工医保 since 2019)' },
    WORK_INJURY: { description: '工伤保险' },
    MATERNITY: { description: '生育保险 (a separate line only before the 2019 merger)' },
  },
});

registerEnumType(InsuranceScheme, {
  name: 'InsuranceScheme',
  description: '险种类型: the scheme of an insurance a line belongs to.',
  valuesMap: {
    EMPLOYEE_PENSION: { description: '企业职工基本养老保险' },
    PUBLIC_SECTOR_PENSION: { description: '机关事业单位养老保险' },
    RESIDENT_PENSION: { description: '城乡居民基本养老保险' },
    UNEMPLOYMENT: { description: '失业保险' },
    EMPLOYEE_MEDICAL: { description: '职工基本医疗保险 (生育 included)' },
    RESIDENT_MEDICAL: { description: '城乡居民基本医疗保险' },
    WORK_INJURY: { description: '工伤保险' },
    MATERNITY: { description: '生育保险 (historical)' },
  },
});

registerEnumType(InsuranceParticipationStatus, {
  name: 'InsuranceParticipationStatus',
  description: '参保状态',
  valuesMap: {
    ACTIVE: { description: '参保缴费: insured and contributing' },
    SUSPENDED: { description: '暂停缴费: insured, contributions suspended' },
    TERMINATED: {
      description: '终止参保: ended (retired and drawing benefits, moved away, deregistered)',
    },
  },
});

registerEnumType(InsuranceContributionStatus, {
  name: 'InsuranceContributionStatus',
  description: '缴费状态',
  valuesMap: {
    NORMAL: { description: '正常' },
    IN_ARREARS: { description: '欠费' },
    DEFERRED: { description: '缓缴中: deferred under an approved agreement' },
  },
});

registerEnumType(InsuredUnitType, {
  name: 'InsuredUnitType',
  description: '单位类型 of an insured employer.',
  valuesMap: {
    ENTERPRISE: { description: '企业' },
    GOVERNMENT_AGENCY: { description: '机关' },
    PUBLIC_INSTITUTION: { description: '事业单位' },
    SOCIAL_ORGANIZATION: { description: '社会团体' },
    PRIVATE_NON_ENTERPRISE: { description: '民办非企业单位' },
    INDIVIDUAL_BUSINESS: { description: '个体工商户' },
    FARMER_COOPERATIVE: { description: '农民专业合作社' },
    OTHER: { description: '其他' },
  },
});

registerEnumType(InsuredPersonCategory, {
  name: 'InsuredPersonCategory',
  description: '人员类别 of an insured person.',
  valuesMap: {
    EMPLOYED: { description: '在职职工' },
    RETIRED: { description: '退休人员' },
    FLEXIBLY_EMPLOYED: { description: '灵活就业人员: self-insured, no employer' },
    RESIDENT: { description: '城乡居民: in the residents’ schemes' },
  },
});

registerEnumType(InsuredCertType, {
  name: 'InsuredCertType',
  description: '证件类型 of the 社会保障号码.',
  valuesMap: {
    RESIDENT_ID_CARD: { description: '居民身份证' },
    HK_MACAO_TAIWAN_RESIDENCE_PERMIT: { description: '港澳台居民居住证' },
    FOREIGN_PERMANENT_RESIDENT_ID: { description: '外国人永久居留身份证' },
    OTHER: { description: '其他' },
  },
});

registerEnumType(MedicalFilingType, {
  name: 'MedicalFilingType',
  description: '异地就医备案类型',
  valuesMap: {
    LONG_TERM_RESIDENT: { description: '跨省异地长期居住人员: valid until changed' },
    TEMPORARY: { description: '跨省临时外出就医人员: valid at least six months' },
  },
});

registerEnumType(MedicalFilingSubtype, {
  name: 'MedicalFilingSubtype',
  description: '备案子类型',
  valuesMap: {
    RETIREE_RESETTLED: { description: '异地安置退休 (long-term)' },
    LONG_TERM_RESIDENCE: { description: '异地长期居住 (long-term)' },
    POSTED_FOR_WORK: { description: '常驻异地工作 (long-term)' },
    REFERRAL: { description: '异地转诊 (temporary)' },
    EMERGENCY: { description: '急诊抢救 (temporary)' },
    OTHER_TEMPORARY: { description: '其他临时外出就医 (temporary)' },
  },
});

registerEnumType(MedicalFilingStatus, {
  name: 'MedicalFilingStatus',
  description: '备案状态',
  valuesMap: {
    VALID: { description: '有效' },
    REVOKED: { description: '已撤销' },
    EXPIRED: { description: '已到期' },
  },
});

registerEnumType(MedicalFilingChannel, {
  name: 'MedicalFilingChannel',
  description: '备案渠道',
  valuesMap: {
    ONLINE: { description: '网上办理 (国家医保服务平台)' },
    SERVICE_COUNTER: { description: '经办窗口' },
    OTHER: { description: '其他' },
  },
});

@ObjectType('EmployerInsuranceLine', {
  description: '单位参保险种: an employer’s registration for one insurance.',
})
export class EmployerInsuranceLineModel {
  @Field(() => InsuranceType)
  insuranceType!: InsuranceType;

  @Field(() => InsuranceScheme)
  scheme!: InsuranceScheme;

  @Field(() => InsuranceParticipationStatus, { description: '参保状态' })
  participationStatus!: InsuranceParticipationStatus;

  @Field(() => Int, { description: '参保人数 under this line.' })
  insuredCount!: number;

  @Field(() => InsuranceContributionStatus, { description: '缴费状态' })
  contributionStatus!: InsuranceContributionStatus;

  @Field(() => String, {
    nullable: true,
    description: '缴至年月 (YYYY-MM): the last month paid for; null when nothing was paid yet.',
  })
  paidUpTo!: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '欠费金额 in 元 (yuan); 0 when not in arrears. Null when the sharing catalogue refuses it to the caller (FORBIDDEN_DATA_ITEM).',
  })
  arrearsAmountYuan!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      '欠费月数; 0 when not in arrears. Null when the sharing catalogue refuses it to the caller (FORBIDDEN_DATA_ITEM).',
  })
  arrearsMonths!: number;
}

@ObjectType('ContributionDeferral', {
  description:
    '缓缴协议: an approved deferral of the employer part of 养老/失业/工伤 contributions for a period, without late fees. Stays on record after its period.',
})
export class ContributionDeferralModel {
  @Field(() => String, { nullable: true, description: '缓缴审批文号' })
  approvalNo!: string | null;

  @Field(() => [InsuranceType], { description: '缓缴险种: the insurances deferred.' })
  insuranceTypes!: InsuranceType[];

  @Field({ description: 'First deferred month (YYYY-MM).' })
  periodFrom!: string;

  @Field({ description: 'Last deferred month (YYYY-MM).' })
  periodTo!: string;

  @Field({ description: '审批日期 (YYYY-MM-DD).' })
  approvedOn!: string;
}

@ObjectType('InsuredEmployer', {
  description: '参保单位: an employer registered for social insurance in the county (人社/医保).',
})
export class InsuredEmployerModel {
  @Field({ description: '统一社会信用代码 (normalized).' })
  uscc!: string;

  @Field({ description: '单位社保编号 (社会保险登记证编码).' })
  unitInsuranceNo!: string;

  @Field({
    description:
      '单位名称 as the social-insurance system has it (may differ from the business licence).',
  })
  unitName!: string;

  @Field(() => InsuredUnitType, { description: '单位类型' })
  unitType!: InsuredUnitType;

  @Field({ description: '参保地: 统筹区 code (GB/T 2260).' })
  insuredPlace!: string;

  @Field({ description: '参保登记日期 (YYYY-MM-DD).' })
  registeredOn!: string;

  @Field(() => Int, {
    nullable: true,
    description: '工伤保险行业风险类别 (1 lowest … 8 highest), when recorded.',
  })
  workInjuryRiskClass!: number | null;

  @Field(() => Int, {
    description:
      '参保人数: persons insured through the unit (the largest count over its lines in force).',
  })
  insuredCount!: number;

  @Field(() => [EmployerInsuranceLineModel], { description: '参保险种' })
  lines!: EmployerInsuranceLineModel[];

  @Field(() => ContributionDeferralModel, {
    nullable: true,
    description: '缓缴协议, when the unit has one on record.',
  })
  deferral!: ContributionDeferralModel | null;
}

@ObjectType('PersonInsuranceLine', {
  description: '个人参保险种: a person’s registration for one insurance.',
})
export class PersonInsuranceLineModel {
  @Field(() => InsuranceType)
  insuranceType!: InsuranceType;

  @Field(() => InsuranceScheme)
  scheme!: InsuranceScheme;

  @Field(() => InsuranceParticipationStatus, { description: '参保状态' })
  participationStatus!: InsuranceParticipationStatus;

  @Field(() => Float, {
    nullable: true,
    description:
      '缴费基数 in 元 per month; null when the line has none (retired, residents’ schemes).',
  })
  contributionBaseYuan!: number | null;

  @Field(() => Int, { description: '累计缴费月数' })
  cumulativeMonths!: number;

  @Field({ description: '首次参保日期 (YYYY-MM-DD).' })
  firstInsuredDate!: string;

  @Field(() => String, {
    nullable: true,
    description: '缴至年月 (YYYY-MM); null when nothing was paid yet.',
  })
  paidUpTo!: string | null;
}

@ObjectType('CrossRegionMedicalFiling', {
  description: '异地就医备案: a filing to be treated in another province at home rates.',
})
export class CrossRegionMedicalFilingModel {
  @Field({ description: '备案编号' })
  filingNo!: string;

  @Field({ description: '参保地 (统筹区 code).' })
  insuredAreaCode!: string;

  @Field({ description: '就医地 (GB/T 2260 code).' })
  treatmentAreaCode!: string;

  @Field(() => MedicalFilingType, { description: '备案类型' })
  filingType!: MedicalFilingType;

  @Field(() => MedicalFilingSubtype, { description: '备案子类型' })
  subtype!: MedicalFilingSubtype;

  @Field({ description: '备案开始日期 (YYYY-MM-DD).' })
  validFrom!: string;

  @Field(() => String, {
    nullable: true,
    description: '备案结束日期 (YYYY-MM-DD); null = valid until changed (long-term filings).',
  })
  validTo!: string | null;

  @Field(() => MedicalFilingChannel, { nullable: true, description: '备案渠道' })
  channel!: MedicalFilingChannel | null;

  @Field(() => MedicalFilingStatus, { description: '备案状态' })
  status!: MedicalFilingStatus;
}

@ObjectType('InsuredPerson', {
  description:
    '参保人员: what the social-insurance system knows about a person. With several registrations (一人多档) the one in force is shown, with `recordCount` saying how many there are.',
})
export class InsuredPersonModel {
  @Field({ description: '社会保障号码 (= 公民身份号码), normalized 18 characters.' })
  socialSecurityNo!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The 15-digit number a registration is still filed under, when one is.',
  })
  legacySocialSecurityNo!: string | null;

  @Field({ description: '个人编号 of the registration shown.' })
  personalNo!: string;

  @Field(() => InsuredCertType, { description: '证件类型' })
  certType!: InsuredCertType;

  @Field({ description: '姓名 as registered (may be a variant of the name elsewhere).' })
  name!: string;

  @Field(() => InsuredPersonCategory, { description: '人员类别' })
  personCategory!: InsuredPersonCategory;

  @Field({ description: '参保地 (统筹区 code).' })
  insuredPlace!: string;

  @Field(() => String, {
    nullable: true,
    description: '参保单位统一社会信用代码; null without an employer or when the record lacks it.',
  })
  employerUscc!: string | null;

  @Field(() => String, { nullable: true, description: '参保单位名称 as recorded for the person.' })
  employerName!: string | null;

  @Field(() => [PersonInsuranceLineModel], { description: '参保险种' })
  lines!: PersonInsuranceLineModel[];

  @Field(() => [CrossRegionMedicalFilingModel], {
    nullable: true,
    description:
      '异地就医备案, current and past; empty when none. Not shared (不予共享): always null with FORBIDDEN_DATA_ITEM.',
  })
  crossRegionMedicalFilings!: CrossRegionMedicalFilingModel[];

  @Field(() => Int, {
    description: '参保档案数: more than 1 when the person is registered more than once (一人多档).',
  })
  recordCount!: number;
}

@ObjectType('SocialInsurance', {
  description:
    '社会保险 (人社 养老/失业/工伤 + 医保 医疗/生育): the employer record of an enterprise, or the insured-person record of a person.',
})
export class SocialInsuranceModel {
  @Field(() => InsuredEmployerModel, {
    nullable: true,
    description: '参保单位, for an enterprise the system knows.',
  })
  employer!: InsuredEmployerModel | null;

  @Field(() => InsuredPersonModel, {
    nullable: true,
    description: '参保人员, for a person the system knows.',
  })
  person!: InsuredPersonModel | null;
}

function toEmployerLineModel(line: EmployerInsuranceLine): EmployerInsuranceLineModel {
  return {
    insuranceType: line.insuranceType,
    scheme: line.scheme,
    participationStatus: line.participationStatus,
    insuredCount: line.insuredCount,
    contributionStatus: line.contributionStatus,
    paidUpTo: line.paidUpTo,
    arrearsAmountYuan: line.arrearsAmountYuan,
    arrearsMonths: line.arrearsMonths,
  };
}

function toDeferralModel(deferral: ContributionDeferral): ContributionDeferralModel {
  return {
    approvalNo: deferral.approvalNo,
    insuranceTypes: [...deferral.insuranceTypes],
    periodFrom: deferral.periodFrom,
    periodTo: deferral.periodTo,
    approvedOn: deferral.approvedOn,
  };
}

export function toInsuredEmployerModel(employer: InsuredEmployer): InsuredEmployerModel {
  return {
    uscc: employer.uscc,
    unitInsuranceNo: employer.unitInsuranceNo,
    unitName: employer.unitName,
    unitType: employer.unitType,
    insuredPlace: employer.insuredPlace,
    registeredOn: employer.registeredOn,
    workInjuryRiskClass: employer.workInjuryRiskClass,
    insuredCount: employer.insuredCount,
    lines: employer.lines.map(toEmployerLineModel),
    deferral: employer.deferral ? toDeferralModel(employer.deferral) : null,
  };
}

function toPersonLineModel(line: PersonInsuranceLine): PersonInsuranceLineModel {
  return {
    insuranceType: line.insuranceType,
    scheme: line.scheme,
    participationStatus: line.participationStatus,
    contributionBaseYuan: line.contributionBaseYuan,
    cumulativeMonths: line.cumulativeMonths,
    firstInsuredDate: line.firstInsuredDate,
    paidUpTo: line.paidUpTo,
  };
}

function toFilingModel(filing: CrossRegionMedicalFiling): CrossRegionMedicalFilingModel {
  return {
    filingNo: filing.filingNo,
    insuredAreaCode: filing.insuredAreaCode,
    treatmentAreaCode: filing.treatmentAreaCode,
    filingType: filing.filingType,
    subtype: filing.subtype,
    validFrom: filing.validFrom,
    validTo: filing.validTo,
    channel: filing.channel,
    status: filing.status,
  };
}

export function toInsuredPersonModel(person: InsuredPerson): InsuredPersonModel {
  return {
    socialSecurityNo: person.socialSecurityNo,
    legacySocialSecurityNo: person.legacySocialSecurityNo,
    personalNo: person.personalNo,
    certType: person.certType,
    name: person.name,
    personCategory: person.personCategory,
    insuredPlace: person.insuredPlace,
    employerUscc: person.employerUscc,
    employerName: person.employerName,
    lines: person.lines.map(toPersonLineModel),
    crossRegionMedicalFilings: person.crossRegionMedicalFilings.map(toFilingModel),
    recordCount: person.recordCount,
  };
}
