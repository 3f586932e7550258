import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ChainVerifier,
  ed25519PublicKeys,
  retentionFacts,
  verifyingKeysFromSettings,
  type AuditAnchor,
  type AuditRecord,
  type VerificationResult,
} from '@oncegate/audit';
import { AuditRepository, runMigrations } from '@oncegate/registry';
import { InvalidArgumentError, type Command } from 'commander';
import type { DataSource } from 'typeorm';

type Output = (line: string) => void;
type WithDatabase = <T>(work: (dataSource: DataSource) => Promise<T>) => Promise<T>;

const PAGE = 5_000;

function seqNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a record number, 1 or more');
  return n;
}

/**
 * The anchors' public keys: `--public-key <file>` (each a PEM file, which may
 * hold several keys), else AUDIT_PUBLIC_KEYS (PEM or `file:<path>`) and the
 * key derived from AUDIT_SIGNING_KEY; none when nothing is configured.
 */
function publicKeysFrom(
  files: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>>,
): KeyObject[] {
  if (files && files.length > 0)
    return files.flatMap((f) => ed25519PublicKeys(readFileSync(f, 'utf8')));
  return verifyingKeysFromSettings({
    publicKeys: env.AUDIT_PUBLIC_KEYS,
    signingKey: env.AUDIT_SIGNING_KEY,
  });
}

function report(out: Output, result: VerificationResult, signed: boolean): void {
  if (result.ok) {
    const anchors = `${result.anchors} anchor${result.anchors === 1 ? '' : 's'}`;
    out(
      `Intact: ${result.records} records verified, ${anchors}${signed ? ' with valid signatures' : ' (no public key: signatures not checked)'}.`,
    );
    if (result.lastAnchoredSeq !== null) out(`Signed up to record ${result.lastAnchoredSeq}.`);
    return;
  }
  const b = result.firstBreak!;
  out(`BROKEN at record ${b.seq}: ${b.reason} — ${b.detail}.`);
  out(`${result.records} records before it verified.`);
}

interface ExportEntry {
  type: string;
  [field: string]: unknown;
}

async function* entriesOf(file: string): AsyncGenerator<ExportEntry> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as ExportEntry;
}

function startOf(entry: ExportEntry): { seq: number; hash: string } | null {
  return typeof entry.hash === 'string' ? { seq: Number(entry.seq), hash: entry.hash } : null;
}

/**
 * Verifies exports, offline: one, or several in order (archives of retention
 * runs, then a recent export), each of which must start where the one
 * before ends. An export is a start line (the record before it), then
 * records and anchors, one JSON object per line. Read twice, so that a file
 * of any size is streamed: once for the anchors, once for the records.
 */
async function verifyFiles(
  files: readonly string[],
  publicKeys: readonly KeyObject[],
): Promise<VerificationResult> {
  const anchors: AuditAnchor[] = [];
  const starts: ({ seq: number; hash: string } | null)[] = [];
  for (const file of files) {
    let start: { seq: number; hash: string } | null = null;
    for await (const { type, ...rest } of entriesOf(file)) {
      if (type === 'start') start = startOf({ type, ...rest });
      else if (type === 'anchor') anchors.push(rest as unknown as AuditAnchor);
    }
    starts.push(start);
  }
  const verifier = new ChainVerifier(publicKeys, starts[0], anchors);
  for (const [i, file] of files.entries()) {
    const last = verifier.last;
    const start = starts[i];
    if (i > 0 && (!start || !last || start.seq !== last.seq || start.hash !== last.hash)) {
      return {
        ...verifier.result(),
        ok: false,
        firstBreak: {
          seq: (last?.seq ?? 0) + 1,
          reason: 'CHAIN_BROKEN',
          detail: `${file} does not start where ${files[i - 1]} ends (record ${last?.seq ?? '?'})`,
        },
      };
    }
    for await (const { type, ...rest } of entriesOf(file))
      if (type === 'record' && !verifier.push(rest as unknown as AuditRecord))
        return verifier.result();
  }
  return verifier.result();
}

/**
 * The records `--from`/`--to` name (default: the stored chain, from its
 * base to its head) and where they start: the base, or the record before
 * them. Records a retention run removed are in its archives, not here.
 */
async function openRange(
  dataSource: DataSource,
  opts: { from?: number; to?: number },
): Promise<{
  repository: AuditRepository;
  from: number;
  to: number;
  start: { seq: number; hash: string } | null;
  startsAtBase: boolean;
}> {
  await runMigrations(dataSource);
  const repository = new AuditRepository(dataSource);
  const head = await repository.head();
  const base = await repository.base();
  const from = opts.from ?? base.seq + 1;
  if (from <= base.seq)
    throw new Error(
      `records up to ${base.seq} were removed by retention; verify them in its archives (audit verify --file)`,
    );
  const to = Math.min(opts.to ?? head.seq, head.seq);
  if (from === base.seq + 1) return { repository, from, to, start: base, startsAtBase: true };
  const before = await repository.record(from - 1);
  return {
    repository,
    from,
    to,
    start: before ? { seq: before.seq, hash: before.hash } : null,
    startsAtBase: false,
  };
}

/** Writes records `from`–`to` with their anchors as an export (JSON lines), synced to disk. */
async function writeExport(
  repository: AuditRepository,
  range: { from: number; to: number; start: { seq: number; hash: string } | null },
  path: string,
): Promise<{ records: number; anchors: number }> {
  const file = createWriteStream(path, { encoding: 'utf8' });
  const write = (entry: object) =>
    new Promise<void>((resolve, reject) =>
      file.write(`${JSON.stringify(entry)}\n`, (e) => (e ? reject(e) : resolve())),
    );
  await write({ type: 'start', seq: range.from - 1, hash: range.start?.hash ?? null });
  let records = 0;
  for (let at = range.from; at <= range.to; at += PAGE) {
    for (const record of await repository.range(at, Math.min(range.to, at + PAGE - 1), PAGE)) {
      await write({ type: 'record', ...record });
      records += 1;
    }
  }
  const anchors = await repository.anchors(range.from, range.to);
  for (const anchor of anchors) await write({ type: 'anchor', ...anchor });
  await new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.end(resolve);
  });
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { records, anchors: anchors.length };
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a whole number, 1 or more');
  return n;
}

/**
 * `oncegate audit verify|export|prune|keygen`: check the chain in the
 * database (or exports, offline, with only the public keys), write a range
 * as JSON lines that verify on their own, apply retention (archive, verify
 * the archive, declare, remove), and make a signing key pair.
 */
export function addAuditCommand(
  program: Command,
  withDatabase: WithDatabase,
  env: Readonly<Record<string, string | undefined>>,
  out: Output,
): void {
  const audit = program
    .command('audit')
    .description('the audit trail: verify, export, prune (retention), keys');

  audit
    .command('verify')
    .description(
      'check the chain (every hash, link and anchor signature) and name the first broken record',
    )
    .option('--from <seq>', 'first record (default: the first stored)', seqNumber)
    .option('--to <seq>', 'last record (default: the head)', seqNumber)
    .option(
      '--file <export.jsonl...>',
      'verify exports instead of the database, offline (several: in order, each continuing the one before)',
    )
    .option(
      '--public-key <pem...>',
      'the anchors’ public keys (default: AUDIT_PUBLIC_KEYS and the key of AUDIT_SIGNING_KEY)',
    )
    .action(async (opts: { from?: number; to?: number; file?: string[]; publicKey?: string[] }) => {
      const publicKeys = publicKeysFrom(opts.publicKey, env);
      const result = opts.file
        ? await verifyFiles(opts.file, publicKeys)
        : await withDatabase(async (dataSource) => {
            const { repository, from, to, start, startsAtBase } = await openRange(dataSource, opts);
            const verifier = new ChainVerifier(
              publicKeys,
              start,
              await repository.anchors(from, to),
              { startsAtBase },
            );
            for (let at = from; at <= to; at += PAGE) {
              const page = await repository.range(at, Math.min(to, at + PAGE - 1), PAGE);
              if (!page.every((r) => verifier.push(r))) break;
            }
            return verifier.result();
          });
      report(out, result, publicKeys.length > 0);
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('export')
    .description('write records and anchors as JSON lines that verify offline with the public key')
    .requiredOption('--out <file>', 'where to write (JSON lines)')
    .option('--from <seq>', 'first record (default: the first stored)', seqNumber)
    .option('--to <seq>', 'last record (default: the head)', seqNumber)
    .action(async (opts: { out: string; from?: number; to?: number }) => {
      const written = await withDatabase(async (dataSource) => {
        const range = await openRange(dataSource, opts);
        return { ...(await writeExport(range.repository, range, opts.out)), ...range };
      });
      out(
        `Wrote records ${written.from}–${written.to} (${written.records}) and ${written.anchors} anchors to ${opts.out}.`,
      );
      out(
        `Anyone can check it: oncegate audit verify --file ${opts.out} --public-key <public.pem>`,
      );
    });

  audit
    .command('prune')
    .description(
      'retention: archive the records older than the retention period, verify the archive, then remove them from the database',
    )
    .requiredOption('--archive-dir <dir>', 'where the archive (an export) is written first')
    .option(
      '--older-than-days <days>',
      'remove records older than this (default: AUDIT_RETENTION_DAYS)',
      positiveInteger,
    )
    .option('--by <user>', 'who runs it, for the record')
    .action(async (opts: { archiveDir: string; olderThanDays?: number; by?: string }) => {
      const days =
        opts.olderThanDays ??
        (env.AUDIT_RETENTION_DAYS ? positiveInteger(env.AUDIT_RETENTION_DAYS) : undefined);
      if (days === undefined)
        throw new Error('say how long records are kept: --older-than-days or AUDIT_RETENTION_DAYS');
      const publicKeys = publicKeysFrom(undefined, env);
      const cutoff = new Date(Date.now() - days * 86_400_000);
      const done = await withDatabase(async (dataSource) => {
        const range = await openRange(dataSource, {});
        const last = await range.repository.lastSeqBefore(cutoff);
        if (last === null || last < range.from) return null;
        const through = await range.repository.record(last);
        if (!through) throw new Error(`record ${last} is missing`);
        mkdirSync(opts.archiveDir, { recursive: true });
        const archive = join(opts.archiveDir, `oncegate-audit-${range.from}-${last}.jsonl`);
        const partial = `${archive}.partial`;
        const written = await writeExport(range.repository, { ...range, to: last }, partial);
        // Nothing is removed unless the archive verifies on its own.
        const check = await verifyFiles([partial], publicKeys);
        if (!check.ok || check.records !== last - range.from + 1)
          throw new Error(
            `the archive ${partial} does not verify (${check.firstBreak?.reason ?? `${check.records} records`}); nothing was removed`,
          );
        renameSync(partial, archive);
        // The removal is declared inside the chain before anything is removed.
        await range.repository.append([
          retentionFacts(
            { from: range.from, to: last, hash: through.hash },
            new Date().toISOString(),
            { consumer: 'oncegate-cli', userId: opts.by ?? null },
          ),
        ]);
        const removed = await range.repository.removeThrough(last, through.hash);
        return { archive, from: range.from, to: last, removed, anchors: written.anchors };
      });
      if (!done) {
        out(`Nothing older than ${days} days to remove.`);
        return;
      }
      out(
        `Archived records ${done.from}–${done.to} and ${done.anchors} anchor${done.anchors === 1 ? '' : 's'} to ${done.archive} (verified).`,
      );
      out(
        `Removed ${done.removed} records; the stored chain now starts after record ${done.to}, as its RETENTION record declares.`,
      );
    });

  audit
    .command('keygen')
    .description(
      'make an Ed25519 key pair for signing anchors (private key readable by its owner only)',
    )
    .requiredOption('--out-dir <dir>', 'where to write audit-signing.key and audit-signing.pub.pem')
    .action((opts: { outDir: string }) => {
      const privateFile = join(opts.outDir, 'audit-signing.key');
      const publicFile = join(opts.outDir, 'audit-signing.pub.pem');
      if (existsSync(privateFile)) throw new Error(`${privateFile} exists; not overwritten`);
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
      });
      writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
      out(
        `Private key: ${privateFile} (set AUDIT_SIGNING_KEY=file:${privateFile}; keep it secret)`,
      );
      out(`Public key:  ${publicFile} (give it to auditors)`);
    });
}
