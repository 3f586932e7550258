import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { departmentContract } from '@oncegate/adapters';
import { normalizeIdentifierInput, upgradeResidentId15 } from '@oncegate/identifiers';
import { createSimulator, type FaultConfig, type Simulator } from '../shared';
import {
  LAND_PLANNING_DEFAULT_PAGE_SIZE,
  LandPlanningChangeFeed,
  landPlanningParcelChange,
  parseLandPlanningTime,
} from './land-planning.changes';
import type { LandPlanningData, LandPlanningParcelRecord } from './land-planning.records';
import {
  LAND_PLANNING_SUBMISSION_PATH,
  acceptLandPlanningApplication,
  landPlanningSubmissionLedger,
} from './land-planning.submissions';

export const LAND_PLANNING_CONTRACT_FILE = 'land-planning.openapi.yaml';

/** Most holder ids one batch query may carry (the contract's `maxItems`). */
export const LAND_PLANNING_MAX_BATCH = 200;

export interface LandPlanningSimulatorOptions {
  /** Faults to start with (they can be changed later through `/__admin/faults`). */
  readonly faults?: Partial<FaultConfig>;
  /**
   * The `X-Api-Key` callers must send. Unset, the platform admits any caller,
   * as a county instance whitelisting callers by IP on the 电子政务外网 does;
   * a key that is sent must still be this one when it is set.
   */
  readonly apiKey?: string;
  /** Check every answer against the contract (default true); a benchmark at 1,000,000 applicants may turn it off. */
  readonly validateResponses?: boolean;
  /** The platform's clock (epoch ms) for 受理时间 and case numbers. */
  readonly clock?: () => number;
}

const RESIDENT_ID = /^\d{17}[\dX]$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * A 权利人证件号 as the platform matches it: normalised (NFKC, no spaces or
 * hyphens, upper case) and, for a 15-digit GB 11643-1989 number, upgraded to
 * its 18-digit form — the registry links both forms since its 公安 interface
 * checks identities, so a record typed with either is found by either.
 * Null when the value is neither a 居民身份证号码 nor a 统一社会信用代码 in shape.
 */
export function landPlanningHolderKey(raw: string): string | null {
  const value = normalizeIdentifierInput(raw);
  if (/^\d{15}$/.test(value)) return upgradeResidentId15(value);
  return RESIDENT_ID.test(value) || USCC.test(value) ? value : null;
}

/**
 * The county spatial platform's sharing interface, serving exactly
 * `contracts/departments/land-planning.openapi.yaml`: requests and responses
 * are validated against it, so an answer that breaks the contract becomes a
 * 500 here instead of reaching an adapter. Parcels are indexed by holder at
 * construction (one pass), so every lookup is a Map get; the change feed is
 * indexed by (更新时间, 不动产单元号) at construction too (one sort), so a page
 * is a binary search. Records are served as they are at the time of asking:
 * changes made through `updateLandPlanningRecord` show at once. Applications
 * (`POST /api/v2/applications`) are checked, deduplicated by
 * `Idempotency-Key` and kept in the simulator's `submissions`.
 */
export function createLandPlanningSimulator(
  data: Pick<LandPlanningData, 'parcels'>,
  options: LandPlanningSimulatorOptions = {},
): Simulator {
  const byHolder = indexByHolder(data.parcels);
  const feed = new LandPlanningChangeFeed(data.parcels);
  const submissions = landPlanningSubmissionLedger(options.clock);
  return createSimulator(
    'land-planning',
    (app) => {
      app.use(express.json({ limit: '256kb' }));
      app.use(
        OpenApiValidator.middleware({
          apiSpec: departmentContract(LAND_PLANNING_CONTRACT_FILE),
          validateRequests: true,
          validateResponses: options.validateResponses ?? true,
          // The contract's security is "a valid key, or none" (IP whitelist); the key itself is checked below.
          validateSecurity: false,
        }),
      );
      if (options.apiKey !== undefined) app.use(requireApiKey(options.apiKey));
      app.get('/api/v2/parcels', (req, res) => {
        // The validator has checked that holderId is one string.
        const raw = req.query.holderId as string;
        const key = landPlanningHolderKey(raw);
        if (key === null) {
          res.status(400).json(failure('4001', '请求参数错误：权利人证件号格式不正确'));
          return;
        }
        const parcels = byHolder.get(key);
        if (!parcels) {
          res.status(404).json(failure('4004', '未查询到该权利人名下的不动产单元'));
          return;
        }
        res.json({ code: '0000', message: '成功', data: { holderId: key, parcels } });
      });
      app.post('/api/v2/parcels/query', (req, res) => {
        const { holderIds } = req.body as { holderIds: string[] };
        const results = holderIds.map((holderId) => {
          const key = landPlanningHolderKey(holderId);
          if (key === null) return { holderId, status: 'INVALID_ID', parcels: [] };
          const parcels = byHolder.get(key);
          return parcels
            ? { holderId, status: 'FOUND', parcels }
            : { holderId, status: 'NOT_FOUND', parcels: [] };
        });
        res.json({ code: '0000', message: '成功', data: { results } });
      });
      app.get('/api/v2/parcels/changes', (req, res) => {
        // The validator has checked the types and patterns, and coerced pageSize.
        const query = req.query as { afterTime?: string; afterUnitNo?: string; pageSize?: number };
        const { afterTime, afterUnitNo } = query;
        if (afterUnitNo !== undefined && afterTime === undefined) {
          res.status(400).json(failure('4001', '请求参数错误：afterUnitNo须与afterTime同时提供'));
          return;
        }
        if (afterTime !== undefined && parseLandPlanningTime(afterTime) === null) {
          res.status(400).json(failure('4001', '请求参数错误：afterTime不是有效的时间'));
          return;
        }
        const page = feed.page(
          afterTime === undefined ? null : { time: afterTime, unitNo: afterUnitNo },
          Number(query.pageSize ?? LAND_PLANNING_DEFAULT_PAGE_SIZE),
        );
        res.json({
          code: '0000',
          message: '成功',
          data: { changes: page.records.map(landPlanningParcelChange), hasMore: page.hasMore },
        });
      });
      app.post(LAND_PLANNING_SUBMISSION_PATH, (req, res) =>
        acceptLandPlanningApplication(submissions, req, res),
      );
      app.use(
        errorEnvelope((req) => {
          // An application refused for breaking the contract is a refused submission too.
          if (req.method === 'POST' && req.path === LAND_PLANNING_SUBMISSION_PATH) {
            submissions.reject();
          }
        }),
      );
    },
    options.faults,
    submissions,
  );
}

function indexByHolder(
  parcels: readonly LandPlanningParcelRecord[],
): ReadonlyMap<string, LandPlanningParcelRecord[]> {
  const index = new Map<string, LandPlanningParcelRecord[]>();
  for (const parcel of parcels) {
    // A record registered without a 证件号 (or with an unreadable one) cannot be found by id, as in the real registry.
    const key = parcel.ZJH === null ? null : landPlanningHolderKey(parcel.ZJH);
    if (key === null) continue;
    const list = index.get(key);
    if (list) list.push(parcel);
    else index.set(key, [parcel]);
  }
  return index;
}

function failure(
  code: string,
  message: string,
  errors?: { path: string; message: string }[],
): Record<string, unknown> {
  return errors && errors.length > 0
    ? { code, message, data: null, errors }
    : { code, message, data: null };
}

function requireApiKey(expected: string): RequestHandler {
  return (req: Request, res, next) => {
    const sent = req.get('x-api-key');
    if (sent === expected) {
      next();
      return;
    }
    res
      .status(401)
      .json(failure('4010', sent === undefined ? '缺少接口调用密钥' : '接口调用密钥无效'));
  };
}

interface ValidatorError {
  status?: number;
  type?: string;
  errors?: { path?: string; message?: string; errorCode?: string }[];
}

/** Every failure in the contract's error envelope, with its 业务状态码; `onBadRequest` hears of every 400. */
const errorEnvelope =
  (onBadRequest: (req: Request) => void): ErrorRequestHandler =>
  (error: ValidatorError, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = error.status ?? 500;
    if (error.type === 'entity.parse.failed' || [400, 413, 415].includes(status)) onBadRequest(req);
    const details = (error.errors ?? []).map((e) => ({
      path: String(e.path ?? ''),
      message: String(e.message ?? ''),
    }));
    if (error.type === 'entity.parse.failed' || status === 413) {
      res.status(400).json(failure('4001', '请求参数错误：请求体不是有效的JSON'));
    } else if (status === 400) {
      const tooMany = (error.errors ?? []).some(
        (e) => e.path === '/body/holderIds' && /maxItems/.test(e.errorCode ?? ''),
      );
      res
        .status(400)
        .json(
          tooMany
            ? failure('4002', `批量查询数量超出上限（最多${LAND_PLANNING_MAX_BATCH}个）`, details)
            : failure('4001', '请求参数错误', details),
        );
    } else if (status === 401) {
      res.status(401).json(failure('4010', '接口调用密钥无效'));
    } else if (status === 404) {
      res.status(404).json(failure('4040', '接口不存在'));
    } else if (status === 405) {
      res.status(405).json(failure('4050', '请求方法不支持'));
    } else if (status === 415) {
      res.status(415).json(failure('4150', '请求格式不支持，请使用application/json'));
    } else {
      res.status(500).json(failure('5000', '系统内部错误，请稍后重试', details));
    }
  };
