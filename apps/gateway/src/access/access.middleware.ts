import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { wantsGraphiqlPage } from '../graphiql/graphiql.middleware';
import { AuditLog } from '../audit/audit-log';
import { GatewayConfig } from '../config/gateway.config';
import { Metrics } from '../metrics/metrics';
import { AccessService } from './access.service';
import type { AuthenticatedConsumer } from './consumer-authenticator';
import { RateLimiter } from './limits/rate-limiter';
import type { RequestAccess } from './request-access';

/** The access of an HTTP request that passed the middleware. */
export function accessOf(req: Request): RequestAccess {
  const access = (req as Request & { access?: RequestAccess }).access;
  if (!access) throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'Not authenticated');
  return access;
}

/** The operation a refused request named, if it named one (a batch's operations are not looked into). */
function operationNameOf(req: Request): string | null {
  const body: unknown = req.body;
  const named =
    body && typeof body === 'object' && !Array.isArray(body)
      ? (body as { operationName?: unknown }).operationName
      : (req.query as { operationName?: unknown } | undefined)?.operationName;
  return typeof named === 'string' ? named : null;
}

const STATUS: Partial<Record<GatewayErrorCode, number>> = {
  [GatewayErrorCode.UNAUTHENTICATED]: 401,
  [GatewayErrorCode.PURPOSE_REQUIRED]: 400,
  [GatewayErrorCode.BAD_USER_INPUT]: 400,
  [GatewayErrorCode.QUERY_TOO_COMPLEX]: 400,
  [GatewayErrorCode.RATE_LIMITED]: 429,
};

/**
 * Every GraphQL request needs `Authorization: Bearer <key>` and
 * `X-Purpose: <code>`; `X-Case-Id` and `X-User-Id` are kept for the audit.
 * A refusal is a GraphQL-shaped JSON body with a stable code: 401 for the
 * key, 400 for the purpose, 429 over the consumer's rate limit (with
 * Retry-After), 400 for a batch over GRAPHQL_MAX_BATCH. GraphiQL's page (a
 * browser's GET) stays open.
 */
@Injectable()
export class AccessMiddleware implements NestMiddleware {
  private readonly logger = new Logger(AccessMiddleware.name);

  constructor(
    private readonly service: AccessService,
    private readonly rateLimiter: RateLimiter,
    private readonly config: GatewayConfig,
    private readonly audit: AuditLog,
    private readonly metrics: Metrics,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (wantsGraphiqlPage(req)) {
      next();
      return;
    }
    const headers = {
      authorization: req.get('authorization'),
      purpose: req.get('x-purpose'),
      caseId: req.get('x-case-id'),
      userId: req.get('x-user-id'),
    };
    const started = Date.now();
    let consumer: AuthenticatedConsumer | null = null;
    try {
      consumer = await this.service.authenticate(headers);
      const access = this.service.forConsumer(consumer, headers);
      const rate = await this.rateLimiter.consume(access.consumer.id);
      if (!rate.allowed) {
        this.metrics.rateLimited(access.consumer.name);
        res.set('Retry-After', String(rate.retryAfterS));
        throw new GatewayError(
          GatewayErrorCode.RATE_LIMITED,
          `Too many requests from this consumer; try again in ${rate.retryAfterS} s`,
          { retryAfterSeconds: rate.retryAfterS },
        );
      }
      const body: unknown = req.body;
      if (Array.isArray(body) && body.length > this.config.maxBatch)
        throw new GatewayError(
          GatewayErrorCode.QUERY_TOO_COMPLEX,
          `A batch may hold at most ${this.config.maxBatch} operations; this one holds ${body.length}`,
          { maxBatch: this.config.maxBatch, batch: body.length },
        );
      (req as Request & { access?: RequestAccess }).access = access;
      next();
    } catch (error) {
      if (!(error instanceof GatewayError)) {
        next(error);
        return;
      }
      this.metrics.graphqlRefused(operationNameOf(req));
      await this.recordDenial(req, consumer, headers, error, started);
      if (error.code === GatewayErrorCode.UNAUTHENTICATED)
        res.set('WWW-Authenticate', 'Bearer realm="OnceGate"');
      res.status(STATUS[error.code] ?? 400).json({
        errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }],
      });
    }
  }

  /**
   * A request refused at the door is an exchange too (kind DENIAL): with its
   * consumer when the key was good, its stated purpose only if the catalogue
   * knows it. A failure to record it is logged; the refusal goes out anyway
   * (it carries no data).
   */
  private async recordDenial(
    req: Request,
    consumer: AuthenticatedConsumer | null,
    headers: { purpose?: string; caseId?: string; userId?: string },
    error: GatewayError,
    started: number,
  ): Promise<void> {
    if (!this.audit.enabled) return;
    const known = (value: string | undefined) =>
      value && /^[\p{L}\p{N}._:/@-]{1,100}$/u.test(value) ? value : null;
    const purpose = headers.purpose?.trim();
    try {
      await this.audit.record({
        at: new Date(started).toISOString(),
        requestId:
          typeof req.id === 'string' || typeof req.id === 'number'
            ? String(req.id).slice(0, 64)
            : null,
        consumer: consumer?.name ?? null,
        userId: known(headers.userId),
        purpose: purpose && this.service.catalogue.purpose(purpose) ? purpose : null,
        caseId: known(headers.caseId),
        kind: 'DENIAL',
        operationName: null,
        documentHash: null,
        applicants: [],
        dataItems: [],
        departments: [],
        outcome: 'DENIED',
        errorCodes: [error.code],
        durationMs: Date.now() - started,
      });
    } catch (failure) {
      this.logger.error(
        `A refused request could not be recorded: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    }
  }
}
