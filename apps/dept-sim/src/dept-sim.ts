import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { generateDemoApplicants } from '@oncegate/demo';
import {
  DEPARTMENT_SYSTEMS,
  generateDepartmentData,
  startDepartmentSimulators,
  type DepartmentDataSet,
  type DepartmentSimulators,
  type TruthRow,
} from '@oncegate/simulators';
import type { DepartmentSystem } from '@oncegate/demo';
import { validateFaultPatch, type FaultConfig } from '@oncegate/simulators';
import { InvalidArgumentError, type Command } from 'commander';
import { writeDepartmentExport } from './department-export';

const DEFAULT_PORTS = {
  'project-approval': 4101,
  'land-planning': 4102,
  tax: 4103,
  'social-insurance': 4104,
} as const;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError('must be a whole number, 0 or more');
  return n;
}

function departmentName(value: string): DepartmentSystem {
  if (!(DEPARTMENT_SYSTEMS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `unknown department ${JSON.stringify(value)} (one of ${DEPARTMENT_SYSTEMS.join(', ')})`,
    );
  }
  return value as DepartmentSystem;
}

/** `--load tax=export.xml`, repeatable. */
function loadOption(
  value: string,
  previous: Partial<Record<DepartmentSystem, string>>,
): Partial<Record<DepartmentSystem, string>> {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError('expected <department>=<file>');
  return { ...previous, [departmentName(value.slice(0, at))]: value.slice(at + 1) };
}

/** `--faults '{"tax":{"latencyMs":50,"errorRate":0.1}}'` */
function faultsOption(value: string): Partial<Record<DepartmentSystem, Partial<FaultConfig>>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected JSON: {"<department>": {"latencyMs": 5, …}}');
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new InvalidArgumentError('expected a JSON object');
  const out: Partial<Record<DepartmentSystem, Partial<FaultConfig>>> = {};
  for (const [department, patch] of Object.entries(parsed)) {
    try {
      out[departmentName(department)] = validateFaultPatch(patch);
    } catch (error) {
      throw new InvalidArgumentError(
        `${department}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return out;
}

/** Writes `system,local_id,applicant_key` for every record, streaming (a million rows are fine). */
async function writeTruth(path: string, truth: Iterable<TruthRow>): Promise<void> {
  const out = createWriteStream(path);
  out.write('system,local_id,applicant_key\n');
  for (const row of truth) {
    if (!out.write(`${row.system},${row.localId},${row.applicantKey}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The truth rows of generated data, as `startDepartmentSimulators` lists them. */
function* truthRowsOf(data: DepartmentDataSet): Generator<TruthRow> {
  for (const system of DEPARTMENT_SYSTEMS) {
    for (const row of data[system]?.truth ?? []) yield { system, ...row };
  }
}

const thousands = new Intl.NumberFormat('en-US');

/**
 * `npm run sim`: the four simulated department systems on ports 4101–4104
 * (or `--port-base`), with data for `--applicants` people and enterprises.
 * With `--export <dir>` it first writes every department record in one common
 * table for the matcher; `--export-only` stops there (resolves to `undefined`).
 */
export async function runDeptSim(
  program: Command,
  argv: string[],
): Promise<DepartmentSimulators | undefined> {
  program
    .name('dept-sim')
    .description(
      'The four simulated county department systems, each on its own port, speaking its own contract',
    )
    .option('--seed <n>', 'seed of the generated data', positiveInt, 20261125)
    .option(
      '--applicants <n>',
      'people and enterprises in the population (2:1); up to 1,000,000',
      positiveInt,
      360,
    )
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option(
      '--port-base <n>',
      'first port: project-approval, land-planning, tax, social-insurance follow',
      positiveInt,
      4101,
    )
    .option('--latency <ms>', 'added latency of every department', positiveInt, 0)
    .option(
      '--faults <json>',
      'faults per department, e.g. \'{"tax":{"errorRate":0.1}}\'',
      faultsOption,
      {},
    )
    .option(
      '--load <department=file>',
      'serve a department from an export in its contract format (repeatable)',
      loadOption,
      {},
    )
    .option(
      '--truth <file>',
      'write the ground truth (which records are the same applicant) as CSV',
    )
    .option(
      '--export <dir>',
      `write every department's records in one common table for the matcher: <dir>/department-records.csv and <dir>/truth.csv`,
    )
    .option('--export-only', 'exit after --export instead of serving')
    .parse(argv);
  const opts = program.opts<{
    seed: number;
    applicants: number;
    host: string;
    portBase: number;
    latency: number;
    truth?: string;
    export?: string;
    exportOnly?: boolean;
    faults: Partial<Record<DepartmentSystem, Partial<FaultConfig>>>;
    load: Partial<Record<DepartmentSystem, string>>;
  }>();
  if (opts.applicants > 1_000_000) throw new Error('--applicants is at most 1,000,000');
  if (opts.exportOnly && !opts.export) throw new Error('--export-only needs --export <dir>');
  const enterprises = Math.round(opts.applicants / 3);
  const started = Date.now();
  const population = generateDemoApplicants({
    seed: opts.seed,
    persons: opts.applicants - enterprises,
    enterprises,
  });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (opts.export) {
    const exportStarted = Date.now();
    // Departments served from a file have no ground truth, so they are left out of the export.
    const generated = DEPARTMENT_SYSTEMS.filter((d) => !opts.load[d]);
    // Generated before the simulators start (which generate their own copy), so that
    // only one copy of a million applicants' department data is in memory at a time.
    const data = generateDepartmentData(population, { seed: opts.seed, only: generated });
    const summary = await writeDepartmentExport(opts.export, data);
    const counts = generated.map((d) => `${d} ${thousands.format(summary.bySystem[d] ?? 0)}`);
    log(
      `Generated ${thousands.format(population.length)} applicants in ${exportStarted - started} ms; exported ${thousands.format(summary.records)} department records (${counts.join(', ')}) in ${Date.now() - exportStarted} ms:`,
    );
    log(`  ${summary.recordsFile}`);
    log(`  ${summary.truthFile}`);
    if (opts.exportOnly) {
      if (opts.truth) {
        await writeTruth(opts.truth, truthRowsOf(data));
        log(`Ground truth: ${opts.truth}`);
      }
      return undefined;
    }
  }
  // Port base 0: any free port for each (tests, several instances side by side).
  const ports = Object.fromEntries(
    DEPARTMENT_SYSTEMS.map((d) => [
      d,
      opts.portBase === 0 ? 0 : opts.portBase + (DEFAULT_PORTS[d] - 4101),
    ]),
  );
  const faults = Object.fromEntries(
    DEPARTMENT_SYSTEMS.map((d) => [d, { latencyMs: opts.latency, ...opts.faults[d] }]),
  );
  const sims = await startDepartmentSimulators({
    population,
    seed: opts.seed,
    host: opts.host,
    ports,
    faults,
    files: opts.load,
  });
  if (opts.truth) await writeTruth(opts.truth, sims.truth);
  log(
    `Generated ${population.length} applicants and ${sims.truth.length} department records in ${Date.now() - started} ms`,
  );
  for (const [department, url] of Object.entries(sims.urls))
    log(`  ${department.padEnd(17)} ${url}   (faults: ${url}/__admin/faults)`);
  if (opts.truth) log(`Ground truth: ${opts.truth}`);
  const stop = () => {
    void sims.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sims;
}
