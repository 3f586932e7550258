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
  changesPageSize,
} from '../shared';
import type { LandPlanningConfig } from './land-planning.config';
import {
  applicationKind,
  applicationRejection,
  mapApplicationReceipt,
  toLandPlanningApplication,
  formatLandPlanningTime,
  isHolderNotFound,
  mapBatchResponse,
  mapHolderParcelsResponse,
  mapParcelChangesResponse,
} from './land-planning.mapper';
import { LandPlanningPort } from './land-planning.port';
import type { LandParcel } from './land-planning.types';

/** The contract's `maxItems` for one batch query. */
export const LAND_PLANNING_BATCH_LIMIT = 200;

/** The contract's largest `pageSize` of the change feed. */
export const LAND_PLANNING_CHANGES_PAGE_LIMIT = 500;

/** What the port promises to ask about: a normalized 18-character USCC or resident ID. */
const HOLDER_ID = /^[0-9A-Z]{18}$/;

/**
 * The county spatial platform over HTTP/JSON
 * (contracts/departments/land-planning.openapi.yaml): one holder by
 * `GET /api/v2/parcels`, several by one `POST /api/v2/parcels/query` per 200.
 * Every call goes through the department's call policy (timeout budget,
 * retries, breaker); answers are cached per holder for the TTL, "nothing
 * known" included. The change feed, `GET /api/v2/parcels/changes`, is an
 * idempotent read under the same policy, never cached: a sync must see the
 * department as it is.
 */
export class LandPlanningHttpAdapter extends LandPlanningPort {
  private readonly client: HttpJsonClient;
  private readonly policy: DepartmentCallPolicy;
  private readonly cache: ResponseCache<LandParcel[]>;
  private readonly headers: Readonly<Record<string, string>>;

  constructor(config: LandPlanningConfig, options: DepartmentAdapterOptions = {}) {
    super();
    this.client = new HttpJsonClient('land-planning', config.baseUrl, {
      maxConnections: config.maxConnections,
    });
    this.policy = new DepartmentCallPolicy('land-planning', config, options.observer);
    this.cache = new ResponseCache(config.cacheTtlMs);
    this.headers = config.apiKey ? { 'x-api-key': config.apiKey } : {};
  }

  async parcelsByHolder(holderIds: readonly string[]): Promise<ReadonlyMap<string, LandParcel[]>> {
    const values = await this.cache.getMany(holderIds, (missing) => this.fetch(missing));
    const found = new Map<string, LandParcel[]>();
    holderIds.forEach((id, i) => {
      const parcels = values[i];
      if (parcels && parcels.length > 0) found.set(id, parcels);
    });
    return found;
  }

  async changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    const pageSize = changesPageSize('land-planning', limit, LAND_PLANNING_CHANGES_PAGE_LIMIT);
    const path = `/api/v2/parcels/changes?${changesQuery(after, pageSize)}`;
    return await this.policy.read('changes', async (signal) => {
      const res = await this.client.request({ method: 'GET', path, headers: this.headers, signal });
      if (res.status !== 200) throw unexpectedStatus(res);
      return mapParcelChangesResponse(res.json(), after, pageSize);
    });
  }

  /**
   * `POST /api/v2/applications` with the submission's `Idempotency-Key`: one
   * attempt under the call policy's `write` (timeout and breaker; the outbox
   * retries, with the same key). 201/200 is the receipt; a 400/409/422
   * refusal in the contract's envelope is SOURCE_REJECTED; a refused key or
   * 429 SOURCE_UNAVAILABLE; anything else SOURCE_INVALID_RESPONSE.
   */
  async submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    // Mapped before any request: a submission that cannot be put on the wire is a RangeError.
    const application = toLandPlanningApplication(submission);
    const kind = applicationKind(submission.procedure);
    const body = JSON.stringify(application);
    return this.policy.write('submit', async (signal) => {
      const res = await this.client.request({
        method: 'POST',
        path: '/api/v2/applications',
        headers: {
          ...this.headers,
          'content-type': 'application/json',
          'idempotency-key': submission.idempotencyKey,
        },
        body,
        signal,
      });
      if (res.status === 200 || res.status === 201) {
        return mapApplicationReceipt(res.status, res.json(), kind);
      }
      throw applicationRejection(res.status, safeJson(res)) ?? unexpectedStatus(res);
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async fetch(keys: readonly string[]): Promise<ReadonlyMap<string, LandParcel[]>> {
    // Anything but a normalized id cannot be on record: known to be absent without asking.
    const askable = keys.filter((k) => HOLDER_ID.test(k));
    if (askable.length === 0) return new Map();
    if (askable.length === 1) return this.fetchOne(askable[0]);
    const chunks: string[][] = [];
    for (let i = 0; i < askable.length; i += LAND_PLANNING_BATCH_LIMIT) {
      chunks.push(askable.slice(i, i + LAND_PLANNING_BATCH_LIMIT));
    }
    const answers = await Promise.all(chunks.map((chunk) => this.fetchBatch(chunk)));
    return new Map(answers.flatMap((answer) => [...answer]));
  }

  private fetchOne(holderId: string): Promise<ReadonlyMap<string, LandParcel[]>> {
    return this.policy.read('parcelsByHolder', async (signal) => {
      const res = await this.client.request({
        method: 'GET',
        path: `/api/v2/parcels?holderId=${encodeURIComponent(holderId)}`,
        headers: this.headers,
        signal,
      });
      if (res.status === 404) {
        if (isHolderNotFound(res.json())) return new Map();
        throw SourceError.invalidResponse(
          'land-planning',
          'HTTP 404 without code 4004 (wrong base URL?)',
        );
      }
      if (res.status !== 200) throw unexpectedStatus(res);
      return new Map([[holderId, mapHolderParcelsResponse(res.json(), holderId)]]);
    });
  }

  private fetchBatch(holderIds: readonly string[]): Promise<ReadonlyMap<string, LandParcel[]>> {
    return this.policy.read('parcelsByHolder', async (signal) => {
      const res = await this.client.request({
        method: 'POST',
        path: '/api/v2/parcels/query',
        headers: { ...this.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ holderIds }),
        signal,
      });
      if (res.status !== 200) throw unexpectedStatus(res);
      return mapBatchResponse(res.json(), holderIds);
    });
  }
}

/**
 * The feed's query for a cursor. 更新时间 has whole seconds, so every unit
 * changed at second `s` is exactly "after (s, localId)" or not. A cursor
 * between two seconds (milliseconds set) stands after the whole second
 * (`afterTime` alone); a cursor with an empty localId stands before every
 * unit of its second, i.e. after the whole second before.
 */
function changesQuery(after: ChangeCursor | null, pageSize: number): string {
  const size = `pageSize=${pageSize}`;
  if (after === null) return size;
  const ms = after.changedAt.getTime();
  const second = Math.floor(ms / 1000) * 1000;
  const time = (at: number) =>
    `afterTime=${encodeURIComponent(formatLandPlanningTime(new Date(at)))}`;
  if (ms !== second) return `${time(second)}&${size}`;
  if (after.localId === '') return `${time(second - 1000)}&${size}`;
  return `${time(second)}&afterUnitNo=${encodeURIComponent(after.localId)}&${size}`;
}

/** 4xx answers (5xx are already SOURCE_UNAVAILABLE in the client). */
function unexpectedStatus(res: HttpResponse): SourceError {
  if (res.status === 401 || res.status === 403) {
    return SourceError.unavailable('land-planning', `refused our API key (HTTP ${res.status})`);
  }
  if (res.status === 429)
    return SourceError.unavailable('land-planning', 'rate limited (HTTP 429)');
  return SourceError.invalidResponse('land-planning', `unexpected HTTP ${res.status}`);
}

function safeJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    return null;
  }
}

/** The real adapter for a validated config (see `readLandPlanningConfig`); `close()` it on shutdown. */
export function createLandPlanningAdapter(
  config: LandPlanningConfig,
  options: DepartmentAdapterOptions = {},
): LandPlanningHttpAdapter {
  return new LandPlanningHttpAdapter(config, options);
}
