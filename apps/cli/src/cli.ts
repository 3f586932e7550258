import { generateDemoApplicants } from '@oncegate/demo';
import {
  ApplicantRepository,
  databaseOptionsFromUrl,
  databaseUrlFromEnv,
  describeDatabase,
  runMigrations,
  seedIfEmpty,
} from '@oncegate/registry';
import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { addAuditCommand } from './audit/audit-command';
import { addConsumersCommand } from './consumers/consumers-command';
import { addImportCommand } from './import/import-command';
import { addMatchCommand } from './match/match-command';
import { cliEnvironment } from './cli.config';
import { addSyncCommand } from './sync/sync-command';

type Output = (line: string) => void;

async function withDatabase<T>(
  url: string | undefined,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(databaseOptionsFromUrl(url));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The command tree, separate from `main.ts` so tests can run it in-process. */
export function buildCli(
  program: Command,
  out: Output = (l) => process.stdout.write(`${l}\n`),
): Command {
  program
    .name('oncegate')
    .description(
      'OnceGate administration: database migrations, demo data, consumers and API keys, the audit trail, department sync, importing department records, record matching',
    )
    .option(
      '--database-url <url>',
      'database URL (default: $DATABASE_URL, else var/oncegate.sqlite)',
    )
    .showHelpAfterError();

  const url = (): string | undefined =>
    program.opts<{ databaseUrl?: string }>().databaseUrl ?? databaseUrlFromEnv();

  program
    .command('migrate')
    .description('apply pending migrations (run once before rolling out several gateway replicas)')
    .action(async () => {
      out(`Database: ${describeDatabase(url())}`);
      const applied = await withDatabase(url(), runMigrations);
      out(applied.length === 0 ? 'No pending migrations.' : `Applied: ${applied.join(', ')}`);
    });

  program
    .command('seed')
    .description(
      'load the demo applicants into an empty registry (never touches one that has data)',
    )
    .action(async () => {
      out(`Database: ${describeDatabase(url())}`);
      const result = await withDatabase(url(), async (dataSource) => {
        await runMigrations(dataSource);
        return seedIfEmpty(new ApplicantRepository(dataSource), generateDemoApplicants());
      });
      out(
        result.stoppedBecause === 'NOT_EMPTY'
          ? 'The registry already holds applicants; nothing seeded.'
          : `Seeded ${result.seeded} demo applicants.`,
      );
    });

  addConsumersCommand(program, (work) => withDatabase(url(), work), out);
  addAuditCommand(program, (work) => withDatabase(url(), work), cliEnvironment(), out);
  addImportCommand(program, (work) => withDatabase(url(), work), out);
  addMatchCommand(program, out);
  addSyncCommand(program, (work) => withDatabase(url(), work), cliEnvironment(), out);

  return program;
}
