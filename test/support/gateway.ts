import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { GatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { TestDatabase, testDatabaseTargets } from '../../libs/registry/src/testing/test-database';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors:
    Array<{ message: string; path?: string[]; extensions: Record<string, unknown> }> | undefined;
  headers: Record<string, string>;
}

/** A gateway booted exactly as `npm start` boots it, on a fresh database of its own. */
export class TestGateway {
  app!: INestApplication;
  private readonly db: TestDatabase;

  constructor(
    readonly target: ReturnType<typeof testDatabaseTargets>[number],
    private readonly env: Record<string, string> = {},
  ) {
    this.db = new TestDatabase(target, { migrate: false });
  }

  async start(): Promise<void> {
    await this.db.open();
    this.app = await createGateway(
      GatewayConfig.from({ DATABASE_URL: this.db.url, LOG_LEVEL: 'silent', ...this.env }),
    );
    await this.app.init();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.db.close();
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphqlResponse<T>> {
    const res = await this.http()
      .post('/graphql')
      .set({ 'Content-Type': 'application/json', ...headers })
      .send({ query, variables });
    const body = res.body as { data?: T | null; errors?: GraphqlResponse['errors'] };
    return {
      status: res.status,
      data: body.data,
      errors: body.errors,
      headers: res.headers,
    };
  }
}

/** `describe` once per database target (SQLite always; MariaDB/MySQL when TEST_DATABASE_URL is set). */
export function describeGateway(
  title: string,
  body: (gateway: TestGateway) => void,
  env: Record<string, string> = {},
): void {
  describe.each(testDatabaseTargets())(`${title} ($label)`, (target) => {
    const gateway = new TestGateway(target, env);
    beforeAll(() => gateway.start());
    afterAll(() => gateway.stop());
    body(gateway);
  });
}
