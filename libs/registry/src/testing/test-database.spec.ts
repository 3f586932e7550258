import { testDatabaseTargets } from './test-database';

describe('testDatabaseTargets', () => {
  it('is SQLite alone when no MySQL server is configured', () => {
    expect(testDatabaseTargets({})).toEqual([{ label: 'sqlite' }]);
    expect(testDatabaseTargets({ DATABASE_URL: 'sqlite:var/x.sqlite' })).toEqual([
      { label: 'sqlite' },
    ]);
  });

  it('adds the server of TEST_DATABASE_URL, else of a mysql/mariadb DATABASE_URL', () => {
    expect(
      testDatabaseTargets({
        TEST_DATABASE_URL: 'mysql://root@127.0.0.1:3306/',
        DATABASE_URL: 'mariadb://other@db/prod',
      }),
    ).toEqual([{ label: 'sqlite' }, { label: 'mysql', serverUrl: 'mysql://root@127.0.0.1:3306/' }]);
    expect(testDatabaseTargets({ DATABASE_URL: 'mariadb://gate@db/prod' })).toEqual([
      { label: 'sqlite' },
      { label: 'mysql', serverUrl: 'mariadb://gate@db/prod' },
    ]);
  });

  it('is MySQL alone with TEST_DATABASE_ONLY=mysql, and says so when no server is given', () => {
    expect(
      testDatabaseTargets({
        TEST_DATABASE_URL: 'mysql://root@127.0.0.1:3306/',
        TEST_DATABASE_ONLY: 'mysql',
      }),
    ).toEqual([{ label: 'mysql', serverUrl: 'mysql://root@127.0.0.1:3306/' }]);
    expect(() => testDatabaseTargets({ TEST_DATABASE_ONLY: 'mysql' })).toThrow(
      /needs TEST_DATABASE_URL/,
    );
  });
});
