import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { wantsGraphiqlPage } from '../graphiql/graphiql.middleware';
import { AccessService } from './access.service';
import type { RequestAccess } from './request-access';

/** The access of an HTTP request that passed the middleware. */
export function accessOf(req: Request): RequestAccess {
  const access = (req as Request & { access?: RequestAccess }).access;
  if (!access) throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'Not authenticated');
  return access;
}

const STATUS: Partial<Record<GatewayErrorCode, number>> = {
  [GatewayErrorCode.UNAUTHENTICATED]: 401,
  [GatewayErrorCode.PURPOSE_REQUIRED]: 400,
  [GatewayErrorCode.BAD_USER_INPUT]: 400,
};

/**
 * Every GraphQL request needs `Authorization: Bearer <key>` and
 * `X-Purpose: <code>`; `X-Case-Id` and `X-User-Id` are kept for the audit.
 * A refusal is a GraphQL-shaped JSON body with a stable code: 401 for the
 * key, 400 for the purpose. GraphiQL's page (a browser's GET) stays open.
 */
@Injectable()
export class AccessMiddleware implements NestMiddleware {
  constructor(private readonly service: AccessService) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (wantsGraphiqlPage(req)) {
      next();
      return;
    }
    try {
      const access = await this.service.access({
        authorization: req.get('authorization'),
        purpose: req.get('x-purpose'),
        caseId: req.get('x-case-id'),
        userId: req.get('x-user-id'),
      });
      (req as Request & { access?: RequestAccess }).access = access;
      next();
    } catch (error) {
      if (!(error instanceof GatewayError)) {
        next(error);
        return;
      }
      if (error.code === GatewayErrorCode.UNAUTHENTICATED)
        res.set('WWW-Authenticate', 'Bearer realm="OnceGate"');
      res.status(STATUS[error.code] ?? 400).json({
        errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }],
      });
    }
  }
}
