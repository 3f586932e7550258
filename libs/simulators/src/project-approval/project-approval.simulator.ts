import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { departmentContract } from '@oncegate/adapters';
import { createSimulator, type FaultConfig, type Simulator } from '../shared';
import { ProjectApprovalChangeFeed } from './project-approval.changes';
import type { ProjectApprovalSimulatorData } from './project-approval.data';
import type { ProjectApprovalRecord } from './project-approval.record';
import {
  PROJECT_APPROVAL_SUBMISSION_PATH,
  acceptProjectApprovalSubmission,
  projectApprovalSubmissionLedger,
} from './project-approval.submissions';

export const PROJECT_APPROVAL_CONTRACT_FILE = 'project-approval.openapi.yaml';

export interface ProjectApprovalSimulatorOptions {
  faults?: Partial<FaultConfig>;
  /**
   * The `X-Access-Token` the platform issued to its consumer. When set, a
   * request without it or with another one is refused (`4010`); when absent,
   * the simulator behaves like a deployment that admits consumers by IP
   * allow-list and needs no token (both are allowed by the contract).
   */
  accessToken?: string;
  /**
   * Check every answer against the contract (default true), so the simulator
   * provably keeps it: an off-contract answer becomes a 500. Benchmarks may
   * turn it off to measure the gateway rather than the validator.
   */
  validateResponses?: boolean;
  /** The platform's clock (epoch ms) for 受理时间 and case numbers. */
  clock?: () => number;
}

/** Most rows per page, and most codes per listing (the contract's limits). */
export const PROJECT_APPROVAL_MAX_PAGE_SIZE = 100;
/** Most rows per page of the 增量查询 `GET /api/v1/xmzl`, and its default. */
export const PROJECT_APPROVAL_MAX_CHANGES_PAGE_SIZE = 500;
const DEFAULT_CHANGES_PAGE_SIZE = 100;

/**
 * The 投资项目在线审批监管平台 as its contract describes it: request and
 * response validation by express-openapi-validator against
 * `contracts/departments/project-approval.openapi.yaml`, the platform's
 * `{code, msg, data}` envelope on every answer, faults in front. 项目申报
 * (`POST /api/v1/xmsb`) are checked, deduplicated by `Idempotency-Key` and
 * kept in the simulator's `submissions`.
 */
export function createProjectApprovalSimulator(
  data: ProjectApprovalSimulatorData,
  options: ProjectApprovalSimulatorOptions = {},
): Simulator {
  const store = new ProjectApprovalStore(data.projects);
  const submissions = projectApprovalSubmissionLedger(options.clock);
  return createSimulator(
    'project-approval',
    (app: Express) => {
      if (options.accessToken !== undefined) app.use('/api', requireToken(options.accessToken));
      app.use(express.json({ limit: '256kb' }));
      app.use(
        OpenApiValidator.middleware({
          apiSpec: departmentContract(PROJECT_APPROVAL_CONTRACT_FILE),
          validateRequests: { allowUnknownQueryParameters: false },
          validateResponses: options.validateResponses ?? true,
          // The token is checked above, only when this deployment requires one.
          validateSecurity: false,
          validateFormats: true,
          ajvFormats: { mode: 'full' },
        }),
      );
      app.get('/api/v1/xmxx', (req, res) => list(store, req, res));
      app.get('/api/v1/xmzl', (req, res) => changes(store, req, res));
      app.get('/api/v1/xmxx/:xmdm', (req, res) => {
        const row = store.byCode(String(req.params.xmdm));
        if (!row) send(res, 404, '4041', '项目不存在');
        else res.status(200).json({ code: '0000', msg: '成功', data: row });
      });
      app.post(PROJECT_APPROVAL_SUBMISSION_PATH, (req, res) =>
        acceptProjectApprovalSubmission(submissions, req, res),
      );
      app.use(
        errorEnvelope((req) => {
          // A 项目申报 refused for breaking the contract is a refused submission too.
          if (req.method === 'POST' && req.path === PROJECT_APPROVAL_SUBMISSION_PATH) {
            submissions.reject();
          }
        }),
      );
    },
    options.faults,
    submissions,
  );
}

/**
 * The platform's rows, indexed once so that every request costs a map
 * look-up or a binary search, whatever the number of rows.
 */
export class ProjectApprovalStore {
  private readonly codes = new Map<string, ProjectApprovalRecord>();
  private readonly usccs = new Map<string, ProjectApprovalRecord[]>();
  /** Every row in the listing's order: 申报日期, then 项目代码. */
  private readonly ordered: ProjectApprovalRecord[];
  /** Every row in the 增量查询's order: 更新时间, then 项目代码 (kept in step with updates). */
  private readonly feed: ProjectApprovalChangeFeed;

  constructor(rows: readonly ProjectApprovalRecord[]) {
    for (const row of rows) {
      if (this.codes.has(row.xmdm))
        throw new Error(`project-approval: xmdm ${row.xmdm} appears twice`);
      this.codes.set(row.xmdm, row);
      if (row.tyshxydm === null) continue;
      const key = collationKey(row.tyshxydm);
      const list = this.usccs.get(key);
      if (list) list.push(row);
      else this.usccs.set(key, [row]);
    }
    this.ordered = [...rows].sort(byDeclaration);
    for (const list of this.usccs.values()) list.sort(byDeclaration);
    this.feed = new ProjectApprovalChangeFeed(rows);
  }

  get size(): number {
    return this.codes.size;
  }

  byCode(xmdm: string): ProjectApprovalRecord | undefined {
    return this.codes.get(xmdm);
  }

  /** One page of the 增量查询: rows strictly after the cursor (更新时间, 项目代码), oldest first. */
  changes(
    cursor: { gxsj: string; xmdm: string } | null,
    size: number,
  ): { total: number; rows: ProjectApprovalRecord[] } {
    return this.feed.after(cursor, size);
  }

  /** One page of the listing; `from`/`to` are inclusive `yyyy-MM-dd` bounds on 申报日期. */
  list(query: {
    usccs?: readonly string[];
    from?: string;
    to?: string;
    page: number;
    size: number;
  }): { total: number; rows: ProjectApprovalRecord[] } {
    const { from, to, page, size } = query;
    const offset = (page - 1) * size;
    if (query.usccs) {
      const matching: ProjectApprovalRecord[] = [];
      for (const key of new Set(query.usccs.map(collationKey))) {
        for (const row of this.usccs.get(key) ?? []) {
          if ((from === undefined || row.sbrq >= from) && (to === undefined || row.sbrq <= to)) {
            matching.push(row);
          }
        }
      }
      matching.sort(byDeclaration);
      return { total: matching.length, rows: matching.slice(offset, offset + size) };
    }
    const first = from === undefined ? 0 : lowerBound(this.ordered, (r) => r.sbrq >= from);
    const end =
      to === undefined ? this.ordered.length : lowerBound(this.ordered, (r) => r.sbrq > to);
    const total = Math.max(0, end - first);
    const start = first + offset;
    return { total, rows: this.ordered.slice(start, Math.min(end, start + size)) };
  }
}

/**
 * How the platform compares 统一社会信用代码: its MySQL column uses the
 * `utf8mb4_unicode_ci` collation, which ignores case and character width
 * (and trailing spaces), so a code stored as `91330522ma2b7k3c0j` or in
 * full-width digits is found by `91330522MA2B7K3C0J`. It does not strip
 * spaces or hyphens inside a value, and neither does this.
 */
export function collationKey(code: string): string {
  return code.normalize('NFKC').trimEnd().toUpperCase();
}

function byDeclaration(a: ProjectApprovalRecord, b: ProjectApprovalRecord): number {
  if (a.sbrq !== b.sbrq) return a.sbrq < b.sbrq ? -1 : 1;
  return a.xmdm < b.xmdm ? -1 : a.xmdm > b.xmdm ? 1 : 0;
}

/** First index whose row satisfies `atOrAfter` (a predicate monotone over the order). */
function lowerBound(
  rows: readonly ProjectApprovalRecord[],
  atOrAfter: (row: ProjectApprovalRecord) => boolean,
): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrAfter(rows[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function list(store: ProjectApprovalStore, req: Request, res: Response): void {
  // The validator has checked every parameter's shape; what remains are rules across parameters.
  const q = req.query as Record<string, string | undefined>;
  const from = q.ksrq;
  const to = q.jsrq;
  for (const [name, value] of [
    ['ksrq', from],
    ['jsrq', to],
  ] as const) {
    if (value !== undefined && !isCalendarDate(value)) {
      send(res, 400, '4001', `请求参数错误：${name} 不是有效日期`);
      return;
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    send(res, 400, '4001', '请求参数错误：开始日期不能晚于结束日期');
    return;
  }
  const page = q.page === undefined ? 1 : Number(q.page);
  const size = q.size === undefined ? 20 : Number(q.size);
  const { total, rows } = store.list({
    usccs: q.tyshxydm === undefined ? undefined : q.tyshxydm.split(','),
    from,
    to,
    page,
    size,
  });
  res.status(200).json({ code: '0000', msg: '成功', data: { total, page, size, rows } });
}

function changes(store: ProjectApprovalStore, req: Request, res: Response): void {
  // Shapes are the validator's; the cursor's two halves and a real time are checked here.
  const q = req.query as Record<string, string | undefined>;
  const gxsj = q.scgxsj;
  const xmdm = q.scxmdm;
  if ((gxsj === undefined) !== (xmdm === undefined)) {
    send(res, 400, '4001', '请求参数错误：scgxsj 与 scxmdm 须同时提供');
    return;
  }
  if (gxsj !== undefined && !isCalendarTime(gxsj)) {
    send(res, 400, '4001', '请求参数错误：scgxsj 不是有效时间');
    return;
  }
  const size = q.size === undefined ? DEFAULT_CHANGES_PAGE_SIZE : Number(q.size);
  const cursor = gxsj !== undefined && xmdm !== undefined ? { gxsj, xmdm } : null;
  const { total, rows } = store.changes(cursor, size);
  res.status(200).json({ code: '0000', msg: '成功', data: { total, size, rows } });
}

/** `yyyy-MM-dd HH:mm:ss` (shape already checked) naming a real day and time. */
function isCalendarTime(value: string): boolean {
  const [day, time] = value.split(' ');
  const [h, m, s] = time.split(':').map(Number);
  return isCalendarDate(day) && h <= 23 && m <= 59 && s <= 59;
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function requireToken(expected: string): RequestHandler {
  return (req, res, next) => {
    if (req.get('x-access-token') === expected) next();
    else send(res, 401, '4010', '访问令牌缺失或无效');
  };
}

function send(res: Response, status: number, code: string, msg: string): void {
  res.status(status).json({ code, msg, data: null });
}

/**
 * Every failure in the platform's envelope, with the HTTP status of its code
 * family; `onBadRequest` hears of every 400.
 */
const errorEnvelope =
  (onBadRequest: (req: Request) => void): ErrorRequestHandler =>
  (error: unknown, req, res, _next) => {
    const status = (error as { status?: unknown }).status;
    // A body that is not JSON (415), or too large (413), is a bad request in the platform's codes.
    if (status === 400 || status === 413 || status === 415) {
      onBadRequest(req);
      const notJson =
        status !== 400 || (error as { type?: unknown }).type === 'entity.parse.failed';
      send(
        res,
        400,
        '4001',
        `请求参数错误：${notJson ? '请求体不是有效的JSON' : describeValidation(error)}`,
      );
    } else if (status === 401) {
      send(res, 401, '4010', '访问令牌缺失或无效');
    } else if (status === 404 || status === 405) {
      send(res, 404, '4040', '接口不存在');
    } else {
      // The platform says no more; the header tells a test what broke (e.g. an off-contract answer).
      const why = error instanceof Error ? error.message : String(error);
      res.setHeader('x-simulator-error', encodeURIComponent(why.slice(0, 500)));
      send(res, 500, '5000', '系统内部错误');
    }
  };

function describeValidation(error: unknown): string {
  const errors = (error as { errors?: Array<{ path?: string; message?: string }> }).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors
      .map((e) => `${(e.path ?? '').replace(/^\/?query\//, '')} ${e.message ?? ''}`.trim())
      .join('; ');
  }
  return error instanceof Error ? error.message : '参数不合法';
}
