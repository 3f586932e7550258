/**
 * The spatial platform's own record shapes, exactly as
 * `contracts/departments/land-planning.openapi.yaml` defines them: upper-case
 * TD/T 1066 column codes for data items, camelCase for the API layer and
 * GeoJSON. The simulator stores and serves these; they never reach the gateway
 * (the adapter maps them).
 */

/** 权利性质 */
export type LandRightNatureLabel =
  '出让' | '划拨' | '作价出资' | '租赁' | '批准拨用' | '流转' | '其他';

export const RIGHT_NATURE_LABELS: readonly LandRightNatureLabel[] = [
  '出让',
  '划拨',
  '作价出资',
  '租赁',
  '批准拨用',
  '流转',
  '其他',
];

/** 证件种类 */
export type HolderIdKindLabel = '身份证' | '统一社会信用代码' | '其他';

/** GeoJSON Polygon, `[longitude, latitude]` in CGCS2000 (EPSG:4490). */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}

/** 用地红线: a GeoJSON Feature. */
export interface RedLineFeature {
  type: 'Feature';
  crs?: { type: 'name'; properties: { name: 'EPSG:4490' | 'urn:ogc:def:crs:EPSG::4490' } };
  geometry: PolygonGeometry;
  properties: { ZDDM: string; TXMJ?: number };
}

/** 建设项目用地预审与选址意见书 */
export interface SitePreApprovalRecord {
  ZSBH: string;
  XMDM: string | null;
  XMMC: string;
  JSDWMC: string;
  JSDWDM: string | null;
  JSYJ: string | null;
  NXZWZ: string;
  /** 公顷 */
  NYDMJ: number;
  XZJSYDMJ: number;
  ZYNYDMJ: number;
  ZYGDMJ: number;
  NJSGM: string | null;
  FZRQ: string;
  FZJG: string;
}

/** 建设用地规划许可证 */
export interface LandUsePlanningPermitRecord {
  ZSBH: string;
  XMDM: string | null;
  XMMC: string | null;
  YDDWMC: string;
  YDDWDM: string | null;
  YDWZ: string;
  YDXZ: string;
  /** m² */
  YDMJ: number;
  JSGM: string | null;
  TDQDFS: '出让' | '划拨';
  HBJDSH: string | null;
  CRHTBH: string | null;
  FZRQ: string;
  FZJG: string;
}

/** 建设工程规划许可证 */
export interface ConstructionPlanningPermitRecord {
  ZSBH: string;
  XMDM: string | null;
  XMMC: string;
  JSDWMC: string;
  JSDWDM: string | null;
  JSWZ: string;
  ZJZMJ: number;
  DSJZMJ: number;
  DXJZMJ: number;
  DSCS: number;
  DXCS: number;
  JZGD: number;
  GHTJWH: string | null;
  FASCWH: string | null;
  FZRQ: string;
  FZJG: string;
}

/** 国有建设用地使用权出让合同 */
export interface TransferContractRecord {
  HTBH: string;
  CRR: string;
  SRR: string;
  SRRDM: string | null;
  ZL: string;
  MJ: number;
  YT: string;
  CRNX: number;
  /** 元 */
  CRJK: number;
  DJ: number | null;
  FKFS: string | null;
  RJLXX: number | null;
  RJLSX: number | null;
  JZMDXX: number | null;
  JZMDSX: number | null;
  LDLXX: number | null;
  LDLSX: number | null;
  YDKGRQ: string;
  YDJGRQ: string;
  QDRQ: string;
}

/** One 不动产单元 as the platform stores and serves it (`Parcel` in the contract). */
export interface LandPlanningParcelRecord {
  BDCDYH: string;
  ZDDM: string;
  QLLX: string;
  QLXZ: LandRightNatureLabel;
  QLRMC: string;
  ZJZL: HolderIdKindLabel | null;
  ZJH: string | null;
  FDDBR: string | null;
  LXDH: string | null;
  TXDZ: string | null;
  ZL: string;
  ZDMJ: number;
  YT: string;
  BDCQZH: string | null;
  DBSJ: string | null;
  SYQQSRQ: string | null;
  SYQJSRQ: string | null;
  XMDM: string | null;
  redLine: RedLineFeature;
  YDYSXZ: SitePreApprovalRecord | null;
  YDGHXK: LandUsePlanningPermitRecord | null;
  GCGHXK: ConstructionPlanningPermitRecord[];
  CRHT: TransferContractRecord | null;
  /**
   * 更新时间 `yyyy-MM-dd HH:mm:ss` (China time): when the platform last
   * changed the record — the change feed's order. Not before the 登簿时间.
   */
  GXSJ: string;
}

/**
 * One item of the change feed (`ParcelChange` in the contract): the unit, its
 * 权利人 columns and its 更新时间 — what a registry needs to know who holds
 * it, without the red line and documents (those stay with `GET /parcels`).
 */
export type LandPlanningParcelChange = Pick<
  LandPlanningParcelRecord,
  | 'BDCDYH'
  | 'ZDDM'
  | 'QLLX'
  | 'QLXZ'
  | 'QLRMC'
  | 'ZJZL'
  | 'ZJH'
  | 'FDDBR'
  | 'LXDH'
  | 'TXDZ'
  | 'ZL'
  | 'DBSJ'
  | 'GXSJ'
>;

/** Which population member a record is: `applicantKey` is their canonical 18-character identifier. */
export interface LandPlanningTruth {
  readonly localId: string;
  readonly applicantKey: string;
}

/** What the simulator serves, and (for generated data) who each record really is. */
export interface LandPlanningData {
  readonly parcels: readonly LandPlanningParcelRecord[];
  /** One row per parcel for generated data; empty for a loaded export (a real system has no ground truth). */
  readonly truth: readonly LandPlanningTruth[];
}
