import {
  DEFAULT_SQLITE_FILE,
  databaseOptionsFromUrl,
  databaseUrlFromEnv,
  describeDatabase,
  parseDatabaseUrl,
} from './database.config';
import { registryMigrations } from './migrations/registry-migrations';
import { registryEntities } from './registry.entities';
import { RegistryErrorCode } from './registry.errors';

const CWD = '/srv/oncegate';

describe('databaseOptionsFromUrl', () => {
  it('uses the SQLite file under var/ when no URL is set', () => {
    for (const url of [undefined, '', '   ']) {
      expect(databaseOptionsFromUrl(url, CWD)).toMatchObject({
        type: 'better-sqlite3',
        database: `${CWD}/${DEFAULT_SQLITE_FILE}`,
        enableWAL: true,
      });
    }
  });

  it('resolves a relative sqlite: path against the working directory', () => {
    expect(databaseOptionsFromUrl('sqlite:data/gate.sqlite', CWD)).toMatchObject({
      type: 'better-sqlite3',
      database: `${CWD}/data/gate.sqlite`,
    });
    expect(databaseOptionsFromUrl('sqlite:./gate.sqlite', CWD)).toMatchObject({
      database: `${CWD}/gate.sqlite`,
    });
  });

  it('takes an absolute sqlite: path as it is, in both spellings', () => {
    expect(databaseOptionsFromUrl('sqlite:/tmp/gate.sqlite', CWD)).toMatchObject({
      database: '/tmp/gate.sqlite',
    });
    expect(databaseOptionsFromUrl('sqlite:///tmp/gate.sqlite', CWD)).toMatchObject({
      database: '/tmp/gate.sqlite',
    });
  });

  it('opens an in-memory SQLite database without a write-ahead log', () => {
    expect(databaseOptionsFromUrl('sqlite::memory:', CWD)).toMatchObject({
      type: 'better-sqlite3',
      database: ':memory:',
      enableWAL: false,
    });
  });

  it('reads every part of a mysql: URL and sets utf8mb4 and UTC', () => {
    expect(
      databaseOptionsFromUrl('mysql://gate:s3cr%40t%2F@db.example:3307/oncegate', CWD),
    ).toEqual(
      expect.objectContaining({
        type: 'mysql',
        host: 'db.example',
        port: 3307,
        username: 'gate',
        password: 's3cr@t/',
        database: 'oncegate',
        charset: 'utf8mb4',
        timezone: 'Z',
        dateStrings: false,
      }),
    );
  });

  it('defaults the port, allows no password and reads IPv6 hosts', () => {
    expect(databaseOptionsFromUrl('mysql://root@[::1]/oncegate', CWD)).toMatchObject({
      host: '::1',
      port: 3306,
      username: 'root',
      password: '',
    });
  });

  it('speaks the MariaDB dialect for mariadb: URLs, through the same driver', () => {
    expect(databaseOptionsFromUrl('MariaDB://root@127.0.0.1/oncegate', CWD)).toMatchObject({
      type: 'mariadb',
      charset: 'utf8mb4',
    });
  });

  it('turns TLS on with ?ssl=true only', () => {
    expect(databaseOptionsFromUrl('mysql://u@h/db?ssl=true', CWD)).toMatchObject({ ssl: {} });
    expect(databaseOptionsFromUrl('mysql://u@h/db?ssl=false', CWD)).not.toHaveProperty('ssl');
  });

  it('always lists the registry entities and migrations and never synchronizes', () => {
    for (const url of [undefined, 'sqlite::memory:', 'mysql://u@h/db']) {
      const options = databaseOptionsFromUrl(url, CWD);
      expect(options.entities).toEqual([...registryEntities]);
      expect(options.migrations).toEqual([...registryMigrations]);
      expect(options.synchronize).toBe(false);
      expect(options.migrationsRun).toBe(false);
    }
  });

  it.each([
    ['an unsupported scheme', 'postgres://u:pw@h/db'],
    ['no scheme', 'oncegate.sqlite'],
    ['a host in a sqlite: URL', 'sqlite://host/file.sqlite'],
    ['an empty sqlite: path', 'sqlite:'],
    ['no database name', 'mysql://u:pw@h:3306/'],
    ['a nested database path', 'mysql://u:pw@h/a/b'],
    ['an invalid port', 'mysql://u:pw@h:99999/db'],
    ['an unknown parameter', 'mysql://u:pw@h/db?charset=latin1'],
    ['a bad ssl value', 'mysql://u:pw@h/db?ssl=yes'],
    ['a broken %-escape', 'mysql://u:p%zz@h/db'],
    ['no host', 'mysql:///db'],
  ])('refuses %s with INVALID_DATABASE_URL and without echoing secrets', (_, url) => {
    let thrown: unknown;
    try {
      databaseOptionsFromUrl(url, CWD);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: RegistryErrorCode.INVALID_DATABASE_URL });
    expect(String((thrown as Error).message)).not.toMatch(/pw|p%zz/);
  });
});

describe('parseDatabaseUrl', () => {
  it('accepts a server-only mysql: URL (test helpers add the database)', () => {
    expect(parseDatabaseUrl('mysql://root@127.0.0.1:3306/', CWD)).toEqual({
      engine: 'mysql',
      flavour: 'mysql',
      host: '127.0.0.1',
      port: 3306,
      username: 'root',
      password: '',
      database: '',
      ssl: false,
    });
  });
});

describe('describeDatabase', () => {
  it('shows where the data lives but never the password', () => {
    expect(describeDatabase('mysql://gate:topsecret@db.example:3307/oncegate', CWD)).toBe(
      'mysql://gate@db.example:3307/oncegate',
    );
    expect(describeDatabase('mariadb://gate:topsecret@[::1]/oncegate?ssl=true', CWD)).toBe(
      'mariadb://gate@[::1]:3306/oncegate?ssl=true',
    );
    expect(describeDatabase(undefined, CWD)).toBe(`sqlite:${CWD}/${DEFAULT_SQLITE_FILE}`);
    expect(describeDatabase('sqlite::memory:', CWD)).toBe('sqlite::memory:');
  });

  it('describes an invalid URL without repeating it', () => {
    expect(describeDatabase('postgres://gate:topsecret@h/db', CWD)).toBe('invalid DATABASE_URL');
  });
});

describe('databaseUrlFromEnv', () => {
  it('reads DATABASE_URL and treats an empty one as unset', () => {
    expect(databaseUrlFromEnv({ DATABASE_URL: ' sqlite::memory: ' })).toBe('sqlite::memory:');
    expect(databaseUrlFromEnv({ DATABASE_URL: '' })).toBeUndefined();
    expect(databaseUrlFromEnv({})).toBeUndefined();
  });
});
