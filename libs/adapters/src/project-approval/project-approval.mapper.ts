import {
  SourceError,
  SubmissionItems,
  isAfterCursor,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { PROJECT_APPROVAL_MAX_CHANGES, PROJECT_APPROVAL_PROCEDURES } from './project-approval.port';
import type {
  Project,
  ProjectApprovalRoute,
  ProjectConstructionNature,
  ProjectStage,
  ProjectStageStatus,
  ProjectStatus,
} from './project-approval.types';

/**
 * The platform's answers (contract `project-approval.openapi.yaml`) to our
 * types. Every field the contract defines is checked; anything off-contract
 * throws SOURCE_INVALID_RESPONSE naming the field's path, never its value
 * (messages reach logs and callers). Fields the contract does not define are
 * ignored: the platform may add fields without breaking us.
 */

const ROUTES: Readonly<Record<string, ProjectApprovalRoute>> = {
  审批: 'APPROVAL',
  核准: 'CONFIRMATION',
  备案: 'FILING',
};

const NATURES: Readonly<Record<string, ProjectConstructionNature>> = {
  新建: 'NEW',
  扩建: 'EXPANSION',
  改建: 'RECONSTRUCTION',
  迁建: 'RELOCATION',
  技术改造: 'TECHNICAL_RENOVATION',
  其他: 'OTHER',
};

const STATUSES: Readonly<Record<string, ProjectStatus>> = {
  已赋码: 'CODE_ISSUED',
  办理中: 'IN_PROGRESS',
  已办结: 'APPROVED',
  不予许可: 'REJECTED',
  已撤回: 'WITHDRAWN',
  已开工: 'CONSTRUCTION_STARTED',
  已竣工: 'CONSTRUCTION_COMPLETED',
};

const STAGE_STATUSES: Readonly<Record<string, ProjectStageStatus>> = {
  待办理: 'NOT_STARTED',
  办理中: 'IN_PROGRESS',
  已办结: 'COMPLETED',
  不予许可: 'REJECTED',
  已撤回: 'WITHDRAWN',
};

const PROJECT_CODE = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DIVISION = /^\d{6}$/;
/** The platform writes times in China Standard Time without a zone. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The most rows a page may hold (the contract's `size` maximum). */
export const PROJECT_APPROVAL_MAX_PAGE_SIZE = 100;

/** One page of the 增量查询 `GET /api/v1/xmzl`, in our terms. */
export interface ProjectChangesPage {
  /** Rows after the cursor in all, this page's included. */
  total: number;
  size: number;
  records: DepartmentApplicantRecord[];
}

/** One page of the listing `GET /api/v1/xmxx`. */
export interface ProjectPage {
  total: number;
  page: number;
  size: number;
  projects: Project[];
}

/** The platform's error envelope: `code` (e.g. `4001`) and its Chinese `msg`. */
export interface ProjectApprovalErrorEnvelope {
  code: string;
  msg: string;
}

function invalid(why: string): SourceError {
  return SourceError.invalidResponse('project-approval', why);
}

/** `{ code: "0000", msg, data: { total, page, size, rows } }` → a page of projects. */
export function parseProjectListResponse(body: unknown): ProjectPage {
  const data = successData(body);
  const page = object(data, 'data');
  const total = integer(page.total, 'data.total', 0);
  const number = integer(page.page, 'data.page', 1);
  const size = integer(page.size, 'data.size', 1);
  if (size > PROJECT_APPROVAL_MAX_PAGE_SIZE) throw invalid('data.size is above 100');
  if (!Array.isArray(page.rows)) throw invalid('data.rows is not an array');
  const rows: unknown[] = page.rows;
  if (rows.length > size) throw invalid('data.rows holds more rows than data.size');
  return {
    total,
    page: number,
    size,
    projects: rows.map((row, i) => toProject(row, `data.rows[${i}]`)),
  };
}

/**
 * `{ code: "0000", msg, data: { total, size, rows } }` of the 增量查询 → a page
 * of applicant records. Beyond each row, the page itself must keep the
 * contract: rows strictly after `after` and strictly ascending by (更新时间,
 * 项目代码), `min(size, total)` of them — a sync that trusted a page out of
 * order could skip records for good.
 */
export function parseProjectChangesResponse(
  body: unknown,
  after: ChangeCursor | null,
): ProjectChangesPage {
  const page = object(successData(body), 'data');
  const total = integer(page.total, 'data.total', 0);
  const size = integer(page.size, 'data.size', 1);
  if (size > PROJECT_APPROVAL_MAX_CHANGES) throw invalid('data.size is above 500');
  if (!Array.isArray(page.rows)) throw invalid('data.rows is not an array');
  const rows: unknown[] = page.rows;
  if (rows.length !== Math.min(size, total)) {
    throw invalid('data.rows does not hold min(data.size, data.total) rows');
  }
  const records: DepartmentApplicantRecord[] = [];
  let previous = after;
  for (let i = 0; i < rows.length; i++) {
    const record = toDepartmentRecord(rows[i], `data.rows[${i}]`);
    if (!isAfterCursor(record, previous)) {
      throw invalid(
        i === 0 && after !== null
          ? 'data.rows[0] is not after the cursor asked with'
          : `data.rows[${i}] is not after data.rows[${i - 1}] (gxsj, xmdm)`,
      );
    }
    records.push(record);
    previous = record;
  }
  return { total, size, records };
}

/**
 * One `Xmxx` row → the applicant record the registry's sync keeps: the
 * 项目单位 as the platform holds it (the code as typed, lower case or full
 * width and all — cleaning is the matcher's job), keyed by 项目代码, changed at
 * 更新时间. Every row is a declaring unit, so an ENTERPRISE; the platform holds
 * no address of the unit (建设地点 is the project's site), so `address` is
 * null. The whole row is checked as `toProject` checks it; `raw` is the row as
 * received.
 */
export function toDepartmentRecord(value: unknown, where: string): DepartmentApplicantRecord {
  const project = toProject(value, where);
  const heldUscc = (value as Record<string, unknown>).tyshxydm as string | null;
  return {
    system: 'project-approval',
    localId: project.projectCode,
    kind: 'ENTERPRISE',
    name: project.applicantName,
    uscc: heldUscc,
    residentId: null,
    legalRepresentative: project.legalRepresentative,
    birthDate: null,
    phone: project.contactPhone,
    address: null,
    changedAt: project.updatedAt,
    raw: value,
  };
}

/** `{ code: "0000", msg, data: {…project…} }` → the project. */
export function parseProjectResponse(body: unknown): Project {
  return toProject(successData(body), 'data');
}

/** The error envelope of a 4xx/5xx answer, or null when the body is not one. */
export function parseErrorEnvelope(body: unknown): ProjectApprovalErrorEnvelope | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { code, msg, data } = body as Record<string, unknown>;
  if (typeof code !== 'string' || !/^[45]\d{3}$/.test(code) || typeof msg !== 'string') return null;
  if (data !== null) return null;
  return { code, msg };
}

function successData(body: unknown): unknown {
  const envelope = object(body, 'the body');
  if (typeof envelope.code !== 'string') throw invalid('code is not a string');
  if (envelope.code !== '0000')
    throw invalid(`code ${safeCode(envelope.code)} on a success answer`);
  if (typeof envelope.msg !== 'string') throw invalid('msg is not a string');
  if (envelope.data === undefined || envelope.data === null) throw invalid('data is missing');
  return envelope.data;
}

/** A platform code is four digits; anything else is not repeated into a message. */
function safeCode(code: string): string {
  return /^\d{4}$/.test(code) ? code : '(not a platform code)';
}

/** One `Xmxx` row → a Project. `where` is the row's path in the answer, for messages. */
export function toProject(value: unknown, where: string): Project {
  const row = object(value, where);
  const at = (field: string) => `${where}.${field}`;
  const code = text(row.xmdm, at('xmdm'));
  if (!PROJECT_CODE.test(code)) throw invalid(`${at('xmdm')} is not a 投资项目代码`);
  const uscc = nullable(row.tyshxydm, at('tyshxydm'), anyText);
  if (uscc !== null && [...uscc].length > 18) throw invalid(`${at('tyshxydm')} is longer than 18`);
  const division = nullable(row.xzqhdm, at('xzqhdm'), anyText);
  if (division !== null && !DIVISION.test(division)) {
    throw invalid(`${at('xzqhdm')} is not a 6-digit division code`);
  }
  if (!Array.isArray(row.blhj)) throw invalid(`${at('blhj')} is not an array`);
  const stages: unknown[] = row.blhj;
  return {
    projectCode: code,
    name: text(row.xmmc, at('xmmc')),
    applicantUscc: uscc === null ? null : normalizeUscc(uscc),
    applicantName: text(row.xmdw, at('xmdw')),
    legalRepresentative: nullable(row.fddbr, at('fddbr'), text),
    route: coded(row.xmlx, ROUTES, at('xmlx')),
    location: text(row.jsdd, at('jsdd')),
    locationDivisionCode: division,
    totalInvestmentWanYuan: amount(row.ztz, at('ztz')),
    scale: nullable(row.jsgm, at('jsgm'), anyText),
    constructionNature: coded(row.jsxz, NATURES, at('jsxz')),
    declaredOn: isoDate(row.sbrq, at('sbrq')),
    status: coded(row.jdzt, STATUSES, at('jdzt')),
    contactPhone: nullable(row.lxdh, at('lxdh'), anyText),
    updatedAt: chinaTime(row.gxsj, at('gxsj')),
    stages: stages.map((stage, i) => toStage(stage, `${at('blhj')}[${i}]`)),
  };
}

function toStage(value: unknown, where: string): ProjectStage {
  const stage = object(value, where);
  return {
    name: text(stage.hjmc, `${where}.hjmc`),
    department: nullable(stage.blbm, `${where}.blbm`, anyText),
    status: coded(stage.blzt, STAGE_STATUSES, `${where}.blzt`),
    completedAt: nullable(stage.wcsj, `${where}.wcsj`, chinaTime),
    documentNo: nullable(stage.pfwh, `${where}.pfwh`, anyText),
  };
}

/**
 * A 统一社会信用代码 as the platform may hold it (lower case, full-width,
 * stray spaces) in its normalized form: the same rules as every identifier
 * (china-domain.md §0), without validating the code itself.
 */
export function normalizeUscc(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(`${where} is not an object`);
  }
  return value as Record<string, unknown>;
}

function anyText(value: unknown, where: string): string {
  if (typeof value !== 'string') throw invalid(`${where} is not a string`);
  return value;
}

function text(value: unknown, where: string): string {
  const s = anyText(value, where);
  if (s.length === 0) throw invalid(`${where} is empty`);
  return s;
}

/** A field the contract marks nullable: required to be present, may be null. */
function nullable<T>(value: unknown, where: string, read: (v: unknown, w: string) => T): T | null {
  if (value === undefined) throw invalid(`${where} is missing`);
  return value === null ? null : read(value, where);
}

function integer(value: unknown, where: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(`${where} is not an integer ≥ ${min}`);
  }
  return value;
}

function amount(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalid(`${where} is not an amount ≥ 0`);
  }
  return value;
}

function coded<T>(value: unknown, table: Readonly<Record<string, T>>, where: string): T {
  if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(table, value)) {
    throw invalid(`${where} is not one of ${Object.keys(table).join(' ')}`);
  }
  return table[value];
}

function isoDate(value: unknown, where: string): string {
  const s = anyText(value, where);
  const m = DATE.exec(s);
  if (!m || !realDate(+m[1], +m[2], +m[3])) throw invalid(`${where} is not a yyyy-MM-dd date`);
  return s;
}

function chinaTime(value: unknown, where: string): Date {
  const s = anyText(value, where);
  const m = DATE_TIME.exec(s);
  if (!m || !realDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) {
    throw invalid(`${where} is not a yyyy-MM-dd HH:mm:ss time`);
  }
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - CHINA_OFFSET_MS);
}

function realDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// ---- 项目申报 (POST /api/v1/xmsb) -------------------------------------------

/** 项目申报 as the platform takes it (the contract's `Xmsb`): pinyin initials, its own codes, 万元. */
export interface XmsbRequest {
  /** 申办流水号: OnceGate's application number. */
  readonly sblsh: string;
  /** 申请时间, `yyyy-MM-dd HH:mm:ss` China time. */
  readonly sqsj: string;
  readonly xmlx: '审批' | '核准' | '备案';
  readonly xmmc: string;
  readonly xmdw: string;
  readonly tyshxydm: string;
  readonly fddbr: string;
  readonly dwdz: string;
  readonly lxdh: string | null;
  readonly jbrxm: string;
  readonly jbrsj: string;
  readonly jsxz: '新建' | '扩建' | '改建' | '迁建';
  readonly xzqhdm: string;
  readonly jsdd: string;
  readonly ztz: number;
  readonly zjly: '财政性资金' | '企业自筹' | '银行贷款' | '外资' | '其他';
  readonly nkgsj: string;
  readonly njcsj: string;
  readonly zjzmj: number | null;
}

/** project.category → 项目类型 (the platform's `xmlx` table). */
const CATEGORY_CODES = { APPROVAL: '审批', VERIFICATION: '核准', FILING: '备案' } as const;

/** project.constructionNature → 建设性质 (`jsxz`). */
const CONSTRUCTION_NATURE_CODES = {
  NEW: '新建',
  EXTENSION: '扩建',
  RECONSTRUCTION: '改建',
  RELOCATION: '迁建',
} as const;

/** project.fundingSource → 资金来源 (`zjly`). */
const FUNDING_SOURCE_CODES = {
  GOVERNMENT: '财政性资金',
  ENTERPRISE: '企业自筹',
  LOAN: '银行贷款',
  FOREIGN: '外资',
  OTHER: '其他',
} as const;

/** Which catalogue item each field of the request carries: how a refusal naming fields is told in our terms. */
export const XMSB_ITEMS: Readonly<Record<string, string>> = {
  xmlx: 'project.category',
  xmmc: 'project.name',
  xmdw: 'applicant.name',
  tyshxydm: 'applicant.uscc',
  fddbr: 'applicant.legalRepName',
  dwdz: 'applicant.address',
  lxdh: 'applicant.phone',
  jbrxm: 'contact.name',
  jbrsj: 'contact.phone',
  jsxz: 'project.constructionNature',
  xzqhdm: 'project.divisionCode',
  jsdd: 'project.address',
  ztz: 'project.totalInvestment',
  zjly: 'project.fundingSource',
  nkgsj: 'project.plannedStart',
  njcsj: 'project.plannedCompletion',
  zjzmj: 'project.totalFloorArea',
};

const USCC_SHAPE = /^[0-9A-Z]{18}$/;
const MOBILE = /^1\d{10}$/;
/** 万元 and m² up to the contract's maximum. */
const AMOUNT = { scale: 2, min: 0, max: 100_000_000 } as const;

/** An instant as the platform writes times: `yyyy-MM-dd HH:mm:ss` in China time, milliseconds dropped. */
export function chinaTimeText(at: Date): string {
  const ms = at.getTime();
  const iso = Number.isFinite(ms)
    ? new Date(Math.floor(ms / 1000) * 1000 + CHINA_OFFSET_MS).toISOString()
    : '';
  if (iso.length !== 24) throw new RangeError('project-approval: a time in the years 0000–9999');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * A submission of INVESTMENT_PROJECT_APPROVAL as the platform's 项目申报:
 * codes in its own tables, amounts as numbers (万元, m²), dates
 * `yyyy-MM-dd`, the two optional items `null` when not given. A RangeError
 * (naming the item) when the submission cannot be put so.
 */
export function toXmsbRequest(submission: DepartmentSubmission): XmsbRequest {
  const items = SubmissionItems.of('project-approval', submission, PROJECT_APPROVAL_PROCEDURES);
  const date = (id: string) => {
    const { year, month, day } = items.date(id);
    return `${year}-${month}-${day}`;
  };
  const floorArea = items.optionalDecimal('project.totalFloorArea', AMOUNT);
  return {
    sblsh: submission.applicationNo,
    sqsj: chinaTimeText(submission.submittedAt),
    xmlx: items.code('project.category', CATEGORY_CODES),
    xmmc: items.text('project.name', 200),
    xmdw: items.text('applicant.name', 200),
    tyshxydm: items.matching('applicant.uscc', USCC_SHAPE, 'an 18-character 统一社会信用代码'),
    fddbr: items.text('applicant.legalRepName', 50),
    dwdz: items.text('applicant.address', 200),
    lxdh: items.optionalText('applicant.phone', 30),
    jbrxm: items.text('contact.name', 50),
    jbrsj: items.matching('contact.phone', MOBILE, 'an 11-digit mobile number'),
    jsxz: items.code('project.constructionNature', CONSTRUCTION_NATURE_CODES),
    xzqhdm: items.matching('project.divisionCode', DIVISION, 'a 6-digit division code'),
    jsdd: items.text('project.address', 200),
    ztz: Number(items.decimal('project.totalInvestment', AMOUNT)),
    zjly: items.code('project.fundingSource', FUNDING_SOURCE_CODES),
    nkgsj: date('project.plannedStart'),
    njcsj: date('project.plannedCompletion'),
    zjzmj: floorArea === null ? null : Number(floorArea),
  };
}

/**
 * The 200 answer of `POST /api/v1/xmsb` → the receipt: 受理号 `slh`, 受理时间
 * `slsj` (China time), 是否重复 `sfcf`. Anything off the contract is
 * SOURCE_INVALID_RESPONSE.
 */
export function parseXmsbResponse(body: unknown): SubmissionReceipt {
  const data = object(successData(body), 'data');
  const receiptNo = text(data.slh, 'data.slh');
  if ([...receiptNo].length > 40) throw invalid('data.slh is longer than 40');
  if (typeof data.sfcf !== 'boolean') throw invalid('data.sfcf is not a boolean');
  return { receiptNo, receivedAt: chinaTime(data.slsj, 'data.slsj'), duplicate: data.sfcf };
}

/** The platform's refusals of a 项目申报, by HTTP status and code: final answers. */
const REFUSALS: Readonly<Record<string, string>> = {
  '400 4001': "the request breaks the platform's contract (请求参数错误)",
  '409 4091': 'the idempotency key was used before for other content (幂等键冲突)',
  '422 4221': "the content fails the platform's checks (申报内容校验不通过)",
};

/**
 * A refused 项目申报 (400 / 409 / 422 in the platform's envelope with its
 * code) as SOURCE_REJECTED, naming the catalogue items whose fields the
 * platform's message names — never the message itself, which may quote
 * values. Null when the answer is not such a refusal.
 */
export function xmsbRejection(status: number, body: unknown): SourceError | null {
  const envelope = parseErrorEnvelope(body);
  const reason = envelope && REFUSALS[`${status} ${envelope.code}`];
  if (!envelope || !reason) return null;
  const named = [
    ...new Set(
      (envelope.msg.match(/[a-z]+/g) ?? []).flatMap((field) =>
        Object.hasOwn(XMSB_ITEMS, field) ? [XMSB_ITEMS[field]] : [],
      ),
    ),
  ];
  return SourceError.rejected(
    'project-approval',
    envelope.code,
    named.length > 0 ? `${reason}; items: ${named.join(', ')}` : reason,
  );
}
