import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DemoApplication } from '../applications/demo-application';
import { DemoExample } from './demo-example';
import { GRAPHIQL_CSP, graphiqlHtml, headersTemplate } from './graphiql.page';
import { GatewayConfig } from '../config/gateway.config';

/** A browser asking for the page (GET, no query, HTML wanted) rather than a GraphQL answer. */
export function wantsGraphiqlPage(req: Request): boolean {
  return (
    req.method === 'GET' &&
    req.query.query === undefined &&
    req.accepts(['application/json', 'text/html']) === 'text/html'
  );
}

/**
 * `GET /graphql` from a browser gets GraphiQL; everything else (POST, GET
 * with a query, non-HTML clients) goes on to Apollo.
 */
@Injectable()
export class GraphiqlMiddleware implements NestMiddleware {
  constructor(
    private readonly example: DemoExample,
    private readonly demoApplication: DemoApplication,
    private readonly config: GatewayConfig,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (!wantsGraphiqlPage(req)) {
      next();
      return;
    }
    let applicationId: string | null;
    try {
      applicationId = await this.demoApplication.id();
    } catch (error) {
      next(error);
      return;
    }
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': GRAPHIQL_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      })
      .send(
        graphiqlHtml(
          this.example.get(),
          applicationId,
          headersTemplate(this.config.demoSeed ? this.config.demoKeysFile : null),
        ),
      );
  }
}
