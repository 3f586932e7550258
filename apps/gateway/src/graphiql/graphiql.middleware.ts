import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DemoApplication } from '../applications/demo-application';
import { DemoExample } from './demo-example';
import { GRAPHIQL_CSP, graphiqlHtml } from './graphiql.page';

/**
 * `GET /graphql` from a browser gets GraphiQL; everything else (POST, GET
 * with a query, non-HTML clients) goes on to Apollo.
 */
@Injectable()
export class GraphiqlMiddleware implements NestMiddleware {
  constructor(
    private readonly example: DemoExample,
    private readonly demoApplication: DemoApplication,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const wantsPage =
      req.method === 'GET' &&
      req.query.query === undefined &&
      req.accepts(['application/json', 'text/html']) === 'text/html';
    if (!wantsPage) {
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
      .send(graphiqlHtml(this.example.get(), applicationId));
  }
}
