import { consumerInputProblems, describeKey, issueApiKey } from '@oncegate/access';
import { ConsumerRepository, runMigrations, type StoredConsumer } from '@oncegate/registry';
import { InvalidArgumentError, type Command } from 'commander';
import type { DataSource } from 'typeorm';

type Output = (line: string) => void;
type WithDatabase = <T>(work: (dataSource: DataSource) => Promise<T>) => Promise<T>;

/** `30d`, `12h`, `90m`, `0`: a duration in milliseconds. */
export function duration(value: string): number {
  const match = /^(\d+)([dhm]?)$/.exec(value.trim());
  if (!match)
    throw new InvalidArgumentError(
      'must be a whole number of days (30d), hours (12h) or minutes (90m)',
    );
  const n = Number(match[1]);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, '': 86_400_000 }[
    match[2] as 'd' | 'h' | 'm' | ''
  ];
  return n * unit;
}

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

function showKey(out: Output, key: string, expiresAt: Date | null): void {
  out('');
  out(`API key (shown once; only its hash is stored): ${key}`);
  out(
    expiresAt
      ? `It expires at ${expiresAt.toISOString()}.`
      : 'It does not expire; rotate it regularly.',
  );
  out('Send it as: Authorization: Bearer <key>, with X-Purpose: <purpose code>.');
}

function line(c: StoredConsumer, liveKeys: string[]): string {
  const state = c.revokedAt
    ? `revoked ${c.revokedAt.toISOString()} (${c.revokedReason ?? ''})`
    : 'active';
  return [
    c.name.padEnd(24),
    c.roles.join(',').padEnd(20),
    (c.department ?? '-').padEnd(18),
    state.padEnd(10),
    liveKeys.length > 0 ? liveKeys.join(' ') : 'no live key',
  ].join(' ');
}

/**
 * `oncegate consumers add|list|rotate|revoke`: the systems that may call the
 * gateway. A key is printed once, when it is made; the database keeps its
 * SHA-256 only.
 */
export function addConsumersCommand(
  program: Command,
  withDatabase: WithDatabase,
  out: Output,
): void {
  const consumers = program
    .command('consumers')
    .description('the systems that may call the gateway, and their API keys');

  consumers
    .command('add <name>')
    .description('register a consumer and print its first API key (once)')
    .requiredOption(
      '--role <role>',
      'department, eservice, steward, auditor or admin (repeat or comma-separate)',
      collect,
      [],
    )
    .option(
      '--department <department>',
      'project-approval, land-planning, tax or social-insurance (required with --role department)',
    )
    .option('--description <text>', 'what the system is, who runs it')
    .option(
      '--expires-in <duration>',
      'the key expires after this long (30d, 12h); default: never',
      duration,
    )
    .action(
      async (
        name: string,
        opts: { role: string[]; department?: string; description?: string; expiresIn?: number },
      ) => {
        const input = { name, roles: opts.role, department: opts.department ?? null };
        const problems = consumerInputProblems(input);
        if (problems.length > 0) throw new Error(problems.join('; '));
        const issued = issueApiKey();
        const expiresAt =
          opts.expiresIn !== undefined ? new Date(Date.now() + opts.expiresIn) : null;
        const created = await withDatabase(async (dataSource) => {
          await runMigrations(dataSource);
          return new ConsumerRepository(dataSource).create(
            { ...input, description: opts.description ?? null },
            { keyId: issued.keyId, secretHash: issued.secretHash, expiresAt },
          );
        });
        out(
          `Consumer ${created.name} (${created.roles.join(', ')}${created.department ? `, ${created.department}` : ''}) registered.`,
        );
        showKey(out, issued.key, expiresAt);
      },
    );

  consumers
    .command('list')
    .description('every consumer, its roles, department, state and live keys (ids only)')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { json?: boolean }) => {
      const now = Date.now();
      const rows = await withDatabase(async (dataSource) => {
        await runMigrations(dataSource);
        const repository = new ConsumerRepository(dataSource);
        const all = await repository.list();
        return Promise.all(
          all.map(async (c) => ({
            consumer: c,
            keys: (await repository.keysOf(c.id)).filter(
              (k) => !k.revokedAt && (!k.expiresAt || k.expiresAt.getTime() > now),
            ),
          })),
        );
      });
      if (opts.json) {
        for (const { consumer, keys } of rows)
          out(
            JSON.stringify({
              ...consumer,
              liveKeys: keys.map((k) => ({ keyId: k.keyId, expiresAt: k.expiresAt })),
            }),
          );
        return;
      }
      if (rows.length === 0) {
        out('No consumers. Add one with: oncegate consumers add <name> --role <role>');
        return;
      }
      out(
        [
          'name'.padEnd(24),
          'roles'.padEnd(20),
          'department'.padEnd(18),
          'state'.padEnd(10),
          'live keys',
        ].join(' '),
      );
      for (const { consumer, keys } of rows)
        out(
          line(
            consumer,
            keys.map(
              (k) =>
                describeKey(k.keyId) + (k.expiresAt ? ` (until ${k.expiresAt.toISOString()})` : ''),
            ),
          ),
        );
    });

  consumers
    .command('rotate <name>')
    .description("print a new API key (once); the consumer's other keys stop working after --grace")
    .option('--grace <duration>', 'how long the old keys keep working (0, 12h, 7d)', duration, 0)
    .option(
      '--expires-in <duration>',
      'the new key expires after this long; default: never',
      duration,
    )
    .action(async (name: string, opts: { grace: number; expiresIn?: number }) => {
      const issued = issueApiKey();
      const expiresAt = opts.expiresIn !== undefined ? new Date(Date.now() + opts.expiresIn) : null;
      await withDatabase(async (dataSource) => {
        await runMigrations(dataSource);
        await new ConsumerRepository(dataSource).rotate(
          name,
          { keyId: issued.keyId, secretHash: issued.secretHash, expiresAt },
          opts.grace,
        );
      });
      out(
        opts.grace === 0
          ? `New key for ${name}; the old keys no longer work.`
          : `New key for ${name}; the old keys work until ${new Date(Date.now() + opts.grace).toISOString()}.`,
      );
      showKey(out, issued.key, expiresAt);
    });

  consumers
    .command('revoke <name>')
    .description('revoke a consumer and all its keys (kept, for the audit trail)')
    .requiredOption('--reason <text>', 'why (kept with the consumer)')
    .action(async (name: string, opts: { reason: string }) => {
      if (opts.reason.trim() === '') throw new Error('--reason must say why');
      await withDatabase(async (dataSource) => {
        await runMigrations(dataSource);
        await new ConsumerRepository(dataSource).revoke(name, opts.reason.trim());
      });
      out(`Consumer ${name} revoked; its keys no longer work.`);
    });
}
