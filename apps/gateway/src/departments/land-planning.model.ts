import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type {
  ConstructionPlanningPermit,
  GeoJsonPolygon,
  IndicatorRange,
  LandParcel,
  LandTransferContract,
  LandUsePlanningPermit,
  SitePreApproval,
} from '@oncegate/adapters';

export enum LandRightNature {
  TRANSFER = 'TRANSFER',
  ALLOCATION = 'ALLOCATION',
  CAPITAL_CONTRIBUTION = 'CAPITAL_CONTRIBUTION',
  LEASE = 'LEASE',
  APPROVED_ALLOCATION = 'APPROVED_ALLOCATION',
  CIRCULATION = 'CIRCULATION',
  OTHER = 'OTHER',
}
registerEnumType(LandRightNature, {
  name: 'LandRightNature',
  description: '权利性质: how the holder came to the land right.',
  valuesMap: {
    TRANSFER: { description: '出让 — granted for a price under a 国有建设用地使用权出让合同.' },
    ALLOCATION: {
      description: '划拨 — allocated without a price (public institutions, infrastructure).',
    },
    CAPITAL_CONTRIBUTION: { description: '作价出资（入股） — contributed as capital.' },
    LEASE: { description: '租赁 — leased state land.' },
    APPROVED_ALLOCATION: { description: '批准拨用 — a rural household’s 宅基地.' },
    CIRCULATION: { description: '流转 — collective land use transferred by contract.' },
    OTHER: { description: '其他' },
  },
});

export enum LandSupplyMode {
  TRANSFER = 'TRANSFER',
  ALLOCATION = 'ALLOCATION',
}
registerEnumType(LandSupplyMode, {
  name: 'LandSupplyMode',
  description: '土地取得方式 stated on a 建设用地规划许可证.',
  valuesMap: {
    TRANSFER: { description: '出让' },
    ALLOCATION: { description: '划拨' },
  },
});

@ObjectType('GeoJsonPolygon', {
  description:
    '用地红线 as a GeoJSON Polygon (RFC 7946): `[longitude, latitude]` positions in CGCS2000 (EPSG:4490); exterior ring first, counter-clockwise, every ring closed.',
})
export class GeoJsonPolygonModel {
  @Field({ description: 'Always "Polygon".' })
  type!: string;

  @Field(() => [[[Float]]], {
    description: 'Linear rings of [longitude, latitude] positions in degrees.',
  })
  coordinates!: number[][][];
}

@ObjectType('LandIndicatorRange', {
  description: 'Bounds of a planning indicator (规划指标); null where the contract sets none.',
})
export class IndicatorRangeModel {
  @Field(() => Float, { nullable: true, description: 'Lower bound (下限).' })
  min!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound (上限).' })
  max!: number | null;
}

@ObjectType('LandSitePreApproval', {
  description:
    '建设项目用地预审与选址意见书 (land pre-review and site-selection opinion; one document since 2019).',
})
export class SitePreApprovalModel {
  @Field({
    description: '证书编号 — certificate number (电子监管号 since 2024); an opaque string.',
  })
  certNo!: string;

  @Field(() => String, { nullable: true, description: '投资项目代码 — the project code.' })
  projectCode!: string | null;

  @Field({ description: '项目名称 — project name.' })
  projectName!: string;

  @Field({ description: '建设单位 — the builder named on the document.' })
  applicantName!: string;

  @Field(() => String, { nullable: true, description: '建设单位统一社会信用代码 (normalized).' })
  applicantUscc!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '建设依据 — 批复/核准/备案文号 of the project.',
  })
  basisDocNo!: string | null;

  @Field({ description: '项目拟选位置 — proposed location.' })
  proposedLocation!: string;

  @Field(() => Float, { description: '拟用地面积 — proposed land area, hectares (公顷).' })
  proposedLandAreaHectares!: number;

  @Field(() => Float, { description: '新增建设用地面积 — new construction land, hectares.' })
  newConstructionLandAreaHectares!: number;

  @Field(() => Float, { description: '占用农用地面积 — farmland taken, hectares.' })
  farmlandAreaHectares!: number;

  @Field(() => Float, { description: '其中占用耕地面积 — of which cultivated land, hectares.' })
  cultivatedLandAreaHectares!: number;

  @Field(() => String, { nullable: true, description: '拟建设规模 — proposed scale.' })
  proposedScale!: string | null;

  @Field({ description: '发证日期 — issue date, YYYY-MM-DD.' })
  issueDate!: string;

  @Field({ description: '发证机关 — issuing authority.' })
  issuer!: string;
}

@ObjectType('LandUsePlanningPermit', {
  description: '建设用地规划许可证 (land-use planning permit).',
})
export class LandUsePlanningPermitModel {
  @Field({
    description: '证书编号 — certificate number (电子监管号 since 2024); an opaque string.',
  })
  certNo!: string;

  @Field(() => String, { nullable: true, description: '投资项目代码' })
  projectCode!: string | null;

  @Field(() => String, { nullable: true, description: '项目名称' })
  projectName!: string | null;

  @Field({ description: '用地单位 — the land user.' })
  landUserName!: string;

  @Field(() => String, { nullable: true, description: '用地单位统一社会信用代码 (normalized).' })
  landUserUscc!: string | null;

  @Field({ description: '用地位置 — location.' })
  location!: string;

  @Field({ description: '用地性质 — land use class.' })
  landUse!: string;

  @Field(() => Float, { description: '用地面积 — land area, m².' })
  landAreaSquareMeters!: number;

  @Field(() => String, { nullable: true, description: '建设规模 — building scale.' })
  buildingScale!: string | null;

  @Field(() => LandSupplyMode, { description: '土地取得方式 — 出让 or 划拨.' })
  landSupplyMode!: LandSupplyMode;

  @Field(() => String, { nullable: true, description: '国有土地划拨决定书号 (when 划拨).' })
  allocationDecisionNo!: string | null;

  @Field(() => String, { nullable: true, description: '出让合同编号 (when 出让).' })
  transferContractNo!: string | null;

  @Field({ description: '发证日期, YYYY-MM-DD.' })
  issueDate!: string;

  @Field({ description: '发证机关' })
  issuer!: string;
}

@ObjectType('ConstructionPlanningPermit', {
  description: '建设工程规划许可证 (construction-works planning permit).',
})
export class ConstructionPlanningPermitModel {
  @Field({
    description: '证书编号 — certificate number (电子监管号 since 2024); an opaque string.',
  })
  certNo!: string;

  @Field(() => String, { nullable: true, description: '投资项目代码' })
  projectCode!: string | null;

  @Field({ description: '建设项目名称 — project name.' })
  projectName!: string;

  @Field({ description: '建设单位 — the builder.' })
  builderName!: string;

  @Field(() => String, { nullable: true, description: '建设单位统一社会信用代码 (normalized).' })
  builderUscc!: string | null;

  @Field({ description: '建设位置 — location.' })
  location!: string;

  @Field(() => Float, { description: '总建筑面积 — total floor area, m².' })
  totalFloorAreaSquareMeters!: number;

  @Field(() => Float, { description: '地上建筑面积 — floor area above ground, m².' })
  aboveGroundFloorAreaSquareMeters!: number;

  @Field(() => Float, { description: '地下建筑面积 — floor area below ground, m².' })
  belowGroundFloorAreaSquareMeters!: number;

  @Field(() => Int, { description: '地上层数 — floors above ground.' })
  floorsAboveGround!: number;

  @Field(() => Int, { description: '地下层数 — floors below ground.' })
  floorsBelowGround!: number;

  @Field(() => Float, { description: '建筑高度 — building height, m.' })
  buildingHeightMeters!: number;

  @Field(() => String, {
    nullable: true,
    description: '规划条件文号 — planning conditions reference.',
  })
  planningConditionsRef!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '设计方案审查意见文号 — approved design reference.',
  })
  approvedPlanRef!: string | null;

  @Field({ description: '发证日期, YYYY-MM-DD.' })
  issueDate!: string;

  @Field({ description: '发证机关' })
  issuer!: string;
}

@ObjectType('LandTransferContract', {
  description: '国有建设用地使用权出让合同 (state construction-land use-right transfer contract).',
})
export class LandTransferContractModel {
  @Field({ description: '合同编号 — contract number (电子监管号); an opaque string.' })
  contractNo!: string;

  @Field({ description: '出让人 — the grantor (county natural-resources authority).' })
  grantor!: string;

  @Field({ description: '受让人 — the grantee.' })
  granteeName!: string;

  @Field(() => String, {
    nullable: true,
    description: '受让人证件号 (USCC or resident ID, normalized).',
  })
  granteeId!: string | null;

  @Field({ description: '宗地坐落 — location.' })
  location!: string;

  @Field(() => Float, { description: '出让面积 — land area, m².' })
  landAreaSquareMeters!: number;

  @Field({ description: '用途 — land use.' })
  landUse!: string;

  @Field(() => Int, { description: '出让年限 — term in years.' })
  termYears!: number;

  @Field(() => Float, { description: '出让价款 — price, yuan (元).' })
  priceYuan!: number;

  @Field(() => Float, { nullable: true, description: '定金 — deposit, yuan.' })
  depositYuan!: number | null;

  @Field(() => String, { nullable: true, description: '付款方式 — payment schedule.' })
  paymentSchedule!: string | null;

  @Field(() => IndicatorRangeModel, { description: '容积率 — plot ratio bounds.' })
  plotRatio!: IndicatorRangeModel;

  @Field(() => IndicatorRangeModel, { description: '建筑密度 — building density bounds, %.' })
  buildingDensityPercent!: IndicatorRangeModel;

  @Field(() => IndicatorRangeModel, { description: '绿地率 — green ratio bounds, %.' })
  greenRatioPercent!: IndicatorRangeModel;

  @Field({ description: '约定开工日 — agreed start of works, YYYY-MM-DD.' })
  startDeadline!: string;

  @Field({ description: '约定竣工日 — agreed completion, YYYY-MM-DD.' })
  completionDeadline!: string;

  @Field({ description: '签订日期 — signed on, YYYY-MM-DD.' })
  signDate!: string;
}

@ObjectType('LandParcel', {
  description:
    '宗地 / 不动产单元 — a parcel (real-estate unit) the applicant holds, with its red line and the planning documents issued for it (自然资源和规划局 / 不动产登记中心).',
})
export class LandParcelModel {
  @Field({ description: '不动产单元号 — real-estate unit number (GB/T 37346, 28 characters).' })
  realEstateUnitNo!: string;

  @Field({ description: '宗地代码 — parcel code (the unit number’s first 19 characters).' })
  parcelCode!: string;

  @Field({ description: '坐落 — location.' })
  location!: string;

  @Field(() => Float, { description: '宗地面积 — parcel area, m².' })
  areaSquareMeters!: number;

  @Field({ description: '土地用途 — land use (GB/T 21010 class name).' })
  landUse!: string;

  @Field({ description: '权利类型 — right type, e.g. 国有建设用地使用权/房屋所有权.' })
  rightType!: string;

  @Field(() => LandRightNature, { description: '权利性质 — nature of the right.' })
  rightNature!: LandRightNature;

  @Field({ description: 'The department’s own label of the 权利性质 (出让, 划拨, …).' })
  rightNatureLabel!: string;

  @Field({ description: '权利人证件号 — the holder’s USCC or resident ID, normalized.' })
  holderId!: string;

  @Field({
    description:
      '权利人名称 — the holder as registered (its form may differ from the applicant’s name).',
  })
  holderName!: string;

  @Field(() => String, {
    nullable: true,
    description: '不动产权证书号 — certificate of title number.',
  })
  certificateNo!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: '登簿时间 — when the right was entered in the register.',
  })
  registeredAt!: Date | null;

  @Field(() => String, { nullable: true, description: '使用权起始日期 — term start, YYYY-MM-DD.' })
  termFrom!: string | null;

  @Field(() => String, { nullable: true, description: '使用权终止日期 — term end, YYYY-MM-DD.' })
  termTo!: string | null;

  @Field(() => String, {
    nullable: true,
    description: '投资项目代码 of the project the land was supplied for.',
  })
  projectCode!: string | null;

  @Field(() => GeoJsonPolygonModel, { description: '用地红线 — the parcel boundary.' })
  redLine!: GeoJsonPolygonModel;

  @Field(() => SitePreApprovalModel, {
    nullable: true,
    description: '建设项目用地预审与选址意见书',
  })
  sitePreApproval!: SitePreApprovalModel | null;

  @Field(() => LandUsePlanningPermitModel, { nullable: true, description: '建设用地规划许可证' })
  landUsePlanningPermit!: LandUsePlanningPermitModel | null;

  @Field(() => [ConstructionPlanningPermitModel], {
    description: '建设工程规划许可证 (one per building phase).',
  })
  constructionPlanningPermits!: ConstructionPlanningPermitModel[];

  @Field(() => LandTransferContractModel, {
    nullable: true,
    description: '国有建设用地使用权出让合同',
  })
  transferContract!: LandTransferContractModel | null;
}

export function toGeoJsonPolygonModel(polygon: GeoJsonPolygon): GeoJsonPolygonModel {
  return { type: polygon.type, coordinates: polygon.coordinates };
}

function toRangeModel(range: IndicatorRange): IndicatorRangeModel {
  return { min: range.min, max: range.max };
}

export function toSitePreApprovalModel(d: SitePreApproval): SitePreApprovalModel {
  return { ...d };
}

export function toLandUsePlanningPermitModel(d: LandUsePlanningPermit): LandUsePlanningPermitModel {
  return { ...d, landSupplyMode: LandSupplyMode[d.landSupplyMode] };
}

export function toConstructionPlanningPermitModel(
  d: ConstructionPlanningPermit,
): ConstructionPlanningPermitModel {
  return { ...d };
}

export function toLandTransferContractModel(d: LandTransferContract): LandTransferContractModel {
  return {
    ...d,
    plotRatio: toRangeModel(d.plotRatio),
    buildingDensityPercent: toRangeModel(d.buildingDensityPercent),
    greenRatioPercent: toRangeModel(d.greenRatioPercent),
  };
}

export function toLandParcelModel(p: LandParcel): LandParcelModel {
  return {
    realEstateUnitNo: p.realEstateUnitNo,
    parcelCode: p.parcelCode,
    location: p.location,
    areaSquareMeters: p.areaSquareMeters,
    landUse: p.landUse,
    rightType: p.rightType,
    rightNature: LandRightNature[p.rightNature],
    rightNatureLabel: p.rightNatureLabel,
    holderId: p.holderId,
    holderName: p.holderName,
    certificateNo: p.certificateNo,
    registeredAt: p.registeredAt,
    termFrom: p.termFrom,
    termTo: p.termTo,
    projectCode: p.projectCode,
    redLine: toGeoJsonPolygonModel(p.redLine),
    sitePreApproval: p.sitePreApproval ? toSitePreApprovalModel(p.sitePreApproval) : null,
    landUsePlanningPermit: p.landUsePlanningPermit
      ? toLandUsePlanningPermitModel(p.landUsePlanningPermit)
      : null,
    constructionPlanningPermits: p.constructionPlanningPermits.map(
      toConstructionPlanningPermitModel,
    ),
    transferContract: p.transferContract ? toLandTransferContractModel(p.transferContract) : null,
  };
}
