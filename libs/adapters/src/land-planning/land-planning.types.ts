/**
 * What OnceGate knows about land and planning, in our own terms. Upstream
 * column codes (BDCDYH, ZDDM, …) stop at the mapper; dates are ISO
 * `YYYY-MM-DD` strings, the 登簿时间 a Date, areas and money carry their unit
 * in the name.
 */

/** 权利性质: how the holder came to the land right. */
export type LandRightNature =
  /** 出让: granted for a price under a 出让合同 */
  | 'TRANSFER'
  /** 划拨: allocated without a price (public institutions, infrastructure, 房改房) */
  | 'ALLOCATION'
  /** 作价出资（入股）: contributed as capital */
  | 'CAPITAL_CONTRIBUTION'
  /** 租赁 */
  | 'LEASE'
  /** 批准拨用: a rural household's 宅基地 */
  | 'APPROVED_ALLOCATION'
  /** 流转: collective land use transferred by contract */
  | 'CIRCULATION'
  /** 其他 */
  | 'OTHER';

/** 土地取得方式 on a 建设用地规划许可证. */
export type LandSupplyMode = 'TRANSFER' | 'ALLOCATION';

/** 用地红线: a GeoJSON Polygon, `[longitude, latitude]` in CGCS2000 (EPSG:4490); exterior ring first, rings closed. */
export interface GeoJsonPolygon {
  readonly type: 'Polygon';
  readonly coordinates: number[][][];
}

/** 建设项目用地预审与选址意见书 */
export interface SitePreApproval {
  /** 证书编号 (电子监管号 since 2024); opaque. */
  readonly certNo: string;
  /** 投资项目代码 */
  readonly projectCode: string | null;
  /** 项目名称 */
  readonly projectName: string;
  /** 建设单位 */
  readonly applicantName: string;
  /** 建设单位统一社会信用代码, normalised. */
  readonly applicantUscc: string | null;
  /** 建设依据: 批复/核准/备案文号 */
  readonly basisDocNo: string | null;
  /** 项目拟选位置 */
  readonly proposedLocation: string;
  /** 拟用地面积 (公顷) */
  readonly proposedLandAreaHectares: number;
  /** 新增建设用地面积 (公顷) */
  readonly newConstructionLandAreaHectares: number;
  /** 占用农用地面积 (公顷) */
  readonly farmlandAreaHectares: number;
  /** 其中占用耕地面积 (公顷) */
  readonly cultivatedLandAreaHectares: number;
  /** 拟建设规模 */
  readonly proposedScale: string | null;
  /** 发证日期 */
  readonly issueDate: string;
  /** 发证机关 */
  readonly issuer: string;
}

/** 建设用地规划许可证 */
export interface LandUsePlanningPermit {
  readonly certNo: string;
  readonly projectCode: string | null;
  readonly projectName: string | null;
  /** 用地单位 */
  readonly landUserName: string;
  readonly landUserUscc: string | null;
  /** 用地位置 */
  readonly location: string;
  /** 用地性质 */
  readonly landUse: string;
  /** 用地面积 (m²) */
  readonly landAreaSquareMeters: number;
  /** 建设规模 */
  readonly buildingScale: string | null;
  /** 土地取得方式 */
  readonly landSupplyMode: LandSupplyMode;
  /** 划拨决定书号 */
  readonly allocationDecisionNo: string | null;
  /** 出让合同编号 */
  readonly transferContractNo: string | null;
  readonly issueDate: string;
  readonly issuer: string;
}

/** 建设工程规划许可证 */
export interface ConstructionPlanningPermit {
  readonly certNo: string;
  readonly projectCode: string | null;
  /** 建设项目名称 */
  readonly projectName: string;
  /** 建设单位 */
  readonly builderName: string;
  readonly builderUscc: string | null;
  /** 建设位置 */
  readonly location: string;
  /** 总建筑面积 (m²) */
  readonly totalFloorAreaSquareMeters: number;
  /** 地上建筑面积 (m²) */
  readonly aboveGroundFloorAreaSquareMeters: number;
  /** 地下建筑面积 (m²) */
  readonly belowGroundFloorAreaSquareMeters: number;
  /** 地上层数 */
  readonly floorsAboveGround: number;
  /** 地下层数 */
  readonly floorsBelowGround: number;
  /** 建筑高度 (m) */
  readonly buildingHeightMeters: number;
  /** 规划条件文号 */
  readonly planningConditionsRef: string | null;
  /** 设计方案审查意见文号 */
  readonly approvedPlanRef: string | null;
  readonly issueDate: string;
  readonly issuer: string;
}

/** A planning indicator's bounds; null where the contract sets none. */
export interface IndicatorRange {
  readonly min: number | null;
  readonly max: number | null;
}

/** 国有建设用地使用权出让合同 */
export interface LandTransferContract {
  /** 合同编号 (电子监管号); opaque. */
  readonly contractNo: string;
  /** 出让人 */
  readonly grantor: string;
  /** 受让人 */
  readonly granteeName: string;
  /** 受让人证件号 (统一社会信用代码 / 身份证号码), normalised. */
  readonly granteeId: string | null;
  /** 宗地坐落 */
  readonly location: string;
  /** 出让面积 (m²) */
  readonly landAreaSquareMeters: number;
  /** 用途 */
  readonly landUse: string;
  /** 出让年限 */
  readonly termYears: number;
  /** 出让价款 (元) */
  readonly priceYuan: number;
  /** 定金 (元) */
  readonly depositYuan: number | null;
  /** 付款方式 */
  readonly paymentSchedule: string | null;
  /** 容积率 */
  readonly plotRatio: IndicatorRange;
  /** 建筑密度 (%) */
  readonly buildingDensityPercent: IndicatorRange;
  /** 绿地率 (%) */
  readonly greenRatioPercent: IndicatorRange;
  /** 约定开工日 */
  readonly startDeadline: string;
  /** 约定竣工日 */
  readonly completionDeadline: string;
  /** 签订日期 */
  readonly signDate: string;
}

/** 宗地 / 不动产单元 held by an applicant, with its red line and planning documents. */
export interface LandParcel {
  /** 不动产单元号 (GB/T 37346, 28 characters) */
  readonly realEstateUnitNo: string;
  /** 宗地代码 (19 characters) */
  readonly parcelCode: string;
  /** 坐落 */
  readonly location: string;
  /** 宗地面积 (m²) */
  readonly areaSquareMeters: number;
  /** 土地用途 (GB/T 21010 class name) */
  readonly landUse: string;
  /** 权利类型, e.g. 国有建设用地使用权/房屋所有权 */
  readonly rightType: string;
  /** 权利性质 */
  readonly rightNature: LandRightNature;
  /** The department's own label of the 权利性质 (出让, 划拨, …). */
  readonly rightNatureLabel: string;
  /**
   * 权利人证件号, normalised (upper case, 15-digit resident IDs upgraded to 18);
   * the id the holder was asked for when the record carries none.
   */
  readonly holderId: string;
  /** 权利人名称 as registered (may differ in form from the applicant's name). */
  readonly holderName: string;
  /** 不动产权证书号 */
  readonly certificateNo: string | null;
  /** 登簿时间 */
  readonly registeredAt: Date | null;
  /** 使用权起始日期 */
  readonly termFrom: string | null;
  /** 使用权终止日期 */
  readonly termTo: string | null;
  /** 投资项目代码 the land was supplied for */
  readonly projectCode: string | null;
  /** 用地红线 */
  readonly redLine: GeoJsonPolygon;
  readonly sitePreApproval: SitePreApproval | null;
  readonly landUsePlanningPermit: LandUsePlanningPermit | null;
  readonly constructionPlanningPermits: readonly ConstructionPlanningPermit[];
  readonly transferContract: LandTransferContract | null;
}
