import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ChainVerifier,
  ed25519PrivateKey,
  ed25519PublicKey,
  GENESIS_HASH,
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

/** The public key: `--public-key <file>` (PEM), else derived from AUDIT_SIGNING_KEY; null when neither is there. */
function publicKeyFrom(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): KeyObject | null {
  if (file) return ed25519PublicKey(readFileSync(file, 'utf8'));
  const signing = env.AUDIT_SIGNING_KEY;
  if (!signing) return null;
  const pem = signing.startsWith('file:')
    ? readFileSync(signing.slice(5), 'utf8')
    : signing.replace(/\\n/g, '\n');
  return createPublicKey(ed25519PrivateKey(pem));
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

/** Reads an export: a start line, then records and anchors, one JSON object per line. */
async function verifyFile(file: string, publicKey: KeyObject | null): Promise<VerificationResult> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let start: { seq: number; hash: string } | null = null;
  const records: AuditRecord[] = [];
  const anchors: AuditAnchor[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as { type: string } & Record<string, unknown>;
    const { type, ...rest } = entry;
    if (type === 'start')
      start = typeof rest.hash === 'string' ? { seq: Number(rest.seq), hash: rest.hash } : null;
    else if (type === 'record') records.push(rest as unknown as AuditRecord);
    else if (type === 'anchor') anchors.push(rest as unknown as AuditAnchor);
  }
  const verifier = new ChainVerifier(publicKey, start, anchors);
  for (const record of records) if (!verifier.push(record)) break;
  return verifier.result();
}

/**
 * The records `--from`/`--to` name (default: the whole chain, up to its head)
 * and where they start: the genesis, or the record before them (null if it
 * is missing — the first record then cannot be linked).
 */
async function openRange(
  dataSource: DataSource,
  opts: { from?: number; to?: number },
): Promise<{
  repository: AuditRepository;
  from: number;
  to: number;
  start: { seq: number; hash: string } | null;
}> {
  await runMigrations(dataSource);
  const repository = new AuditRepository(dataSource);
  const head = await repository.head();
  const from = opts.from ?? 1;
  const to = Math.min(opts.to ?? head.seq, head.seq);
  if (from === 1) return { repository, from, to, start: { seq: 0, hash: GENESIS_HASH } };
  const before = await repository.record(from - 1);
  return { repository, from, to, start: before ? { seq: before.seq, hash: before.hash } : null };
}

/**
 * `oncegate audit verify|export|keygen`: check the chain in the database (or
 * an export, offline, with only the public key), write a range as JSON
 * lines that verify on their own, and make a signing key pair.
 */
export function addAuditCommand(
  program: Command,
  withDatabase: WithDatabase,
  env: Readonly<Record<string, string | undefined>>,
  out: Output,
): void {
  const audit = program.command('audit').description('the audit trail: verify, export, keys');

  audit
    .command('verify')
    .description(
      'check the chain (every hash, link and anchor signature) and name the first broken record',
    )
    .option('--from <seq>', 'first record (default 1)', seqNumber)
    .option('--to <seq>', 'last record (default: the head)', seqNumber)
    .option('--file <export.jsonl>', 'verify an export instead of the database (offline)')
    .option(
      '--public-key <pem>',
      'the anchors’ public key (default: derived from AUDIT_SIGNING_KEY)',
    )
    .action(async (opts: { from?: number; to?: number; file?: string; publicKey?: string }) => {
      const publicKey = publicKeyFrom(opts.publicKey, env);
      const result = opts.file
        ? await verifyFile(opts.file, publicKey)
        : await withDatabase(async (dataSource) => {
            const { repository, from, to, start } = await openRange(dataSource, opts);
            const verifier = new ChainVerifier(
              publicKey,
              start,
              await repository.anchors(from, to),
            );
            for (let at = from; at <= to; at += PAGE) {
              const page = await repository.range(at, Math.min(to, at + PAGE - 1), PAGE);
              if (!page.every((r) => verifier.push(r))) break;
            }
            return verifier.result();
          });
      report(out, result, publicKey !== null);
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('export')
    .description('write records and anchors as JSON lines that verify offline with the public key')
    .requiredOption('--out <file>', 'where to write (JSON lines)')
    .option('--from <seq>', 'first record (default 1)', seqNumber)
    .option('--to <seq>', 'last record (default: the head)', seqNumber)
    .action(async (opts: { out: string; from?: number; to?: number }) => {
      const written = await withDatabase(async (dataSource) => {
        const { repository, from, to, start } = await openRange(dataSource, opts);
        const file = createWriteStream(opts.out, { encoding: 'utf8' });
        const write = (entry: object) =>
          new Promise<void>((resolve, reject) =>
            file.write(`${JSON.stringify(entry)}\n`, (e) => (e ? reject(e) : resolve())),
          );
        await write({ type: 'start', seq: from - 1, hash: start?.hash ?? null });
        let records = 0;
        for (let at = from; at <= to; at += PAGE) {
          for (const record of await repository.range(at, Math.min(to, at + PAGE - 1), PAGE)) {
            await write({ type: 'record', ...record });
            records += 1;
          }
        }
        const anchors = await repository.anchors(from, to);
        for (const anchor of anchors) await write({ type: 'anchor', ...anchor });
        await new Promise<void>((resolve) => file.end(resolve));
        return { records, anchors: anchors.length, from, to };
      });
      out(
        `Wrote records ${written.from}–${written.to} (${written.records}) and ${written.anchors} anchors to ${opts.out}.`,
      );
      out(
        `Anyone can check it: oncegate audit verify --file ${opts.out} --public-key <public.pem>`,
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
