import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { databaseOptionsFromUrl, parseDatabaseUrl } from '../database.config';
import { runMigrations } from '../migrations/run-migrations';

/**
 * Where database tests run: SQLite always; MySQL / MariaDB as well when
 * TEST_DATABASE_URL (or else DATABASE_URL) is a mysql: or mariadb: URL — or
 * MySQL / MariaDB alone with TEST_DATABASE_ONLY=mysql (CI's second pass, which
 * has run the SQLite half already). That
 * URL only names the server and credentials: every test file gets a database
 * of its own, created for it and dropped afterwards, so the one the URL may
 * name is never touched.
 */
export interface TestDatabaseTarget {
  /** `mysql` covers MySQL and MariaDB alike. */
  readonly label: 'sqlite' | 'mysql';
  /** The server URL of a `mysql` target. */
  readonly serverUrl?: string;
}

export function testDatabaseTargets(env: NodeJS.ProcessEnv = process.env): TestDatabaseTarget[] {
  const serverUrl = [env.TEST_DATABASE_URL, env.DATABASE_URL]
    .map((url) => url?.trim())
    .find((url) => url !== undefined && /^(mysql|mariadb):/i.test(url));
  if (env.TEST_DATABASE_ONLY === 'mysql') {
    if (!serverUrl) throw new Error('TEST_DATABASE_ONLY=mysql needs TEST_DATABASE_URL=mysql://…');
    return [{ label: 'mysql', serverUrl }];
  }
  const targets: TestDatabaseTarget[] = [{ label: 'sqlite' }];
  if (serverUrl) {
    targets.push({ label: 'mysql', serverUrl });
  }
  return targets;
}

export interface TestDatabaseOptions {
  /** Run the migrations after opening (default true); false for testing the migrations. */
  readonly migrate?: boolean;
}

/** A fresh, private database: open it in `beforeAll`, close it in `afterAll`. */
export class TestDatabase {
  private source: DataSource | undefined;
  private databaseUrl: string | undefined;
  private cleanup: (() => Promise<void>) | undefined;

  constructor(
    readonly target: TestDatabaseTarget,
    private readonly options: TestDatabaseOptions = {},
  ) {}

  /** The open data source; throws outside the tests of the `describe` that opened it. */
  get dataSource(): DataSource {
    if (!this.source) {
      throw new Error('The test database is not open: use it inside a test or a hook');
    }
    return this.source;
  }

  /** The URL of this private database, for code under test that takes a URL. */
  get url(): string {
    if (!this.databaseUrl) {
      throw new Error('The test database is not open: use it inside a test or a hook');
    }
    return this.databaseUrl;
  }

  async open(): Promise<DataSource> {
    if (this.target.serverUrl) {
      await this.createMysqlDatabase(this.target.serverUrl);
    } else {
      const directory = mkdtempSync(join(tmpdir(), 'oncegate-registry-'));
      this.databaseUrl = `sqlite:${join(directory, 'registry.sqlite')}`;
      this.cleanup = () => {
        rmSync(directory, { recursive: true, force: true });
        return Promise.resolve();
      };
    }
    const source = new DataSource(databaseOptionsFromUrl(this.databaseUrl));
    await source.initialize();
    this.source = source;
    if (this.options.migrate ?? true) {
      await runMigrations(source);
    }
    return source;
  }

  async close(): Promise<void> {
    try {
      if (this.source?.isInitialized) {
        await this.source.destroy();
      }
    } finally {
      this.source = undefined;
      await this.cleanup?.();
      this.cleanup = undefined;
    }
  }

  private async createMysqlDatabase(serverUrl: string): Promise<void> {
    const server = parseDatabaseUrl(serverUrl);
    if (server.engine !== 'mysql') {
      throw new Error('Not a MySQL server URL');
    }
    const name = `oncegate_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = () =>
      createConnection({
        host: server.host,
        port: server.port,
        user: server.username,
        password: server.password,
        charset: 'utf8mb4',
        ...(server.ssl ? { ssl: {} } : {}),
      });
    const connection = await admin();
    let flavour: 'mysql' | 'mariadb';
    try {
      const [rows] = await connection.query('SELECT VERSION() AS version');
      flavour = /mariadb/i.test(JSON.stringify(rows)) ? 'mariadb' : 'mysql';
      await connection.query(
        `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    } finally {
      await connection.end();
    }
    const url = new URL(serverUrl);
    // TypeORM reads a MariaDB schema correctly only when told it is MariaDB
    // (it misreads nullable columns' defaults otherwise), so speak the dialect
    // of the server that answered whichever scheme the URL used.
    url.protocol = `${flavour}:`;
    url.pathname = `/${name}`;
    this.databaseUrl = url.toString();
    this.cleanup = async () => {
      const dropper = await admin();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await dropper.end();
      }
    };
  }
}

/**
 * `describe` once per target of {@link testDatabaseTargets}, each with its own
 * fresh database (migrated unless `options.migrate` is false):
 *
 * ```ts
 * describeEachDatabase('ApplicantRepository.register', (db) => {
 *   it('…', async () => { const repository = new ApplicantRepository(db.dataSource); … });
 * });
 * ```
 */
export function describeEachDatabase(
  title: string,
  body: (db: TestDatabase) => void,
  options: TestDatabaseOptions = {},
): void {
  describe.each(testDatabaseTargets())(`${title} ($label)`, (target) => {
    const db = new TestDatabase(target, options);
    beforeAll(() => db.open());
    afterAll(() => db.close());
    body(db);
  });
}
