import { isAbsolute, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { registryMigrations } from './migrations/registry-migrations';
import { registryEntities } from './registry.entities';
import { RegistryError, RegistryErrorCode } from './registry.errors';

/** Where `npm start` keeps its data when DATABASE_URL is unset, relative to the working directory. */
export const DEFAULT_SQLITE_FILE = 'var/oncegate.sqlite';

const DEFAULT_MYSQL_PORT = 3306;

export type DatabaseTarget =
  | {
      readonly engine: 'sqlite';
      /** `:memory:` or an absolute file path. */
      readonly file: string;
    }
  | {
      readonly engine: 'mysql';
      /** Both speak through mysql2; TypeORM enables MariaDB-only SQL for `mariadb`. */
      readonly flavour: 'mysql' | 'mariadb';
      readonly host: string;
      readonly port: number;
      readonly username: string;
      readonly password: string;
      /** Empty when the URL names only a server (test helpers create their own database). */
      readonly database: string;
      readonly ssl: boolean;
    };

/** DATABASE_URL as the process was given it; an empty value counts as unset. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

/**
 * Reads a database URL:
 * - unset → SQLite file {@link DEFAULT_SQLITE_FILE};
 * - `sqlite::memory:`, `sqlite:relative/file.sqlite`, `sqlite:/absolute/file.sqlite`
 *   (also `sqlite:///absolute/file.sqlite`) → SQLite;
 * - `mysql://user:pass@host:port/db` or `mariadb://…`, optionally `?ssl=true` → MySQL / MariaDB.
 *
 * Relative SQLite paths resolve against `cwd`. Errors never repeat the URL, which
 * may hold a password.
 */
export function parseDatabaseUrl(
  url: string | undefined,
  cwd: string = process.cwd(),
): DatabaseTarget {
  const trimmed = url?.trim();
  if (!trimmed) {
    return { engine: 'sqlite', file: resolve(cwd, DEFAULT_SQLITE_FILE) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase() ?? '';
  switch (scheme) {
    case 'sqlite':
      return parseSqliteUrl(trimmed.slice('sqlite:'.length), cwd);
    case 'mysql':
    case 'mariadb':
      return parseMysqlUrl(trimmed, scheme);
    default:
      throw invalidUrl(
        scheme
          ? `DATABASE_URL scheme "${scheme}:" is not supported; use sqlite:, mysql: or mariadb:`
          : 'DATABASE_URL has no scheme; use sqlite:, mysql: or mariadb:',
        { scheme: scheme || null },
      );
  }
}

/**
 * TypeORM options for a database URL: the registry's entities and its explicit
 * migration list, never `synchronize` (STYLE.md §9). Migrations run when the
 * caller says so (`runRegistryMigrations`, or `migrationsRun` in `RegistryModule`).
 */
export function databaseOptionsFromUrl(
  url: string | undefined,
  cwd: string = process.cwd(),
): DataSourceOptions {
  const target = parseDatabaseUrl(url, cwd);
  const common: Pick<
    DataSourceOptions,
    'entities' | 'migrations' | 'synchronize' | 'migrationsRun' | 'migrationsTransactionMode'
  > = {
    entities: [...registryEntities],
    migrations: [...registryMigrations],
    synchronize: false,
    migrationsRun: false,
    // MySQL commits DDL implicitly, so one transaction around all migrations
    // would promise an atomicity it cannot keep; each one is recorded as it lands.
    migrationsTransactionMode: 'each',
  };
  if (target.engine === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: target.file,
      // WAL lets readers go on while the single writer commits. The driver itself
      // turns foreign keys on and creates the file's directory.
      enableWAL: target.file !== ':memory:',
      // With WAL, synchronous=NORMAL syncs at checkpoints instead of at every commit:
      // a commit survives the process dying (SIGKILL included), and the file is never
      // corrupted, but the last commits before a power loss or an OS crash may be lost.
      // better-sqlite3 is synchronous, so a sync per commit would stall the whole event
      // loop once per write (the audit trail writes on every request). Production runs
      // on MySQL/MariaDB, whose own durability settings apply.
      prepareDatabase: (db: { pragma: (source: string) => unknown }) => {
        db.pragma('synchronous = NORMAL');
      },
    };
  }
  if (!target.database) {
    throw invalidUrl('DATABASE_URL names no database; add it as the path, e.g. /oncegate', {});
  }
  return {
    ...common,
    type: target.flavour,
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    database: target.database,
    // Names such as 𠮷 lie outside the BMP and need the 4-byte utf8mb4 on the wire too.
    charset: 'utf8mb4',
    // Dates are stored and read as UTC whatever the server's or the host's zone.
    timezone: 'Z',
    dateStrings: false,
    ...(target.ssl ? { ssl: {} } : {}),
  };
}

/** The database a URL points at, safe to log: no password. */
export function describeDatabase(url: string | undefined, cwd: string = process.cwd()): string {
  let target: DatabaseTarget;
  try {
    target = parseDatabaseUrl(url, cwd);
  } catch {
    return 'invalid DATABASE_URL';
  }
  if (target.engine === 'sqlite') {
    return target.file === ':memory:' ? 'sqlite::memory:' : `sqlite:${target.file}`;
  }
  const user = target.username ? `${encodeURIComponent(target.username)}@` : '';
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const ssl = target.ssl ? '?ssl=true' : '';
  return `${target.flavour}://${user}${host}:${target.port}/${target.database}${ssl}`;
}

function parseSqliteUrl(rest: string, cwd: string): DatabaseTarget {
  if (rest === ':memory:') {
    return { engine: 'sqlite', file: ':memory:' };
  }
  let path = rest;
  if (rest.startsWith('//')) {
    // `sqlite:///abs/path` is the URL-shaped spelling of an absolute path; anything
    // else after `//` would be a host, which a SQLite file does not have.
    if (!rest.startsWith('///')) {
      throw invalidUrl('a sqlite: URL takes a file path, e.g. sqlite:var/oncegate.sqlite', {});
    }
    path = rest.slice(2);
  }
  if (!path || path.includes('?') || path.includes('\0')) {
    throw invalidUrl('a sqlite: URL takes a file path, e.g. sqlite:var/oncegate.sqlite', {});
  }
  return { engine: 'sqlite', file: isAbsolute(path) ? path : resolve(cwd, path) };
}

function parseMysqlUrl(url: string, flavour: 'mysql' | 'mariadb'): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidUrl(`DATABASE_URL is not a valid ${flavour}: URL`, { scheme: flavour });
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) {
    throw invalidUrl(`a ${flavour}: URL needs a host`, { scheme: flavour });
  }
  const port = parsed.port ? Number(parsed.port) : DEFAULT_MYSQL_PORT;
  const database = decodeComponent(parsed.pathname.replace(/^\//, ''), 'database name');
  if (database.includes('/')) {
    throw invalidUrl('the database name in DATABASE_URL must not contain "/"', {});
  }
  let ssl = false;
  for (const [key, value] of parsed.searchParams) {
    if (key !== 'ssl') {
      throw invalidUrl(`DATABASE_URL parameter "${key}" is not supported; only ssl=true|false`, {
        parameter: key,
      });
    }
    if (value !== 'true' && value !== 'false') {
      throw invalidUrl('DATABASE_URL parameter ssl must be true or false', { parameter: key });
    }
    ssl = value === 'true';
  }
  return {
    engine: 'mysql',
    flavour,
    host,
    port,
    username: decodeComponent(parsed.username, 'user name'),
    password: decodeComponent(parsed.password, 'password'),
    database,
    ssl,
  };
}

function decodeComponent(value: string, what: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw invalidUrl(`the ${what} in DATABASE_URL has invalid %-escapes`, {});
  }
}

function invalidUrl(message: string, details: Record<string, unknown>): RegistryError {
  return new RegistryError(RegistryErrorCode.INVALID_DATABASE_URL, message, details);
}
