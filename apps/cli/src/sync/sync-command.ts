import {
  createLandPlanningAdapter,
  createProjectApprovalAdapter,
  createSocialInsuranceAdapter,
  createTaxAdapter,
  readLandPlanningConfig,
  readProjectApprovalConfig,
  readSocialInsuranceConfig,
  readTaxConfig,
} from '@oncegate/adapters';
import {
  loadDepartmentRecordsSpec,
  loadGoldenCatalogue,
  RegistryResolver,
  runMigrations,
} from '@oncegate/registry';
import { DEMO_SOCIAL_INSURANCE_CREDENTIALS } from '@oncegate/simulators';
import { DepartmentSync, type ChangeFeed } from '@oncegate/sync';
import { InvalidArgumentError, type Command } from 'commander';
import type { DataSource } from 'typeorm';
import { describeIngest } from '../ingest-report';

type Output = (line: string) => void;

export interface SyncCommandOptions {
  simPortBase?: number;
  pageSize: number;
  maxRecords?: number;
  spec?: string;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a whole number, 1 or more');
  return n;
}

/** The department settings: the environment, or the local `npm run sim` on `--sim-port-base`. */
function departmentEnv(
  env: Readonly<Record<string, string | undefined>>,
  simPortBase: number | undefined,
): Record<string, string | undefined> {
  if (simPortBase === undefined) return { ...env };
  const url = (k: number) => `http://127.0.0.1:${simPortBase + k}`;
  return {
    ...env,
    PROJECT_APPROVAL_URL: url(0),
    LAND_PLANNING_URL: url(1),
    TAX_URL: url(2),
    SOCIAL_INSURANCE_URL: url(3),
    SOCIAL_INSURANCE_APP_KEY: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey,
    SOCIAL_INSURANCE_APP_SECRET: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret,
  };
}

/** One change feed per configured department, and how to close their connections. */
export function changeFeeds(env: Readonly<Record<string, string | undefined>>): {
  feeds: ChangeFeed[];
  close: () => Promise<void>;
} {
  const closers: (() => Promise<void>)[] = [];
  const feeds: ChangeFeed[] = [];
  const add = <T extends { changes: ChangeFeed['changes']; close(): Promise<void> }>(
    system: string,
    adapter: T | null,
  ) => {
    if (!adapter) return;
    feeds.push({ system, changes: (after, limit) => adapter.changes(after, limit) });
    closers.push(() => adapter.close());
  };
  const pa = readProjectApprovalConfig(env);
  add('project-approval', pa && createProjectApprovalAdapter(pa));
  const lp = readLandPlanningConfig(env);
  add('land-planning', lp && createLandPlanningAdapter(lp));
  const tax = readTaxConfig(env);
  add('tax', tax && createTaxAdapter(tax));
  const si = readSocialInsuranceConfig(env);
  add('social-insurance', si && createSocialInsuranceAdapter(si));
  return { feeds, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}

export async function runSync(
  dataSource: DataSource,
  options: SyncCommandOptions,
  env: Readonly<Record<string, string | undefined>>,
  out: Output,
): Promise<void> {
  const { feeds, close } = changeFeeds(departmentEnv(env, options.simPortBase));
  if (feeds.length === 0)
    throw new InvalidArgumentError(
      'no department is configured: set <DEPT>_URL (PROJECT_APPROVAL_URL, LAND_PLANNING_URL, TAX_URL, SOCIAL_INSURANCE_URL) or give --sim-port-base',
    );
  try {
    await runMigrations(dataSource);
    const resolver = new RegistryResolver(dataSource, {
      spec: loadDepartmentRecordsSpec(options.spec),
      catalogue: loadGoldenCatalogue(),
    });
    const started = Date.now();
    const report = await new DepartmentSync(resolver, feeds, {
      pageSize: options.pageSize,
      maxRecordsPerRun: options.maxRecords,
    }).run('cli:sync');
    if (report.skipped) {
      out('Another sync is running against this database; nothing done.');
      return;
    }
    out(
      `Read: ${Object.entries(report.read)
        .map(([system, n]) => `${system} ${n}`)
        .join(', ')}`,
    );
    const i = report.ingest;
    out(i === null ? 'Nothing changed since the last sync.' : describeIngest(i));
    out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await close();
  }
}

export function addSyncCommand(
  program: Command,
  withDatabase: <T>(work: (dataSource: DataSource) => Promise<T>) => Promise<T>,
  env: Readonly<Record<string, string | undefined>>,
  out: Output,
): void {
  program
    .command('sync')
    .description(
      "read every department's changes since the last sync (the first run is the bulk load) and resolve them into applicants",
    )
    .option(
      '--sim-port-base <port>',
      'read from `npm run sim` on this port and the three after it (4101 by default there)',
      wholeNumber,
    )
    .option('--page-size <n>', 'records per page asked of a department (≤ 500)', wholeNumber, 500)
    .option(
      '--max-records <n>',
      'at most this many records per department in this run',
      wholeNumber,
    )
    .option(
      '--spec <spec.json>',
      'comparison spec (default libs/matching/specs/department-records.json)',
    )
    .action(async (options: SyncCommandOptions) => {
      await withDatabase((dataSource) => runSync(dataSource, options, env, out));
    });
}
