import { randomUUID } from 'node:crypto';
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { departmentContract } from '@oncegate/adapters';
import {
  createSimulator,
  type FaultConfig,
  type Simulator,
  type SubmissionLedger,
} from '../shared';
import {
  SOCIAL_INSURANCE_DEFAULT_PAGE_SIZE,
  SOCIAL_INSURANCE_MAX_PAGE_SIZE,
  changeFeedOf,
  parseSocialInsuranceTime,
  type SocialInsuranceChangeFeed,
  type SocialInsuranceFeedEntry,
} from './social-insurance.changes';
import type { SocialInsuranceData } from './social-insurance.records';
import {
  DEMO_SOCIAL_INSURANCE_CREDENTIALS,
  SignatureVerifier,
  type SignatureCheck,
  type SocialInsuranceCredential,
} from './social-insurance.signature';
import { SocialInsuranceStore } from './social-insurance.store';
import {
  SOCIAL_INSURANCE_SUBMISSION_PATH,
  acceptUnitRegistration,
  socialInsuranceSubmissionLedger,
} from './social-insurance.submissions';

export const SOCIAL_INSURANCE_CONTRACT_FILE = 'social-insurance.openapi.yaml';

/** Keys one batch request may carry, employers and persons together. */
export const SOCIAL_INSURANCE_MAX_BATCH_KEYS = 200;

export interface SocialInsuranceSimulatorOptions {
  readonly faults?: Partial<FaultConfig>;
  /** App keys and secrets the system accepts; the demo pair when not given. */
  readonly credentials?: readonly SocialInsuranceCredential[];
  /** The system's clock (epoch ms), for the timestamp window. */
  readonly clock?: () => number;
  /** Allowed distance of `X-Timestamp` from the clock; 300 000 ms as in the contract. */
  readonly maxClockSkewMs?: number;
  /**
   * Check every answer against the contract (default true). An answer that
   * breaks it becomes a 500 `INTERNAL_ERROR` and is reported through
   * `onContractViolation`; turn off only for benchmarks.
   */
  readonly validateResponses?: boolean;
  readonly onContractViolation?: (message: string) => void;
}

type ErrorCode =
  | 'INVALID_REQUEST'
  | 'BATCH_TOO_LARGE'
  | 'EMPLOYER_NOT_FOUND'
  | 'PERSON_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INTERNAL_ERROR'
  | Extract<SignatureCheck, { ok: false }>['code'];

interface SignedRequest extends Request {
  /** Set by the signature check before anything else looks at the request. */
  signatureRefusal?: Extract<SignatureCheck, { ok: false }>;
}

function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ code, message, request_id: randomUUID() });
}

function sendData(res: Response, data: unknown): void {
  res.status(200).json({ code: 'SUCCESS', message: '成功', request_id: randomUUID(), data });
}

/** One item of the change feed, in the contract's `ChangedRecord` form: the record itself, as stored. */
function changedRecord(entry: SocialInsuranceFeedEntry): object {
  return entry.kind === 'employer'
    ? {
        record_type: 'employer',
        record_no: entry.recordNo,
        updated_at: entry.updatedAt,
        employer: entry.record,
      }
    : {
        record_type: 'person',
        record_no: entry.recordNo,
        updated_at: entry.updatedAt,
        person: entry.record,
      };
}

/**
 * The county's social-insurance system (人社 养老/失业/工伤 + 医保 医疗/生育)
 * as its contract describes it: HMAC-signed requests, unit and person
 * lookups, a batch lookup of up to 200 keys, and the change feed (变更记录)
 * of every record by `updated_at`. Records are indexed once (see
 * `SocialInsuranceStore`, `SocialInsuranceChangeFeed`), so lookups and pages
 * cost the same at 1,000,000 applicants. `updateSocialInsuranceRecord` on the
 * same data changes what a running simulator serves.
 *
 * Order of checks, as an API gateway in front of the real system would have
 * it: the signature first (401), then the request against the contract (400),
 * then the lookup. Requests and answers are both validated against the
 * contract file; a refusal of a request that is also malformed is the one
 * answer that is not (it never reaches the validator). 单位参保登记
 * (`POST /si/api/v1/unit-registrations`) are checked, deduplicated by
 * `Idempotency-Key` and kept in the simulator's `submissions`, stamped by
 * the same `clock`.
 */
export function createSocialInsuranceSimulator(
  data: SocialInsuranceData,
  options: SocialInsuranceSimulatorOptions = {},
): Simulator {
  const store = new SocialInsuranceStore(data);
  const feed = changeFeedOf(data);
  const verifier = new SignatureVerifier(
    options.credentials ?? [DEMO_SOCIAL_INSURANCE_CREDENTIALS],
    { clock: options.clock, maxClockSkewMs: options.maxClockSkewMs },
  );
  const reportViolation =
    options.onContractViolation ??
    ((message: string) => console.error(`social-insurance simulator: ${message}`));
  const submissions = socialInsuranceSubmissionLedger(options.clock);
  return createSimulator(
    'social-insurance',
    (app) => mountRoutes(app, store, feed, verifier, submissions, options, reportViolation),
    options.faults,
    submissions,
  );
}

function mountRoutes(
  app: Express,
  store: SocialInsuranceStore,
  feed: SocialInsuranceChangeFeed,
  verifier: SignatureVerifier,
  submissions: SubmissionLedger,
  options: SocialInsuranceSimulatorOptions,
  reportViolation: (message: string) => void,
): void {
  // The raw bytes are signed, so they are kept until the signature is checked.
  app.use(express.raw({ type: () => true, limit: '256kb' }));
  app.use(checkSignature(verifier));
  app.use(parseJsonBody);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: departmentContract(SOCIAL_INSURANCE_CONTRACT_FILE),
      validateRequests: true,
      // A broken answer is thrown to the error handler below: reported, then a 500.
      validateResponses: options.validateResponses !== false,
      validateSecurity: false,
    }),
  );
  app.use(refuseUnsigned);

  app.get('/si/api/v1/employers/:uscc', (req, res) => {
    const record = store.employer(req.params.uscc);
    if (!record) {
      sendError(res, 404, 'EMPLOYER_NOT_FOUND', '未查询到该统一社会信用代码的参保单位');
      return;
    }
    sendData(res, record);
  });

  app.get('/si/api/v1/persons/:social_security_no', (req, res) => {
    const records = store.person(req.params.social_security_no);
    if (records.length === 0) {
      sendError(res, 404, 'PERSON_NOT_FOUND', '未查询到该社会保障号码的参保档案');
      return;
    }
    sendData(res, records);
  });

  app.post('/si/api/v1/batch/query', (req, res) => {
    const body = req.body as { employers?: string[]; persons?: string[] };
    const employerKeys = [...new Set(body.employers ?? [])];
    const personKeys = [...new Set(body.persons ?? [])];
    const given = (body.employers?.length ?? 0) + (body.persons?.length ?? 0);
    if (given > SOCIAL_INSURANCE_MAX_BATCH_KEYS) {
      sendError(
        res,
        400,
        'BATCH_TOO_LARGE',
        `单次批量查询最多${SOCIAL_INSURANCE_MAX_BATCH_KEYS}个号码，本次为${given}个`,
      );
      return;
    }
    const employers: object[] = [];
    const persons: object[] = [];
    const notFound: { query_type: 'employer' | 'person'; query_key: string }[] = [];
    for (const key of employerKeys) {
      const record = store.employer(key);
      if (record) employers.push({ query_key: key, ...record });
      else notFound.push({ query_type: 'employer', query_key: key });
    }
    for (const key of personKeys) {
      const records = store.person(key);
      if (records.length === 0) notFound.push({ query_type: 'person', query_key: key });
      for (const record of records) persons.push({ query_key: key, ...record });
    }
    sendData(res, { employers, persons, not_found: notFound });
  });

  app.get('/si/api/v1/changes', (req, res) => {
    // Past the contract check; a parameter given twice is refused here rather than guessed at.
    const q = req.query as Record<string, unknown>;
    const one = (name: string): string | undefined | null => {
      const value = q[name];
      // The validator may have coerced a number already.
      if (value === undefined || typeof value === 'string') return value;
      return typeof value === 'number' ? String(value) : null;
    };
    const updatedAfter = one('updated_after');
    const afterRecordNo = one('after_record_no');
    const size = Number(one('page_size') ?? SOCIAL_INSURANCE_DEFAULT_PAGE_SIZE);
    if (
      updatedAfter === null ||
      afterRecordNo === null ||
      !Number.isInteger(size) ||
      size < 1 ||
      size > SOCIAL_INSURANCE_MAX_PAGE_SIZE
    ) {
      sendError(res, 400, 'INVALID_REQUEST', '请求参数校验失败：参数重复或格式不正确');
      return;
    }
    if ((updatedAfter === undefined) !== (afterRecordNo === undefined)) {
      sendError(
        res,
        400,
        'INVALID_REQUEST',
        '请求参数校验失败：updated_after 与 after_record_no 须同时提供',
      );
      return;
    }
    if (updatedAfter !== undefined && parseSocialInsuranceTime(updatedAfter) === undefined) {
      sendError(res, 400, 'INVALID_REQUEST', '请求参数校验失败：updated_after 不是有效的时间');
      return;
    }
    const page = feed.page(
      updatedAfter !== undefined && afterRecordNo !== undefined
        ? { updatedAt: updatedAfter, recordNo: afterRecordNo }
        : null,
      size,
    );
    sendData(res, { records: page.records.map(changedRecord), has_more: page.hasMore });
  });

  app.post(SOCIAL_INSURANCE_SUBMISSION_PATH, (req, res) =>
    acceptUnitRegistration(submissions, req, res),
  );

  app.use((_req: Request, res: Response) => {
    sendError(res, 404, 'NOT_FOUND', '接口不存在');
  });
  app.use(
    errorHandler(reportViolation, (req) => {
      // A registration refused for breaking the contract is a refused submission too.
      if (req.method === 'POST' && req.path === SOCIAL_INSURANCE_SUBMISSION_PATH) {
        submissions.reject();
      }
    }),
  );
}

/** Checks the signature and notes a refusal; the refusal is answered once the answer can be validated. */
function checkSignature(verifier: SignatureVerifier): RequestHandler {
  return (req: SignedRequest, _res, next) => {
    const [path, query = ''] = req.originalUrl.split(/\?(.*)/s);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifier.verify({ method: req.method, path, query, body }, req.headers);
    if (!check.ok) req.signatureRefusal = check;
    next();
  };
}

function parseJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const raw = req.body as unknown;
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    req.body = undefined;
    next();
    return;
  }
  if (!req.is('application/json')) {
    // Left for the validator to refuse as an unsupported media type.
    req.body = undefined;
    next();
    return;
  }
  try {
    req.body = JSON.parse(raw.toString('utf8')) as unknown;
    next();
  } catch {
    next(Object.assign(new Error('the body is not JSON'), { status: 400 }));
  }
}

function refuseUnsigned(req: SignedRequest, res: Response, next: NextFunction): void {
  const refusal = req.signatureRefusal;
  if (refusal) sendError(res, 401, refusal.code, refusal.message);
  else next();
}

interface HttpishError {
  status?: number;
  message?: string;
  type?: string;
  errors?: { path?: string; message?: string }[];
}

function errorHandler(
  reportViolation: (message: string) => void,
  onBadRequest: (req: Request) => void,
): ErrorRequestHandler {
  return (error: HttpishError, req: SignedRequest, res, _next) => {
    if (res.headersSent) return;
    if (req.signatureRefusal) {
      sendError(res, 401, req.signatureRefusal.code, req.signatureRefusal.message);
      return;
    }
    const status = error.status ?? 500;
    if (status === 404 || status === 405) {
      sendError(res, 404, 'NOT_FOUND', '接口不存在');
      return;
    }
    if (status >= 400 && status < 500) {
      onBadRequest(req);
      const first = error.errors?.[0];
      const detail =
        error.type === 'entity.too.large'
          ? '请求体过大'
          : first
            ? `${first.path ?? ''} ${first.message ?? ''}`.trim()
            : (error.message ?? '');
      sendError(res, 400, 'INVALID_REQUEST', `请求参数校验失败：${detail}`);
      return;
    }
    reportViolation(error.message ?? 'an error without a message');
    sendError(res, 500, 'INTERNAL_ERROR', '系统内部错误，请稍后重试');
  };
}
