import {
  DepartmentCallPolicy,
  HttpJsonClient,
  ResponseCache,
  SourceError,
  type ChangeCursor,
  type DepartmentAdapterOptions,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type HttpResponse,
  type SubmissionReceipt,
} from '../shared';
import type { ProjectApprovalConfig } from './project-approval.config';
import {
  PROJECT_APPROVAL_MAX_PAGE_SIZE,
  parseErrorEnvelope,
  parseProjectChangesResponse,
  parseProjectListResponse,
  parseProjectResponse,
  parseXmsbResponse,
  toXmsbRequest,
  xmsbRejection,
  type ProjectPage,
} from './project-approval.mapper';
import { ProjectApprovalPort, changesPageSize } from './project-approval.port';
import type { Project } from './project-approval.types';

const SOURCE = 'project-approval';
/** Codes per listing request: the contract's limit for `tyshxydm`. */
const MAX_CODES_PER_REQUEST = 100;
/**
 * Pages one listing may take before we call the answer implausible: 100
 * codes × 100 pages × 100 rows is far beyond any county's projects, and a
 * broken `total` must not make us loop.
 */
const MAX_PAGES = 100;
/** What a normalized 统一社会信用代码 looks like; anything else cannot match and is not sent. */
const USCC_SHAPE = /^[0-9A-Z]{18}$/;
const PROJECT_CODE = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;
/** The last 项目代码 there can be: after (t, this) means after every project of second t. */
const LAST_PROJECT_CODE = '9999-999999-99-99-999999';
/** The platform writes times in China Standard Time without a zone. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * The real client of the 投资项目在线审批监管平台 over REST/JSON: one listing
 * request per 100 codes (all pages followed), each logical call under the
 * department's timeout, retry and circuit breaker, answers cached per code.
 */
export class ProjectApprovalHttpAdapter extends ProjectApprovalPort {
  private readonly client: HttpJsonClient;
  private readonly policy: DepartmentCallPolicy;
  private readonly cache: ResponseCache<Project[]>;
  private readonly headers: Record<string, string>;

  constructor(config: ProjectApprovalConfig, options: DepartmentAdapterOptions = {}) {
    super();
    this.client = new HttpJsonClient(SOURCE, config.baseUrl, {
      maxConnections: config.maxConnections,
    });
    this.policy = new DepartmentCallPolicy(SOURCE, config, options.observer);
    this.cache = new ResponseCache(config.cacheTtlMs);
    this.headers = config.accessToken ? { 'x-access-token': config.accessToken } : {};
  }

  async projectsByUscc(usccs: readonly string[]): Promise<ReadonlyMap<string, Project[]>> {
    const asked = [...new Set(usccs.filter((key) => USCC_SHAPE.test(key)))];
    const found = new Map<string, Project[]>();
    if (asked.length === 0) return found;
    const values = await this.cache.getMany(asked, (missing) => this.fetch(missing));
    asked.forEach((key, i) => {
      const projects = values[i];
      if (projects) found.set(key, projects);
    });
    return found;
  }

  /**
   * One project by its 投资项目代码, or null when the platform has none. Not
   * on the port yet (the gateway reads by applicant); kept here because the
   * contract offers it and the applications work will need it. Not cached.
   */
  async projectByCode(projectCode: string): Promise<Project | null> {
    if (!/^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/.test(projectCode)) return null;
    return this.policy.read('projectByCode', async (signal) => {
      const res = await this.client.request({
        method: 'GET',
        path: `/api/v1/xmxx/${projectCode}`,
        headers: this.headers,
        signal,
      });
      if (res.status === 404 && parseErrorEnvelope(safeJson(res))?.code === '4041') return null;
      refuseUnexpectedStatus(res);
      return parseProjectResponse(res.json());
    });
  }

  /**
   * One page of the 增量查询 `GET /api/v1/xmzl`: an idempotent read under the
   * call policy (timeout, retry, breaker), never cached — the sync asks
   * precisely because things change. Every row is checked; the page must be
   * in order and after the cursor (else SOURCE_INVALID_RESPONSE).
   */
  async changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    const size = changesPageSize(limit);
    const query = new URLSearchParams({ ...cursorQuery(after), size: String(size) });
    return this.policy.read('changes', async (signal) => {
      const res = await this.client.request({
        method: 'GET',
        path: `/api/v1/xmzl?${query.toString()}`,
        headers: this.headers,
        signal,
      });
      refuseUnexpectedStatus(res);
      const page = parseProjectChangesResponse(res.json(), after);
      if (page.size !== size) {
        throw SourceError.invalidResponse(SOURCE, 'data.size is not the size asked for');
      }
      const last = page.records[page.records.length - 1];
      return {
        records: page.records,
        next: last ? { changedAt: last.changedAt, localId: last.localId } : after,
        hasMore: page.total > page.records.length,
      };
    });
  }

  /**
   * `POST /api/v1/xmsb` with the submission's `Idempotency-Key`: one attempt
   * under the call policy's `write` (timeout and breaker, no retry — the
   * outbox retries with the same key). 200 is the receipt; a 400/409/422
   * refusal in the platform's envelope is SOURCE_REJECTED; a refused token
   * or 429 SOURCE_UNAVAILABLE; anything else SOURCE_INVALID_RESPONSE.
   */
  async submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    // Mapped before any request: a submission that cannot be put on the wire is a RangeError.
    const body = JSON.stringify(toXmsbRequest(submission));
    return this.policy.write('submit', async (signal) => {
      const res = await this.client.request({
        method: 'POST',
        path: '/api/v1/xmsb',
        headers: {
          ...this.headers,
          'content-type': 'application/json',
          'idempotency-key': submission.idempotencyKey,
        },
        body,
        signal,
      });
      if (res.status === 200) return parseXmsbResponse(res.json());
      // Too many requests says nothing about the submission: it was not taken, try again later.
      if (res.status === 429) throw SourceError.unavailable(SOURCE, 'rate limited (HTTP 429)');
      throw xmsbRejection(res.status, safeJson(res)) ?? unexpectedStatus(res);
    });
  }

  /** Closes the connection pool (at shutdown). */
  close(): Promise<void> {
    return this.client.close();
  }

  private async fetch(keys: string[]): Promise<Map<string, Project[]>> {
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MAX_CODES_PER_REQUEST) {
      chunks.push(keys.slice(i, i + MAX_CODES_PER_REQUEST));
    }
    const results = await Promise.all(
      chunks.map((chunk) =>
        this.policy.read('projectsByUscc', (signal) => this.listing(chunk, signal)),
      ),
    );
    const merged = new Map<string, Project[]>();
    for (const result of results) for (const [key, projects] of result) merged.set(key, projects);
    return merged;
  }

  /**
   * Every project of up to 100 codes: the first page says how many there are,
   * the remaining pages are asked for together. Rows are grouped by their
   * normalized 统一社会信用代码, which must be one of the codes asked for.
   */
  private async listing(
    keys: readonly string[],
    signal: AbortSignal,
  ): Promise<Map<string, Project[]>> {
    const first = await this.page(keys, 1, signal);
    const pages = Math.ceil(first.total / PROJECT_APPROVAL_MAX_PAGE_SIZE);
    if (pages > MAX_PAGES)
      throw SourceError.invalidResponse(SOURCE, 'data.total is implausibly large');
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) => this.page(keys, i + 2, signal)),
    );
    const wanted = new Set(keys);
    const byKey = new Map<string, Project[]>();
    const seen = new Set<string>();
    for (const page of [first, ...rest]) {
      for (const project of page.projects) {
        // A row may move to the next page while we read: keep it once.
        if (seen.has(project.projectCode)) continue;
        seen.add(project.projectCode);
        const key = project.applicantUscc;
        if (key === null || !wanted.has(key)) {
          throw SourceError.invalidResponse(SOURCE, 'a row for a code that was not asked for');
        }
        const list = byKey.get(key);
        if (list) list.push(project);
        else byKey.set(key, [project]);
      }
    }
    return byKey;
  }

  private async page(
    keys: readonly string[],
    page: number,
    signal: AbortSignal,
  ): Promise<ProjectPage> {
    const query = new URLSearchParams({
      tyshxydm: keys.join(','),
      page: String(page),
      size: String(PROJECT_APPROVAL_MAX_PAGE_SIZE),
    });
    const res = await this.client.request({
      method: 'GET',
      path: `/api/v1/xmxx?${query.toString()}`,
      headers: this.headers,
      signal,
    });
    refuseUnexpectedStatus(res);
    const parsed = parseProjectListResponse(res.json());
    if (parsed.page !== page)
      throw SourceError.invalidResponse(SOURCE, 'data.page is not the page asked for');
    return parsed;
  }
}

/**
 * The cursor as the platform takes it: 更新时间 in China time to the second,
 * and 项目代码. The platform's times are whole seconds, so a cursor between
 * two seconds (one not taken from this feed) is the same as "after every
 * project of the earlier second".
 */
function cursorQuery(after: ChangeCursor | null): Record<string, string> {
  if (after === null) return {};
  const ms = after.changedAt.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('project-approval: the cursor has no valid time');
  const whole = ms % 1000 === 0;
  if (whole && !PROJECT_CODE.test(after.localId)) {
    throw new RangeError('project-approval: the cursor is not one of this feed (no 项目代码)');
  }
  const local = new Date(Math.floor(ms / 1000) * 1000 + CHINA_OFFSET_MS).toISOString();
  return {
    scgxsj: `${local.slice(0, 10)} ${local.slice(11, 19)}`,
    scxmdm: whole ? after.localId : LAST_PROJECT_CODE,
  };
}

/**
 * 4xx answers (5xx are SOURCE_UNAVAILABLE in the HTTP client already): a
 * refused token means we cannot read the platform now; a refused request
 * means we and the platform no longer agree on the contract.
 */
function refuseUnexpectedStatus(res: HttpResponse): void {
  if (res.status === 200) return;
  throw unexpectedStatus(res);
}

function unexpectedStatus(res: HttpResponse): SourceError {
  const envelope = parseErrorEnvelope(safeJson(res));
  const code = envelope ? `, code ${envelope.code}` : '';
  if (res.status === 401 || res.status === 403) {
    return SourceError.unavailable(
      SOURCE,
      `the platform refused our access token (HTTP ${res.status}${code})`,
    );
  }
  return SourceError.invalidResponse(SOURCE, `unexpected HTTP ${res.status}${code}`);
}

function safeJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    return null;
  }
}

/** The adapter for a configuration; `close()` it at shutdown. */
export function createProjectApprovalAdapter(
  config: ProjectApprovalConfig,
  options: DepartmentAdapterOptions = {},
): ProjectApprovalHttpAdapter {
  return new ProjectApprovalHttpAdapter(config, options);
}
