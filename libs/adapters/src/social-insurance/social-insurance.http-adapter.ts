import { randomUUID } from 'node:crypto';
import {
  DepartmentCallPolicy,
  HttpJsonClient,
  ResponseCache,
  SourceError,
  changesPageSize,
  isAfterCursor,
  type ChangeCursor,
  type DepartmentAdapterOptions,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type HttpResponse,
  type SubmissionReceipt,
} from '../shared';
import type { SocialInsuranceConfig } from './social-insurance.config';
import {
  parseBatchResponse,
  parseChangesResponse,
  parseErrorBody,
  parseUnitRegistrationResponse,
  socialInsuranceTimeText,
  toUnitRegistrationRequest,
  unitRegistrationRejection,
  type BatchAnswer,
  type ChangesAnswer,
  type ChangesQuery,
} from './social-insurance.mapper';
import { SocialInsurancePort } from './social-insurance.port';
import { signatureHeaders } from './social-insurance.signer';
import type { InsuredEmployer, InsuredPerson } from './social-insurance.types';

const BATCH_PATH = '/si/api/v1/batch/query';
const CHANGES_PATH = '/si/api/v1/changes';
const REGISTRATION_PATH = '/si/api/v1/unit-registrations';

/** The contract's limit: keys in one batch request, employers and persons together. */
export const SOCIAL_INSURANCE_MAX_BATCH_KEYS = 200;

/** The contract's limit: records in one page of the change feed. */
export const SOCIAL_INSURANCE_MAX_PAGE_SIZE = 500;

/** Keys the contract accepts; anything else cannot be on record and is answered "nothing known" without asking. */
const USCC_KEY = /^[0-9A-Za-z]{18}$/;
const PERSON_KEY = /^(\d{15}|\d{17}[0-9Xx])$/;

export interface SocialInsuranceAdapterOptions extends DepartmentAdapterOptions {
  /** Clock for `X-Timestamp` (epoch ms). */
  readonly now?: () => number;
  /** Nonce source for `X-Nonce`. */
  readonly nonce?: () => string;
}

/** Keys waiting for the next batch call, and the callers waiting for its answer. */
interface PendingBatch {
  readonly employers: Set<string>;
  readonly persons: Set<string>;
  readonly answer: Promise<BatchAnswer>;
}

type Chunk = { employers: string[]; persons: string[] };

/**
 * The social-insurance system over its REST contract, every request HMAC
 * signed. Reads go through the batch operation only: employers and persons
 * asked for before the event loop turns (the gateway's DataLoaders dispatch
 * in the same turn) share one call, split into calls of at most 200 keys.
 * Each call runs under the department's policy (timeout budget, retries with
 * a fresh signature per attempt, breaker); answers are cached per key.
 * The change feed is read page by page through `GET /si/api/v1/changes`,
 * under the same policy (an idempotent read) and never cached: a sync wants
 * what the system holds now.
 */
export class SocialInsuranceHttpAdapter extends SocialInsurancePort {
  private readonly client: HttpJsonClient;
  private readonly policy: DepartmentCallPolicy;
  private readonly employerCache: ResponseCache<InsuredEmployer>;
  private readonly personCache: ResponseCache<InsuredPerson>;
  /** The path prefix of the base URL, part of what is signed. */
  private readonly basePath: string;
  private readonly now: () => number;
  private readonly nonce: () => string;
  private pending: PendingBatch | null = null;

  constructor(
    private readonly config: SocialInsuranceConfig,
    options: SocialInsuranceAdapterOptions = {},
  ) {
    super();
    this.client = new HttpJsonClient('social-insurance', config.baseUrl, {
      maxConnections: config.maxConnections,
    });
    this.policy = new DepartmentCallPolicy('social-insurance', config, options.observer);
    this.employerCache = new ResponseCache(config.cacheTtlMs);
    this.personCache = new ResponseCache(config.cacheTtlMs);
    this.basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.nonce = options.nonce ?? randomUUID;
  }

  async employers(usccs: readonly string[]): Promise<ReadonlyMap<string, InsuredEmployer>> {
    const values = await this.employerCache.getMany(usccs, (missing) =>
      this.enqueue(
        'employers',
        missing.filter((k) => USCC_KEY.test(k)),
      ),
    );
    return found(usccs, values);
  }

  async persons(residentIds: readonly string[]): Promise<ReadonlyMap<string, InsuredPerson>> {
    const values = await this.personCache.getMany(residentIds, (missing) =>
      this.enqueue(
        'persons',
        missing.filter((k) => PERSON_KEY.test(k)),
      ),
    );
    return found(residentIds, values);
  }

  /**
   * One page of the change feed. The system keeps times to the second: a
   * cursor with milliseconds is sent as its second, and the records of that
   * second — all before the cursor — are dropped here (asking on if that
   * leaves nothing), so the page still holds only records after `after`.
   */
  async changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    const pageSize = changesPageSize('social-insurance', limit, SOCIAL_INSURANCE_MAX_PAGE_SIZE);
    let wire: ChangesQuery['after'] =
      after === null
        ? null
        : { updatedAt: socialInsuranceTimeText(after.changedAt), recordNo: after.localId };
    for (;;) {
      const sent: ChangesQuery = { after: wire, pageSize };
      const answer = await this.policy.read('changes', (signal) => this.readChanges(sent, signal));
      const records = answer.records.filter((r) => isAfterCursor(r, after));
      if (records.length > 0 || !answer.hasMore || answer.last === null) {
        const last = records.at(-1);
        return {
          records,
          next: last ? { changedAt: last.changedAt, localId: last.localId } : after,
          hasMore: answer.hasMore,
        };
      }
      wire = answer.last;
    }
  }

  /**
   * `POST /si/api/v1/unit-registrations`, signed, with the submission's
   * `Idempotency-Key`: one attempt under the call policy's `write` (timeout
   * and breaker; the outbox retries with the same key, and each attempt is
   * signed afresh). 201/200 is the receipt; a 400/409/422 refusal is
   * SOURCE_REJECTED; a 401 (signature) SOURCE_UNAVAILABLE.
   */
  async submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    // Mapped before any request: a submission that cannot be put on the wire is a RangeError.
    const body = JSON.stringify(toUnitRegistrationRequest(submission));
    return this.policy.write('submit', async (signal) => {
      const headers = signatureHeaders(
        { method: 'POST', path: this.basePath + REGISTRATION_PATH, body },
        { appKey: this.config.appKey, reveal: () => this.config.appSecret.reveal() },
        this.now(),
        this.nonce(),
      );
      const res = await this.client.request({
        method: 'POST',
        path: REGISTRATION_PATH,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'idempotency-key': submission.idempotencyKey,
        },
        body,
        signal,
      });
      if (res.status === 200 || res.status === 201) {
        return parseUnitRegistrationResponse(res.status, res.json());
      }
      throw unitRegistrationRejection(res.status, safeJson(res)) ?? refusal(res);
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async readChanges(sent: ChangesQuery, signal: AbortSignal): Promise<ChangesAnswer> {
    const query: Record<string, string> = { page_size: String(sent.pageSize) };
    if (sent.after) {
      query.updated_after = sent.after.updatedAt;
      query.after_record_no = sent.after.recordNo;
    }
    const headers = signatureHeaders(
      { method: 'GET', path: this.basePath + CHANGES_PATH, query, body: '' },
      { appKey: this.config.appKey, reveal: () => this.config.appSecret.reveal() },
      this.now(),
      this.nonce(),
    );
    const res = await this.client.request({
      method: 'GET',
      path: `${CHANGES_PATH}?${new URLSearchParams(query).toString()}`,
      headers,
      signal,
    });
    if (res.status === 200) return parseChangesResponse(res.json(), sent);
    throw refusal(res);
  }

  private enqueue<K extends 'employers' | 'persons'>(
    kind: K,
    keys: readonly string[],
  ): Promise<BatchAnswer[K]> {
    if (keys.length === 0) return Promise.resolve(new Map() as BatchAnswer[K]);
    const batch = this.pending ?? this.startBatch();
    for (const key of keys) batch[kind].add(key);
    return batch.answer.then((answer) => answer[kind]);
  }

  private startBatch(): PendingBatch {
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    const employers = new Set<string>();
    const persons = new Set<string>();
    const batch: PendingBatch = {
      employers,
      persons,
      answer: ready.then(() => this.fetchAll(employers, persons)),
    };
    this.pending = batch;
    // setImmediate, not a microtask: it runs after every DataLoader of this turn has dispatched.
    setImmediate(() => {
      this.pending = null;
      release();
    });
    return batch;
  }

  private async fetchAll(employers: Set<string>, persons: Set<string>): Promise<BatchAnswer> {
    const chunks: Chunk[] = [];
    let chunk: Chunk = { employers: [], persons: [] };
    const add = (kind: keyof Chunk, key: string) => {
      if (chunk.employers.length + chunk.persons.length === SOCIAL_INSURANCE_MAX_BATCH_KEYS) {
        chunks.push(chunk);
        chunk = { employers: [], persons: [] };
      }
      chunk[kind].push(key);
    };
    for (const key of employers) add('employers', key);
    for (const key of persons) add('persons', key);
    chunks.push(chunk);
    const answers = await Promise.all(
      // One operation for employers and persons: they share the batch call.
      chunks.map((c) => this.policy.read('insured', (signal) => this.query(c, signal))),
    );
    return {
      employers: new Map(answers.flatMap((a) => [...a.employers])),
      persons: new Map(answers.flatMap((a) => [...a.persons])),
    };
  }

  private async query(chunk: Chunk, signal: AbortSignal): Promise<BatchAnswer> {
    const body = JSON.stringify(chunk);
    const headers = signatureHeaders(
      { method: 'POST', path: this.basePath + BATCH_PATH, body },
      { appKey: this.config.appKey, reveal: () => this.config.appSecret.reveal() },
      this.now(),
      this.nonce(),
    );
    const res = await this.client.request({
      method: 'POST',
      path: BATCH_PATH,
      headers: { ...headers, 'content-type': 'application/json' },
      body,
      signal,
    });
    if (res.status === 200) return parseBatchResponse(res.json(), chunk);
    throw refusal(res);
  }
}

/**
 * A 4xx answer: the system refused the request (a bad signature, a clock
 * too far off, an app key it does not know, a request it finds malformed).
 * Reported as unavailable with the system's code, which names the cause
 * without any secret; other statuses break the contract.
 */
function refusal(res: HttpResponse): SourceError {
  if (res.status >= 400 && res.status < 500) {
    let code = 'no error code';
    try {
      code = parseErrorBody(JSON.parse(res.text))?.code ?? code;
    } catch {
      // The status alone says enough.
    }
    return SourceError.unavailable(
      'social-insurance',
      `refused the request: HTTP ${res.status} ${code}`,
    );
  }
  return SourceError.invalidResponse('social-insurance', `unexpected HTTP ${res.status}`);
}

function safeJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    return null;
  }
}

function found<V>(keys: readonly string[], values: readonly (V | null)[]): ReadonlyMap<string, V> {
  const map = new Map<string, V>();
  keys.forEach((key, i) => {
    const value = values[i];
    if (value !== null) map.set(key, value);
  });
  return map;
}

/** The real adapter for a configuration from `readSocialInsuranceConfig`; `close()` it at shutdown. */
export function createSocialInsuranceAdapter(
  config: SocialInsuranceConfig,
  options: SocialInsuranceAdapterOptions = {},
): SocialInsuranceHttpAdapter {
  return new SocialInsuranceHttpAdapter(config, options);
}
