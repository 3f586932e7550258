import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { issueApiKey, type Role } from '@oncegate/access';
import { ConsumerRepository } from '@oncegate/registry';
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

/**
 * Who a test calls as: a role's demo consumer (`eservice`, `steward`, …), a
 * department's system (`department:land-planning`), or `default` — a test
 * client with the eservice and steward roles.
 */
export type Caller = Role | `department:${string}` | 'default';

/** A gateway booted exactly as `npm start` boots it, on a fresh database of its own. */
export class TestGateway {
  app!: INestApplication;
  private readonly db: TestDatabase;
  private readonly keysFile = join(tmpdir(), `oncegate-test-keys-${randomUUID()}.json`);
  private readonly keys = new Map<string, string>();

  constructor(
    readonly target: ReturnType<typeof testDatabaseTargets>[number],
    private readonly env: Record<string, string> = {},
  ) {
    this.db = new TestDatabase(target, { migrate: false });
  }

  /** The gateway's database (its own, dropped at `stop`). */
  get databaseUrl(): string {
    return this.db.url;
  }

  async start(): Promise<void> {
    await this.db.open();
    this.app = await createGateway(
      GatewayConfig.from({
        DATABASE_URL: this.db.url,
        LOG_LEVEL: 'silent',
        DEMO_KEYS_FILE: this.keysFile,
        // Journeys poll; the rate limit has its own tests (limits.e2e-spec.ts).
        RATE_LIMIT_PER_MINUTE: '0',
        ...this.env,
      }),
    );
    await this.app.init();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.db.close();
    rmSync(this.keysFile, { force: true });
  }

  /** An API key of `caller`, made (straight in the registry) the first time it is asked for. */
  async key(caller: Caller = 'default'): Promise<string> {
    const known = this.keys.get(caller);
    if (known) return known;
    const [role, department] = caller.startsWith('department:')
      ? ['department', caller.slice('department:'.length)]
      : caller === 'default'
        ? ['eservice,steward', null]
        : [caller, null];
    const issued = issueApiKey();
    await this.app.get(ConsumerRepository).create(
      {
        name: `test-${caller.replace(/[^a-z-]/g, '-')}`,
        roles: role.split(','),
        department,
      },
      { keyId: issued.keyId, secretHash: issued.secretHash, expiresAt: null },
    );
    this.keys.set(caller, issued.key);
    return issued.key;
  }

  /** The headers of a request as `caller` for `purpose`. */
  async as(caller: Caller, purpose = 'ONE_STOP_SERVICE'): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.key(caller)}`, 'X-Purpose': purpose };
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
      .set({ 'Content-Type': 'application/json', ...(await this.as('default')), ...headers })
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
