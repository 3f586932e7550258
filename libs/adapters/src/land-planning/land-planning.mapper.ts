import { normalizeIdentifierInput, upgradeResidentId15 } from '@oncegate/identifiers';
import {
  SourceError,
  SubmissionItems,
  isAfterCursor,
  shiftDecimal,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { LAND_PLANNING_PROCEDURES } from './land-planning.port';
import type {
  ConstructionPlanningPermit,
  GeoJsonPolygon,
  IndicatorRange,
  LandParcel,
  LandRightNature,
  LandSupplyMode,
  LandTransferContract,
  LandUsePlanningPermit,
  SitePreApproval,
} from './land-planning.types';

/**
 * Upstream (contracts/departments/land-planning.openapi.yaml) → our types.
 * Every field we read is checked against the contract — presence, type,
 * format — and anything off-contract is a SOURCE_INVALID_RESPONSE naming the
 * JSON path (never the value: it may be personal data). Fields we do not read
 * (holder contact columns, GeoJSON extras) are not checked, so an additive
 * change upstream does not break us.
 */

type Json = Record<string, unknown>;

const RIGHT_NATURES: Readonly<Record<string, LandRightNature>> = {
  出让: 'TRANSFER',
  划拨: 'ALLOCATION',
  作价出资: 'CAPITAL_CONTRIBUTION',
  租赁: 'LEASE',
  批准拨用: 'APPROVED_ALLOCATION',
  流转: 'CIRCULATION',
  其他: 'OTHER',
};

const SUPPLY_MODES: Readonly<Record<string, LandSupplyMode>> = {
  出让: 'TRANSFER',
  划拨: 'ALLOCATION',
};

const UNIT_NO = /^\d{12}[GJZ][A-Z]\d{5}[FLQW]\d{8}$/;
const PARCEL_CODE = /^\d{12}[GJZ][A-Z]\d{5}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

function invalid(path: string, expected: string): never {
  throw SourceError.invalidResponse('land-planning', `${path}: expected ${expected}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(path, 'an object');
  return value as Json;
}

function present(o: Json, key: string, path: string): unknown {
  if (!(key in o) || o[key] === undefined)
    invalid(`${path}.${key}`, 'a value (the contract requires it)');
  return o[key];
}

function text(o: Json, key: string, path: string): string {
  const value = present(o, key, path);
  if (typeof value !== 'string' || value.trim() === '')
    invalid(`${path}.${key}`, 'a non-empty string');
  return value;
}

function textOrNull(o: Json, key: string, path: string): string | null {
  const value = present(o, key, path);
  if (value === null) return null;
  if (typeof value !== 'string') invalid(`${path}.${key}`, 'a string or null');
  return value;
}

function number(
  o: Json,
  key: string,
  path: string,
  options: { integer?: boolean; positive?: boolean } = {},
): number {
  const value = present(o, key, path);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(`${path}.${key}`, 'a number ≥ 0');
  }
  if (options.integer && !Number.isInteger(value)) invalid(`${path}.${key}`, 'an integer');
  if (options.positive && value === 0) invalid(`${path}.${key}`, 'a number > 0');
  return value;
}

function numberOrNull(o: Json, key: string, path: string): number | null {
  return present(o, key, path) === null ? null : number(o, key, path);
}

function isRealDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

function date(o: Json, key: string, path: string): string {
  const value = present(o, key, path);
  if (typeof value !== 'string' || !isRealDate(value))
    invalid(`${path}.${key}`, 'a date yyyy-MM-dd');
  return value;
}

function dateOrNull(o: Json, key: string, path: string): string | null {
  return present(o, key, path) === null ? null : date(o, key, path);
}

function array(o: Json, key: string, path: string): unknown[] {
  const value = present(o, key, path);
  if (!Array.isArray(value)) invalid(`${path}.${key}`, 'an array');
  return value;
}

function oneOf<T>(o: Json, key: string, path: string, table: Readonly<Record<string, T>>): T {
  const value = present(o, key, path);
  if (typeof value !== 'string' || !Object.hasOwn(table, value)) {
    invalid(`${path}.${key}`, `one of ${Object.keys(table).join(', ')}`);
  }
  return table[value];
}

/**
 * A 权利人证件号 as we key applicants: normalised, 15-digit resident IDs
 * upgraded to 18. Values that are neither are kept normalised (the
 * department may hold other certificate kinds).
 */
export function normalizeHolderId(raw: string): string {
  const value = normalizeIdentifierInput(raw);
  return /^\d{15}$/.test(value) ? upgradeResidentId15(value) : value;
}

function idOrNull(o: Json, key: string, path: string): string | null {
  const value = textOrNull(o, key, path);
  return value === null || value.trim() === '' ? null : normalizeHolderId(value);
}

/** 登簿时间 / 更新时间 `yyyy-MM-dd HH:mm:ss`, China Standard Time. */
function timestampOrNull(o: Json, key: string, path: string): Date | null {
  const value = present(o, key, path);
  if (value === null) return null;
  const m = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  const at = m && isRealDate(m[1]) ? new Date(`${m[1]}T${m[2]}+08:00`) : null;
  if (!at || Number.isNaN(at.getTime())) invalid(`${path}.${key}`, 'a time yyyy-MM-dd HH:mm:ss');
  return at;
}

function redLine(value: unknown, path: string): GeoJsonPolygon {
  const feature = object(value, path);
  if (feature.type !== 'Feature') invalid(`${path}.type`, '"Feature"');
  const geometry = object(present(feature, 'geometry', path), `${path}.geometry`);
  if (geometry.type !== 'Polygon') invalid(`${path}.geometry.type`, '"Polygon"');
  const rings = array(geometry, 'coordinates', `${path}.geometry`);
  if (rings.length === 0) invalid(`${path}.geometry.coordinates`, 'at least one ring');
  const coordinates = rings.map((ring, r) => {
    const ringPath = `${path}.geometry.coordinates[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4)
      invalid(ringPath, 'a ring of at least 4 positions');
    const positions = (ring as unknown[]).map((position, p) => {
      if (
        !Array.isArray(position) ||
        position.length !== 2 ||
        typeof position[0] !== 'number' ||
        typeof position[1] !== 'number' ||
        !(Math.abs(position[0]) <= 180) ||
        !(Math.abs(position[1]) <= 90)
      ) {
        invalid(`${ringPath}[${p}]`, '[longitude, latitude] in degrees');
      }
      return [position[0], position[1]];
    });
    const first = positions[0];
    const last = positions[positions.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1])
      invalid(ringPath, 'a closed ring (last position = first)');
    return positions;
  });
  return { type: 'Polygon', coordinates };
}

function sitePreApproval(value: unknown, path: string): SitePreApproval | null {
  if (value === null) return null;
  const o = object(value, path);
  return {
    certNo: text(o, 'ZSBH', path),
    projectCode: textOrNull(o, 'XMDM', path),
    projectName: text(o, 'XMMC', path),
    applicantName: text(o, 'JSDWMC', path),
    applicantUscc: idOrNull(o, 'JSDWDM', path),
    basisDocNo: textOrNull(o, 'JSYJ', path),
    proposedLocation: text(o, 'NXZWZ', path),
    proposedLandAreaHectares: number(o, 'NYDMJ', path),
    newConstructionLandAreaHectares: number(o, 'XZJSYDMJ', path),
    farmlandAreaHectares: number(o, 'ZYNYDMJ', path),
    cultivatedLandAreaHectares: number(o, 'ZYGDMJ', path),
    proposedScale: textOrNull(o, 'NJSGM', path),
    issueDate: date(o, 'FZRQ', path),
    issuer: text(o, 'FZJG', path),
  };
}

function landUsePlanningPermit(value: unknown, path: string): LandUsePlanningPermit | null {
  if (value === null) return null;
  const o = object(value, path);
  return {
    certNo: text(o, 'ZSBH', path),
    projectCode: textOrNull(o, 'XMDM', path),
    projectName: textOrNull(o, 'XMMC', path),
    landUserName: text(o, 'YDDWMC', path),
    landUserUscc: idOrNull(o, 'YDDWDM', path),
    location: text(o, 'YDWZ', path),
    landUse: text(o, 'YDXZ', path),
    landAreaSquareMeters: number(o, 'YDMJ', path),
    buildingScale: textOrNull(o, 'JSGM', path),
    landSupplyMode: oneOf(o, 'TDQDFS', path, SUPPLY_MODES),
    allocationDecisionNo: textOrNull(o, 'HBJDSH', path),
    transferContractNo: textOrNull(o, 'CRHTBH', path),
    issueDate: date(o, 'FZRQ', path),
    issuer: text(o, 'FZJG', path),
  };
}

function constructionPlanningPermit(value: unknown, path: string): ConstructionPlanningPermit {
  const o = object(value, path);
  return {
    certNo: text(o, 'ZSBH', path),
    projectCode: textOrNull(o, 'XMDM', path),
    projectName: text(o, 'XMMC', path),
    builderName: text(o, 'JSDWMC', path),
    builderUscc: idOrNull(o, 'JSDWDM', path),
    location: text(o, 'JSWZ', path),
    totalFloorAreaSquareMeters: number(o, 'ZJZMJ', path),
    aboveGroundFloorAreaSquareMeters: number(o, 'DSJZMJ', path),
    belowGroundFloorAreaSquareMeters: number(o, 'DXJZMJ', path),
    floorsAboveGround: number(o, 'DSCS', path, { integer: true }),
    floorsBelowGround: number(o, 'DXCS', path, { integer: true }),
    buildingHeightMeters: number(o, 'JZGD', path),
    planningConditionsRef: textOrNull(o, 'GHTJWH', path),
    approvedPlanRef: textOrNull(o, 'FASCWH', path),
    issueDate: date(o, 'FZRQ', path),
    issuer: text(o, 'FZJG', path),
  };
}

function range(o: Json, minKey: string, maxKey: string, path: string): IndicatorRange {
  return { min: numberOrNull(o, minKey, path), max: numberOrNull(o, maxKey, path) };
}

function transferContract(value: unknown, path: string): LandTransferContract | null {
  if (value === null) return null;
  const o = object(value, path);
  const termYears = number(o, 'CRNX', path, { integer: true, positive: true });
  if (termYears > 70) invalid(`${path}.CRNX`, 'at most 70 years');
  return {
    contractNo: text(o, 'HTBH', path),
    grantor: text(o, 'CRR', path),
    granteeName: text(o, 'SRR', path),
    granteeId: idOrNull(o, 'SRRDM', path),
    location: text(o, 'ZL', path),
    landAreaSquareMeters: number(o, 'MJ', path, { positive: true }),
    landUse: text(o, 'YT', path),
    termYears,
    priceYuan: number(o, 'CRJK', path),
    depositYuan: numberOrNull(o, 'DJ', path),
    paymentSchedule: textOrNull(o, 'FKFS', path),
    plotRatio: range(o, 'RJLXX', 'RJLSX', path),
    buildingDensityPercent: range(o, 'JZMDXX', 'JZMDSX', path),
    greenRatioPercent: range(o, 'LDLXX', 'LDLSX', path),
    startDeadline: date(o, 'YDKGRQ', path),
    completionDeadline: date(o, 'YDJGRQ', path),
    signDate: date(o, 'QDRQ', path),
  };
}

/** One `Parcel` of the contract. `askedFor` stands in for the holder id when the record carries none. */
export function mapParcel(value: unknown, path: string, askedFor: string): LandParcel {
  const o = object(value, path);
  const unitNo = text(o, 'BDCDYH', path);
  if (!UNIT_NO.test(unitNo)) invalid(`${path}.BDCDYH`, 'a 28-character 不动产单元号');
  const parcelCode = text(o, 'ZDDM', path);
  if (!PARCEL_CODE.test(parcelCode)) invalid(`${path}.ZDDM`, 'a 19-character 宗地代码');
  const rightNatureLabel = text(o, 'QLXZ', path);
  return {
    realEstateUnitNo: unitNo,
    parcelCode,
    location: text(o, 'ZL', path),
    areaSquareMeters: number(o, 'ZDMJ', path, { positive: true }),
    landUse: text(o, 'YT', path),
    rightType: text(o, 'QLLX', path),
    rightNature: oneOf(o, 'QLXZ', path, RIGHT_NATURES),
    rightNatureLabel,
    holderId: idOrNull(o, 'ZJH', path) ?? askedFor,
    holderName: text(o, 'QLRMC', path),
    certificateNo: textOrNull(o, 'BDCQZH', path),
    registeredAt: timestampOrNull(o, 'DBSJ', path),
    termFrom: dateOrNull(o, 'SYQQSRQ', path),
    termTo: dateOrNull(o, 'SYQJSRQ', path),
    projectCode: textOrNull(o, 'XMDM', path),
    redLine: redLine(present(o, 'redLine', path), `${path}.redLine`),
    sitePreApproval: sitePreApproval(present(o, 'YDYSXZ', path), `${path}.YDYSXZ`),
    landUsePlanningPermit: landUsePlanningPermit(present(o, 'YDGHXK', path), `${path}.YDGHXK`),
    constructionPlanningPermits: array(o, 'GCGHXK', path).map((permit, i) =>
      constructionPlanningPermit(permit, `${path}.GCGHXK[${i}]`),
    ),
    transferContract: transferContract(present(o, 'CRHT', path), `${path}.CRHT`),
  };
}

function successData(body: unknown): Json {
  const envelope = object(body, '$');
  if (envelope.code !== '0000') invalid('$.code', '"0000" with a 200 answer');
  return object(present(envelope, 'data', '$'), '$.data');
}

/** The 200 answer of `GET /api/v2/parcels` for `holderId`. */
export function mapHolderParcelsResponse(body: unknown, holderId: string): LandParcel[] {
  const data = successData(body);
  return array(data, 'parcels', '$.data').map((parcel, i) =>
    mapParcel(parcel, `$.data.parcels[${i}]`, holderId),
  );
}

/** Whether a 404 answer is the contract's "holder holds nothing" (`4004`), not a wrong URL or an unknown route. */
export function isHolderNotFound(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    (body as Json).code === '4004'
  );
}

const STATUSES = { FOUND: 'FOUND', NOT_FOUND: 'NOT_FOUND', INVALID_ID: 'INVALID_ID' } as const;

/**
 * The 200 answer of `POST /api/v2/parcels/query` for `holderIds` (in that
 * order): parcels per holder that has any. The answer must carry one result
 * per requested id, echoing it, in order.
 */
export function mapBatchResponse(
  body: unknown,
  holderIds: readonly string[],
): Map<string, LandParcel[]> {
  const results = array(successData(body), 'results', '$.data');
  if (results.length !== holderIds.length) {
    invalid('$.data.results', `one result per requested holder id (${holderIds.length})`);
  }
  const found = new Map<string, LandParcel[]>();
  results.forEach((item, i) => {
    const path = `$.data.results[${i}]`;
    const result = object(item, path);
    if (present(result, 'holderId', path) !== holderIds[i]) {
      invalid(`${path}.holderId`, 'the holder id requested at this position');
    }
    const status = oneOf(result, 'status', path, STATUSES);
    const parcels = array(result, 'parcels', path).map((parcel, p) =>
      mapParcel(parcel, `${path}.parcels[${p}]`, holderIds[i]),
    );
    if (status === 'FOUND' && parcels.length === 0)
      invalid(`${path}.parcels`, 'parcels when FOUND');
    if (status !== 'FOUND' && parcels.length > 0)
      invalid(`${path}.parcels`, `no parcels when ${status}`);
    if (parcels.length > 0) found.set(holderIds[i], parcels);
  });
  return found;
}

// ---- change feed (GET /api/v2/parcels/changes) ------------------------------

/** 权利人证件种类 (`ZJZL`) as the contract lists them; null means none recorded. */
const ID_KINDS = { 身份证: '身份证', 统一社会信用代码: '统一社会信用代码', 其他: '其他' } as const;

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * A time as the platform writes it (`yyyy-MM-dd HH:mm:ss`, China time) for a
 * query parameter; milliseconds are dropped, so the caller decides what a
 * cursor between two seconds means.
 */
export function formatLandPlanningTime(at: Date): string {
  const ms = at.getTime();
  const iso = Number.isFinite(ms) ? new Date(ms + CHINA_OFFSET_MS).toISOString() : '';
  if (iso.length !== 24) throw new RangeError('a time between the years 0000 and 9999');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** A held value: the platform's empty string holds nothing, like null. */
function heldOrNull(o: Json, key: string, path: string): string | null {
  const value = textOrNull(o, key, path);
  return value === '' ? null : value;
}

/**
 * One `ParcelChange` of the feed as a department applicant record, values
 * as registered (no normalising: that is the matcher's job). The 证件号 is a
 * USCC or a resident ID only by its 证件种类 — a number whose kind the
 * registry does not record is not guessed at. The holder is a person when the
 * 证件种类 says so; a migrated record without one is a person only on a
 * 宅基地 (granted only to rural household members), since only units have a
 * 法定代表人 and everything else the platform registers is held by units.
 * The address is the holder's 通讯地址, not the unit's 坐落.
 */
export function mapParcelChange(value: unknown, path: string): DepartmentApplicantRecord {
  const o = object(value, path);
  const localId = text(o, 'BDCDYH', path);
  if (!UNIT_NO.test(localId)) invalid(`${path}.BDCDYH`, 'a 28-character 不动产单元号');
  const rightType = text(o, 'QLLX', path);
  const idKind = present(o, 'ZJZL', path) === null ? null : oneOf(o, 'ZJZL', path, ID_KINDS);
  const id = heldOrNull(o, 'ZJH', path);
  const person =
    idKind === '身份证' || (idKind !== '统一社会信用代码' && rightType.startsWith('宅基地'));
  const representative = heldOrNull(o, 'FDDBR', path);
  const changedAt = timestampOrNull(o, 'GXSJ', path);
  if (changedAt === null) invalid(`${path}.GXSJ`, 'a time yyyy-MM-dd HH:mm:ss');
  return {
    system: 'land-planning',
    localId,
    kind: person ? 'PERSON' : 'ENTERPRISE',
    name: text(o, 'QLRMC', path),
    uscc: idKind === '统一社会信用代码' ? id : null,
    residentId: idKind === '身份证' ? id : null,
    legalRepresentative: person ? null : representative,
    birthDate: null,
    phone: heldOrNull(o, 'LXDH', path),
    address: heldOrNull(o, 'TXDZ', path),
    changedAt,
    raw: value,
  };
}

/**
 * The 200 answer of `GET /api/v2/parcels/changes` asked with cursor `after`
 * and `pageSize`: at most that many units, each strictly after the cursor and
 * after the one before it in (更新时间, 不动产单元号) order — anything else
 * would make a sync skip or repeat records, so it breaks the contract.
 */
export function mapParcelChangesResponse(
  body: unknown,
  after: ChangeCursor | null,
  pageSize: number,
): DepartmentRecordPage {
  const data = successData(body);
  const changes = array(data, 'changes', '$.data');
  if (changes.length > pageSize) invalid('$.data.changes', `at most ${pageSize} items`);
  const hasMore = present(data, 'hasMore', '$.data');
  if (typeof hasMore !== 'boolean') invalid('$.data.hasMore', 'a boolean');
  if (changes.length === 0 && hasMore) invalid('$.data.hasMore', 'false on an empty page');
  let cursor = after;
  const records = changes.map((item, i) => {
    const path = `$.data.changes[${i}]`;
    const record = mapParcelChange(item, path);
    if (!isAfterCursor(record, cursor)) {
      invalid(path, 'a unit after the cursor and the item before, in (GXSJ, BDCDYH) order');
    }
    cursor = { changedAt: record.changedAt, localId: record.localId };
    return record;
  });
  return { records, next: cursor, hasMore };
}

// ---- applications (POST /api/v2/applications) -------------------------------

/** 申请类型 (`SQLX`) per procedure: the document applied for. */
const APPLICATION_KINDS = {
  LAND_PREEXAM_SITE_SELECTION: '用地预审与选址意见书',
  LAND_USE_PLANNING_PERMIT: '建设用地规划许可证',
} as const;

type ApplicationKind = (typeof APPLICATION_KINDS)[keyof typeof APPLICATION_KINDS];

/** land.use → the 用地用海分类 class names the platform's form offers (`YT`, `YDXZ`). */
const LAND_USE_NAMES = {
  INDUSTRIAL: '工业用地',
  COMMERCIAL: '商业服务业用地',
  RESIDENTIAL: '居住用地',
  PUBLIC: '公共管理与公共服务用地',
  WAREHOUSE: '仓储用地',
  TRANSPORT: '交通运输用地',
} as const;

type LandUseName = (typeof LAND_USE_NAMES)[keyof typeof LAND_USE_NAMES];

interface ApplicationCommon {
  /** 外部业务号: OnceGate's application number. */
  readonly WBYWH: string;
  /** 申请时间, `yyyy-MM-dd HH:mm:ss` China time. */
  readonly SQSJ: string;
  readonly FDDBR: string;
  readonly LXR: string;
  readonly LXDH: string;
  readonly XMDM: string | null;
  readonly XMMC: string;
}

/** 建设项目用地预审与选址意见书申请: the 意见书's columns, its area in 公顷. */
export interface SitePreApprovalApplication extends ApplicationCommon {
  readonly SQLX: '用地预审与选址意见书';
  readonly JSDWMC: string;
  readonly JSDWDM: string;
  readonly XZQDM: string;
  readonly NXZWZ: string;
  /** 总投资 (万元). */
  readonly ZTZ: number;
  /** 拟用地面积 (公顷). */
  readonly NYDMJ: number;
  readonly YT: LandUseName;
}

/** 建设用地规划许可证申请: the 许可证's columns, areas in m². */
export interface LandUsePlanningPermitApplication extends ApplicationCommon {
  readonly SQLX: '建设用地规划许可证';
  readonly YDDWMC: string;
  readonly YDDWDM: string;
  readonly YDWZ: string;
  readonly ZJZMJ: number;
  readonly BDCDYH: string | null;
  readonly YDMJ: number;
  readonly YDXZ: LandUseName;
}

export type LandPlanningApplication = SitePreApprovalApplication | LandUsePlanningPermitApplication;

/** Which catalogue item each column of an application carries (both kinds): how a refusal is told in our terms. */
export const APPLICATION_ITEMS: Readonly<Record<string, string>> = {
  JSDWMC: 'applicant.name',
  YDDWMC: 'applicant.name',
  JSDWDM: 'applicant.uscc',
  YDDWDM: 'applicant.uscc',
  FDDBR: 'applicant.legalRepName',
  LXR: 'contact.name',
  LXDH: 'contact.phone',
  XMDM: 'project.code',
  XMMC: 'project.name',
  XZQDM: 'project.divisionCode',
  NXZWZ: 'project.address',
  YDWZ: 'project.address',
  ZTZ: 'project.totalInvestment',
  ZJZMJ: 'project.totalFloorArea',
  BDCDYH: 'land.unitNo',
  NYDMJ: 'land.area',
  YDMJ: 'land.area',
  YT: 'land.use',
  YDXZ: 'land.use',
};

const USCC_SHAPE = /^[0-9A-Z]{18}$/;
const MOBILE = /^1\d{10}$/;
const PROJECT_CODE = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;
const DIVISION = /^\d{6}$/;
/** 万元 and m², two decimals, as the catalogue keeps them. */
const AMOUNT = { scale: 2, min: 0, max: 100_000_000 } as const;
const LAND_AREA = { scale: 2, min: 0, max: 1_000_000_000 } as const;

/**
 * A submission of LAND_PREEXAM_SITE_SELECTION or LAND_USE_PLANNING_PERMIT as
 * the platform's application: `SQLX` the document applied for, the columns of
 * that document, the 用地预审's area converted from m² to 公顷 (exactly, as a
 * decimal shift), land use as the form's class name. A RangeError (naming the
 * item) when the submission cannot be put so.
 */
export function toLandPlanningApplication(
  submission: DepartmentSubmission,
): LandPlanningApplication {
  const items = SubmissionItems.of('land-planning', submission, LAND_PLANNING_PROCEDURES);
  const common: ApplicationCommon = {
    WBYWH: submission.applicationNo,
    SQSJ: formatLandPlanningTime(submission.submittedAt),
    FDDBR: items.text('applicant.legalRepName', 50),
    LXR: items.text('contact.name', 50),
    LXDH: items.matching('contact.phone', MOBILE, 'an 11-digit mobile number'),
    XMDM: items.optionalMatching('project.code', PROJECT_CODE, 'a 投资项目代码'),
    XMMC: items.text('project.name', 200),
  };
  const name = items.text('applicant.name', 200);
  const uscc = items.matching('applicant.uscc', USCC_SHAPE, 'an 18-character 统一社会信用代码');
  const area = items.decimal('land.area', LAND_AREA);
  const use = items.code('land.use', LAND_USE_NAMES);
  if (items.procedure === 'LAND_PREEXAM_SITE_SELECTION') {
    return {
      SQLX: APPLICATION_KINDS.LAND_PREEXAM_SITE_SELECTION,
      ...common,
      JSDWMC: name,
      JSDWDM: uscc,
      XZQDM: items.matching('project.divisionCode', DIVISION, 'a 6-digit division code'),
      NXZWZ: items.text('project.address', 200),
      ZTZ: Number(items.decimal('project.totalInvestment', AMOUNT)),
      NYDMJ: Number(shiftDecimal(area, -4)),
      YT: use,
    };
  }
  return {
    SQLX: APPLICATION_KINDS.LAND_USE_PLANNING_PERMIT,
    ...common,
    YDDWMC: name,
    YDDWDM: uscc,
    YDWZ: items.text('project.address', 200),
    ZJZMJ: Number(items.decimal('project.totalFloorArea', AMOUNT)),
    BDCDYH: items.optionalMatching('land.unitNo', UNIT_NO, 'a 28-character 不动产单元号'),
    YDMJ: Number(area),
    YDXZ: use,
  };
}

/**
 * The answer of `POST /api/v2/applications` for an application of `kind` →
 * the receipt: 201 a new case (`duplicate` false), 200 the case of a key
 * received before (`duplicate` true); 受理编号 `SLBH`, 受理时间 `SLSJ`. Anything
 * off the contract — a status and flag that disagree, another 申请类型 — is
 * SOURCE_INVALID_RESPONSE.
 */
export function mapApplicationReceipt(
  status: number,
  body: unknown,
  kind: ApplicationKind,
): SubmissionReceipt {
  const data = successData(body);
  const receiptNo = text(data, 'SLBH', '$.data');
  if ([...receiptNo].length > 40) invalid('$.data.SLBH', 'at most 40 characters');
  const receivedAt = timestampOrNull(data, 'SLSJ', '$.data');
  if (receivedAt === null) invalid('$.data.SLSJ', 'a time yyyy-MM-dd HH:mm:ss');
  if (present(data, 'SQLX', '$.data') !== kind) invalid('$.data.SQLX', 'the 申请类型 filed');
  const duplicate = present(data, 'duplicate', '$.data');
  if (typeof duplicate !== 'boolean') invalid('$.data.duplicate', 'a boolean');
  if (duplicate !== (status === 200)) {
    invalid('$.data.duplicate', 'false with 201 (a new case), true with 200 (a repeated key)');
  }
  return { receiptNo, receivedAt, duplicate };
}

/** The platform's refusals of an application, by HTTP status and 业务状态码: final answers. */
const REFUSALS: Readonly<Record<string, string>> = {
  '400 4001': "the application breaks the platform's contract (参数错误)",
  '409 4090': 'the idempotency key was used before for other content (幂等键冲突)',
  '422 4220': "the content fails the platform's checks (申请内容校验不通过)",
};

/**
 * A refused application (400 / 409 / 422 in the contract's error envelope)
 * as SOURCE_REJECTED, naming the catalogue items of the columns its `errors`
 * point at — never the messages, which may quote values. Null when the
 * answer is not such a refusal.
 */
export function applicationRejection(status: number, body: unknown): SourceError | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { code, errors } = body as Json;
  const reason = typeof code === 'string' ? REFUSALS[`${status} ${code}`] : undefined;
  if (typeof code !== 'string' || reason === undefined) return null;
  const columns = Array.isArray(errors)
    ? errors.flatMap((e) => {
        const path = (e as Json | null)?.path;
        const column = typeof path === 'string' ? /^\/body\/([A-Z]+)$/.exec(path)?.[1] : undefined;
        return column !== undefined && Object.hasOwn(APPLICATION_ITEMS, column)
          ? [APPLICATION_ITEMS[column]]
          : [];
      })
    : [];
  const named = [...new Set(columns)];
  return SourceError.rejected(
    'land-planning',
    code,
    named.length > 0 ? `${reason}; items: ${named.join(', ')}` : reason,
  );
}

/** The 申请类型 a procedure files. */
export function applicationKind(procedure: string): ApplicationKind {
  if (!Object.hasOwn(APPLICATION_KINDS, procedure)) {
    throw new RangeError(`land-planning: takes no submissions of ${procedure}`);
  }
  return APPLICATION_KINDS[procedure as keyof typeof APPLICATION_KINDS];
}
