import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TaxArrears, TaxCreditRating, TaxProfile } from '@oncegate/adapters';

export enum TaxpayerStatus {
  NORMAL = 'NORMAL',
  SUSPENDED = 'SUSPENDED',
  ABNORMAL = 'ABNORMAL',
  LIQUIDATING = 'LIQUIDATING',
  DEREGISTERED = 'DEREGISTERED',
}
registerEnumType(TaxpayerStatus, {
  name: 'TaxpayerStatus',
  description: '纳税人状态 (税务).',
  valuesMap: {
    NORMAL: { description: '正常' },
    SUSPENDED: { description: '停业: business paused with the tax office’s approval.' },
    ABNORMAL: {
      description: '非正常 (非正常户): stopped filing and cannot be reached; rated D.',
    },
    LIQUIDATING: { description: '清算' },
    DEREGISTERED: { description: '注销' },
  },
});

export enum TaxCreditLevel {
  A = 'A',
  B = 'B',
  M = 'M',
  C = 'C',
  D = 'D',
}
registerEnumType(TaxCreditLevel, {
  name: 'TaxCreditLevel',
  description: '纳税信用等级 (纳税缴费信用管理办法).',
  valuesMap: {
    A: { description: 'score ≥ 90' },
    B: { description: '70 ≤ score < 90' },
    M: { description: 'newly established, or no business income in the year and score ≥ 70' },
    C: { description: '40 ≤ score < 70' },
    D: { description: 'score < 40, or assigned directly for serious misconduct (直接判D)' },
  },
});

export enum TaxpayerCategory {
  UNIT = 'UNIT',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  NATURAL_PERSON = 'NATURAL_PERSON',
}
registerEnumType(TaxpayerCategory, {
  name: 'TaxpayerCategory',
  description: '纳税人类型.',
  valuesMap: {
    UNIT: { description: '单位纳税人: enterprises, public institutions, cooperatives …' },
    INDIVIDUAL_BUSINESS: { description: '个体经营 (个体工商户)' },
    NATURAL_PERSON: { description: '自然人' },
  },
});

export enum VatTaxpayerType {
  GENERAL = 'GENERAL',
  SMALL_SCALE = 'SMALL_SCALE',
}
registerEnumType(VatTaxpayerType, {
  name: 'VatTaxpayerType',
  description: '增值税纳税人类型.',
  valuesMap: {
    GENERAL: { description: '一般纳税人' },
    SMALL_SCALE: { description: '小规模纳税人' },
  },
});

@ObjectType('TaxCreditRating', {
  description: '纳税缴费信用评价: the latest published credit rating of a taxpayer.',
})
export class TaxCreditRatingModel {
  @Field(() => Int, {
    description: '评价年度: the year rated (published about April of the next year).',
  })
  year!: number;

  @Field(() => TaxCreditLevel, { description: '纳税信用等级' })
  level!: TaxCreditLevel;

  @Field(() => Float, {
    nullable: true,
    description:
      '评价分数 (0–100); null when the level was assigned directly (直接判D) or M without a score.',
  })
  score!: number | null;
}

@ObjectType('TaxArrears', { description: '欠税信息: one outstanding tax debt.' })
export class TaxArrearsModel {
  @Field({ description: '税种, e.g. 增值税, 企业所得税, 社会保险费.' })
  taxType!: string;

  @Field({ description: '所属期起 (YYYY-MM-DD).' })
  periodFrom!: string;

  @Field({ description: '所属期止 (YYYY-MM-DD).' })
  periodTo!: string;

  @Field(() => Float, { description: '欠税余额, in 元.' })
  balanceYuan!: number;

  @Field(() => Float, { description: '滞纳金, in 元, accrued to the day of the answer.' })
  lateFeeYuan!: number;

  @Field(() => String, {
    nullable: true,
    description:
      '公告日期 (YYYY-MM-DD): when the debt was published (欠税公告); null when not published.',
  })
  noticeDate!: string | null;
}

@ObjectType('TaxProfile', {
  description:
    '税务登记信息: what the county tax office (金税) knows about a taxpayer — registration, status, ' +
    'credit rating and arrears. Several registrations (登记序号) of one number are shown as the primary one.',
})
export class TaxProfileModel {
  @Field({
    description:
      '纳税人识别号: the USCC of a unit, the resident ID of a natural person (normalized).',
  })
  taxpayerId!: string;

  @Field({ description: '登记序号: the tax system’s key of the registration shown.' })
  registrationNo!: string;

  @Field({ description: '纳税人名称 as registered with the tax office.' })
  name!: string;

  @Field(() => TaxpayerCategory, { description: '纳税人类型' })
  category!: TaxpayerCategory;

  @Field(() => VatTaxpayerType, {
    nullable: true,
    description: '增值税纳税人类型; null for natural persons and units outside VAT.',
  })
  vatTaxpayerType!: VatTaxpayerType | null;

  @Field(() => TaxpayerStatus, { description: '纳税人状态' })
  status!: TaxpayerStatus;

  @Field({
    description: 'The status in the tax office’s own words: 正常, 停业, 非正常, 清算, 注销.',
  })
  statusLabel!: string;

  @Field({ description: '主管税务机关代码 (11 digits).' })
  competentTaxOffice!: string;

  @Field(() => String, {
    nullable: true,
    description: '主管税务机关名称, e.g. 国家税务总局长兴县税务局.',
  })
  competentTaxOfficeName!: string | null;

  @Field({ description: '登记日期 (YYYY-MM-DD).' })
  registeredOn!: string;

  @Field(() => String, {
    nullable: true,
    description:
      '法定代表人 (负责人、业主) as last reported to the tax office; may be out of date.',
  })
  legalRepresentative!: string | null;

  @Field(() => TaxCreditRatingModel, {
    nullable: true,
    description: 'The latest 纳税信用评价; null for natural persons and taxpayers not yet rated.',
  })
  creditRating!: TaxCreditRatingModel | null;

  @Field(() => [TaxArrearsModel], {
    nullable: true,
    description:
      '欠税信息; empty when nothing is owed. Null when the sharing catalogue refuses it to the caller (FORBIDDEN_DATA_ITEM).',
  })
  arrears!: TaxArrearsModel[];

  @Field({
    nullable: true,
    description:
      'True when any tax, or late fee, is owed (no 无欠税证明 could be issued). Null when the sharing catalogue refuses it to the caller (FORBIDDEN_DATA_ITEM).',
  })
  hasArrears!: boolean;
}

// Domain values index the GraphQL enums directly: a value the enum lacks does not compile.

export function toTaxCreditRatingModel(rating: TaxCreditRating): TaxCreditRatingModel {
  return { year: rating.year, level: TaxCreditLevel[rating.level], score: rating.score ?? null };
}

export function toTaxArrearsModel(arrears: TaxArrears): TaxArrearsModel {
  return {
    taxType: arrears.taxType,
    periodFrom: arrears.periodFrom,
    periodTo: arrears.periodTo,
    balanceYuan: arrears.balanceYuan,
    lateFeeYuan: arrears.lateFeeYuan,
    noticeDate: arrears.noticeDate ?? null,
  };
}

export function toTaxProfileModel(profile: TaxProfile): TaxProfileModel {
  return {
    taxpayerId: profile.taxpayerId,
    registrationNo: profile.registrationNo,
    name: profile.name,
    category: TaxpayerCategory[profile.category],
    vatTaxpayerType: profile.vatTaxpayerType ? VatTaxpayerType[profile.vatTaxpayerType] : null,
    status: TaxpayerStatus[profile.status],
    statusLabel: profile.statusLabel,
    competentTaxOffice: profile.competentTaxOffice,
    competentTaxOfficeName: profile.competentTaxOfficeName ?? null,
    registeredOn: profile.registeredOn,
    legalRepresentative: profile.legalRepresentative ?? null,
    creditRating: profile.creditRating ? toTaxCreditRatingModel(profile.creditRating) : null,
    arrears: profile.arrears.map(toTaxArrearsModel),
    hasArrears: profile.hasArrears,
  };
}
