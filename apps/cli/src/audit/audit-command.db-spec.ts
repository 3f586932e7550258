import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519PrivateKey, sha256Hex, signAnchor, type ExchangeFacts } from '@oncegate/audit';
import { AuditRepository, databaseOptionsFromUrl } from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { runCli } from '../testing/run-cli';

function facts(k: number): ExchangeFacts {
  return {
    at: new Date(Date.UTC(2026, 11, 7, 3, 0, k)).toISOString(),
    requestId: `r${k}`,
    consumer: 'tax-core',
    userId: null,
    purpose: 'TAX_ADMINISTRATION',
    caseId: null,
    kind: 'QUERY',
    operationName: 'Read',
    documentHash: sha256Hex('query Read { x }'),
    applicants: ['00000000-0000-4000-8000-000000000001'],
    dataItems: ['tax.registration'],
    departments: ['tax'],
    outcome: 'OK',
    errorCodes: [],
    durationMs: 5,
  };
}

describe('oncegate audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-audit-'));
  const url = `sqlite:${join(dir, 'audit.sqlite')}`;
  const run = (...args: string[]) => runCli(url, ...args);
  let dataSource: DataSource;

  beforeAll(async () => {
    await run('migrate');
    dataSource = new DataSource(databaseOptionsFromUrl(url));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = 0;
  });

  it('makes a key pair, and verifies the chain and its anchors in the database', async () => {
    const lines = await run('audit', 'keygen', '--out-dir', dir);
    expect(lines.join('\n')).toContain('audit-signing.pub.pem');
    expect(statSync(join(dir, 'audit-signing.key')).mode & 0o777).toBe(0o600);
    const repository = new AuditRepository(dataSource);
    const records = await repository.append(Array.from({ length: 30 }, (_, k) => facts(k)));
    const key = ed25519PrivateKey(readFileSync(join(dir, 'audit-signing.key'), 'utf8'));
    await repository.addAnchor(signAnchor(key, 20, records[19].hash, '2026-12-07T03:01:00.000Z'));
    await repository.addAnchor(signAnchor(key, 30, records[29].hash, '2026-12-07T03:02:00.000Z'));
    const verified = await run(
      'audit',
      'verify',
      '--public-key',
      join(dir, 'audit-signing.pub.pem'),
    );
    expect(verified).toEqual([
      'Intact: 30 records verified, 2 anchors with valid signatures.',
      'Signed up to record 30.',
    ]);
    expect(
      (
        await run(
          'audit',
          'verify',
          '--from',
          '11',
          '--to',
          '25',
          '--public-key',
          join(dir, 'audit-signing.pub.pem'),
        )
      )[0],
    ).toBe('Intact: 15 records verified, 1 anchor with valid signatures.');
  });

  it('exports a range that verifies offline, and names an edit made to the export', async () => {
    const out = join(dir, 'export.jsonl');
    await run('audit', 'export', '--from', '5', '--to', '30', '--out', out);
    const pub = join(dir, 'audit-signing.pub.pem');
    expect((await run('audit', 'verify', '--file', out, '--public-key', pub))[0]).toBe(
      'Intact: 26 records verified, 2 anchors with valid signatures.',
    );
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const edited = JSON.parse(lines[3]) as Record<string, unknown>;
    edited.consumer = 'someone-else';
    lines[3] = JSON.stringify(edited);
    writeFileSync(out, `${lines.join('\n')}\n`);
    expect((await run('audit', 'verify', '--file', out, '--public-key', pub))[0]).toMatch(
      /^BROKEN at record 7: RECORD_ALTERED/,
    );
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });

  it('names a row deleted from the database', async () => {
    await dataSource.query('DELETE FROM audit_records WHERE seq = 12');
    const lines = await run('audit', 'verify', '--public-key', join(dir, 'audit-signing.pub.pem'));
    expect(lines[0]).toMatch(/^BROKEN at record 13: SEQUENCE_GAP/);
    expect(lines[1]).toBe('11 records before it verified.');
    process.exitCode = 0;
  });
});

describe('oncegate audit prune (retention)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-retention-'));
  const url = `sqlite:${join(dir, 'audit.sqlite')}`;
  const archives = join(dir, 'archive');
  const run = (...args: string[]) => runCli(url, ...args);
  const keys = () => ['--public-key', join(dir, 'audit-signing.pub.pem')];
  let dataSource: DataSource;
  let repository: AuditRepository;

  /** `n` records written `daysAgo` days ago. */
  const written = (n: number, daysAgo: number, from: number) =>
    Array.from({ length: n }, (_, k) => ({
      ...facts(from + k),
      at: new Date(Date.now() - daysAgo * 86_400_000 + k * 1000).toISOString(),
    }));

  beforeAll(async () => {
    await run('migrate');
    await run('audit', 'keygen', '--out-dir', dir);
    dataSource = new DataSource(databaseOptionsFromUrl(url));
    await dataSource.initialize();
    repository = new AuditRepository(dataSource);
    const key = ed25519PrivateKey(readFileSync(join(dir, 'audit-signing.key'), 'utf8'));
    const old = await repository.append(written(20, 400, 0));
    await repository.addAnchor(signAnchor(key, 10, old[9].hash, old[9].at));
    const recent = await repository.append(written(10, 2, 20));
    await repository.addAnchor(signAnchor(key, 30, recent[9].hash, recent[9].at));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = 0;
  });

  it('archives the old records, verifies the archive, declares the removal in the chain, then removes them', async () => {
    const lines = await run(
      'audit',
      'prune',
      '--older-than-days',
      '365',
      '--archive-dir',
      archives,
      '--by',
      'auditor-1',
    );
    const archive = join(archives, 'oncegate-audit-1-20.jsonl');
    expect(lines).toEqual([
      `Archived records 1–20 and 1 anchor to ${archive} (verified).`,
      'Removed 20 records; the stored chain now starts after record 20, as its RETENTION record declares.',
    ]);
    expect(await repository.range(1, 20, 100)).toEqual([]);
    expect(await repository.base()).toEqual({ seq: 20, hash: expect.any(String) });
    const declared = await repository.record(31);
    expect(declared).toMatchObject({ kind: 'RETENTION', caseId: '1-20', userId: 'auditor-1' });
    const side = await dataSource.query<{ n: number }[]>(
      'SELECT COUNT(*) AS n FROM audit_record_applicants WHERE seq <= 20',
    );
    expect(Number(side[0].n)).toBe(0);

    // The database verifies from its base; the archive verifies offline on its own.
    expect(await run('audit', 'verify', ...keys())).toEqual([
      'Intact: 11 records verified, 1 anchor with valid signatures.',
      'Signed up to record 30.',
    ]);
    expect((await run('audit', 'verify', '--file', archive, ...keys()))[0]).toBe(
      'Intact: 20 records verified, 1 anchor with valid signatures.',
    );
    // The archive and an export of the rest verify as one chain, in order.
    const rest = join(dir, 'rest.jsonl');
    await run('audit', 'export', '--out', rest);
    expect((await run('audit', 'verify', '--file', archive, rest, ...keys()))[0]).toBe(
      'Intact: 31 records verified, 2 anchors with valid signatures.',
    );
    expect((await run('audit', 'verify', '--file', rest, archive, ...keys()))[0]).toMatch(
      /^BROKEN at record 32: CHAIN_BROKEN — .*rest\.jsonl/,
    );
    process.exitCode = 0;
    // Nothing more is old enough.
    expect(
      await run('audit', 'prune', '--older-than-days', '365', '--archive-dir', archives),
    ).toEqual(['Nothing older than 365 days to remove.']);
    await expect(run('audit', 'verify', '--from', '5')).rejects.toThrow(
      /removed by retention; verify them in its archives/,
    );
  });

  it('names records removed with SQL beyond what retention declared', async () => {
    const record = await repository.record(25);
    await dataSource.query('DELETE FROM audit_records WHERE seq <= 25');
    await dataSource.query("UPDATE audit_head SET seq = 25, hash = ? WHERE name = 'base'", [
      record!.hash,
    ]);
    const lines = await run('audit', 'verify', ...keys());
    expect(lines[0]).toMatch(/^BROKEN at record 25: PRUNE_UNDECLARED/);
    expect(process.exitCode).toBe(1);
    process.exitCode = 0;
  });
});
