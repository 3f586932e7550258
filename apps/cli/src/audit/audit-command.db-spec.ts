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
