import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseApiKey, secretMatches } from '@oncegate/access';
import { ConsumerRepository, databaseOptionsFromUrl } from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { runCli } from '../testing/run-cli';
import { duration } from './consumers-command';

describe('oncegate consumers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-consumers-'));
  const url = `sqlite:${join(dir, 'cli.sqlite')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => runCli(url, ...args);

  const keyIn = (lines: string[]) => /(og_\S+)/.exec(lines.join('\n'))?.[1] ?? '';

  async function stored(key: string) {
    const dataSource = new DataSource(databaseOptionsFromUrl(url));
    await dataSource.initialize();
    try {
      return await new ConsumerRepository(dataSource).findKey(parseApiKey(key)!.keyId);
    } finally {
      await dataSource.destroy();
    }
  }

  it('adds a consumer and prints its key once; the database holds only the hash', async () => {
    const lines = await run(
      'consumers',
      'add',
      'tax-core',
      '--role',
      'department',
      '--department',
      'tax',
    );
    const key = keyIn(lines);
    expect(parseApiKey(key)).not.toBeNull();
    const found = await stored(key);
    expect(found?.consumer).toMatchObject({
      name: 'tax-core',
      roles: ['department'],
      department: 'tax',
    });
    expect(found?.secretHash).not.toContain(parseApiKey(key)!.secret);
    expect(secretMatches(parseApiKey(key)!.secret, found!.secretHash)).toBe(true);
    const listed = (await run('consumers', 'list')).join('\n');
    expect(listed).toContain('tax-core');
    expect(listed).not.toContain(key);
  });

  it('refuses bad input with every problem named, and a taken name', async () => {
    await expect(run('consumers', 'add', 'Bad Name', '--role', 'root')).rejects.toThrow(
      /name must be.*unknown role root/,
    );
    await expect(
      run('consumers', 'add', 'tax-core', '--role', 'department', '--department', 'tax'),
    ).rejects.toThrow('A consumer has this name');
  });

  it('rotates with a grace period, and revokes', async () => {
    const first = keyIn(await run('consumers', 'add', 'portal', '--role', 'eservice'));
    const second = keyIn(await run('consumers', 'rotate', 'portal', '--grace', '12h'));
    expect(second).not.toBe(first);
    const old = await stored(first);
    const hours = (old!.key.expiresAt!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect((await stored(second))!.key.expiresAt).toBeNull();

    expect(await run('consumers', 'revoke', 'portal', '--reason', '系统下线')).toEqual([
      'Consumer portal revoked; its keys no longer work.',
    ]);
    expect((await stored(second))!.key.revokedAt).not.toBeNull();
    const json = (await run('consumers', 'list', '--json')).map(
      (l) => JSON.parse(l) as { name: string; liveKeys: unknown[]; revokedReason: string | null },
    );
    expect(json.find((c) => c.name === 'portal')).toMatchObject({
      liveKeys: [],
      revokedReason: '系统下线',
    });
    await expect(run('consumers', 'rotate', 'portal')).rejects.toThrow(
      'No live consumer has this name',
    );
  });

  it('reads durations', () => {
    expect(duration('30d')).toBe(30 * 86_400_000);
    expect(duration('12h')).toBe(12 * 3_600_000);
    expect(duration('0')).toBe(0);
    expect(() => duration('1w')).toThrow('whole number');
  });
});
