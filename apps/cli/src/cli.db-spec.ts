import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/run-cli';

describe('oncegate CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-cli-'));
  const url = `sqlite:${join(dir, 'cli.sqlite')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => runCli(url, ...args);

  it('migrates, then finds nothing pending', async () => {
    expect((await run('migrate')).join('\n')).toMatch(/Applied: /);
    expect(await run('migrate')).toContain('No pending migrations.');
  });

  it('seeds an empty registry once', async () => {
    expect((await run('seed')).join('\n')).toMatch(/Seeded \d{3} demo applicants\./);
    expect(await run('seed')).toContain('The registry already holds applicants; nothing seeded.');
  });
});
