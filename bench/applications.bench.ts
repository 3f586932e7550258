import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONSTRUCTION_PROCEDURES, demoConstructionItems } from '@oncegate/demo';
import { DEPARTMENT_SYSTEMS } from '@oncegate/simulators';
import {
  admin,
  freePort,
  graphql,
  simulatedDepartmentsEnv,
  startSimulators,
  useDemoKeys,
  waitForHealth,
} from './bench-processes';

/**
 * `npm run bench:applications`: applications accepted and delivered per
 * second. The four simulated departments run in their own process at a fixed
 * added latency; the built gateway in another (SQLite, or
 * $BENCH_DATABASE_URL), with its delivery worker. $BENCH_APPLICATIONS
 * applications (default 500) of all five procedures — five deliveries each,
 * to four departments — are submitted by $BENCH_CONNECTIONS concurrent
 * clients (default 10). Prints how fast they were accepted (the mutation
 * returns once the application and its deliveries are stored) and how fast
 * they reached the departments (counted at the simulators), and that each
 * department received each application exactly once.
 */
const LATENCY_MS = 5;
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 500);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PROCEDURES = [...DEMO_CONSTRUCTION_PROCEDURES];
const TYPED = demoConstructionItems();
const SUBMIT = `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`;

interface Counts {
  received: number;
  distinctKeys: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
}

async function submissionCounts(urls: Record<string, string>): Promise<Record<string, Counts>> {
  const out: Record<string, Counts> = {};
  for (const d of DEPARTMENT_SYSTEMS) {
    const body = (await admin(urls[d], 'GET', 'submissions')) as { counts: Counts };
    out[d] = body.counts;
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-bench-'));
  const sims = await startSimulators(dir, { seed: 20261125, latencyMs: LATENCY_MS });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const database = process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`;
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', 'apps', 'gateway', 'src', 'main.js')],
    {
      env: {
        ...process.env,
        ...simulatedDepartmentsEnv(sims, false),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database,
        LOG_LEVEL: 'warn',
        DEPARTMENT_SIMULATORS: 'off',
        DEMO_KEYS_FILE: useDemoKeys(join(dir, 'demo-keys.json')),
        // One consumer sends the whole load: measured without the per-consumer rate limit.
        RATE_LIMIT_PER_MINUTE: '0',
        DELIVERY_POLL_MS: '100',
        DELIVERY_CONCURRENCY: String(Number(process.env.BENCH_DELIVERY_CONCURRENCY ?? 16)),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    await waitForHealth(url, child);
    for (const d of DEPARTMENT_SYSTEMS) {
      await admin(sims.urls[d], 'PUT', 'faults', { latencyMs: LATENCY_MS });
      await admin(sims.urls[d], 'DELETE', 'submissions');
    }
    const search = (await graphql(
      url,
      `
        query {
          searchApplicants(name: "有限公司", first: 100) {
            id
            kind
            identifiers {
              scheme
            }
          }
        }
      `,
      {},
    )) as {
      data: { searchApplicants: { id: string; kind: string; identifiers: { scheme: string }[] }[] };
    };
    const applicants = search.data.searchApplicants
      .filter((a) => a.kind === 'ENTERPRISE' && a.identifiers.some((i) => i.scheme === 'USCC'))
      .map((a) => a.id);
    const items = Object.entries(TYPED).map(([id, value]) => ({ id, value }));
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let k = next++; k < APPLICATIONS; k = next++) {
          const res = await graphql(url, SUBMIT, {
            input: {
              idempotencyKey: `bench-${started.toFixed(0)}-${k}`,
              applicantId: applicants[k % applicants.length],
              procedures: PROCEDURES,
              items,
            },
          });
          if (res.errors) failed++;
        }
      }),
    );
    const acceptedS = (performance.now() - started) / 1000;
    const expected = (APPLICATIONS - failed) * PROCEDURES.length;
    let counts = await submissionCounts(sims.urls);
    const deadline = Date.now() + 600_000;
    const total = () => Object.values(counts).reduce((n, c) => n + c.distinctKeys, 0);
    while (total() < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      counts = await submissionCounts(sims.urls);
    }
    const deliveredS = (performance.now() - started) / 1000;
    process.stdout.write(
      [
        `Gateway and dept-sim in their own processes, departments at ${LATENCY_MS} ms added latency, ${database.split(':')[0]}, Node ${process.version}.`,
        `${APPLICATIONS} applications × ${PROCEDURES.length} procedures (4 departments), ${CONNECTIONS} concurrent clients; ${failed} refused.`,
        `Accepted: ${(APPLICATIONS / acceptedS).toFixed(1)} applications/s (all stored after ${acceptedS.toFixed(1)} s).`,
        `Delivered: ${total()} of ${expected} deliveries after ${deliveredS.toFixed(1)} s — ${(total() / deliveredS).toFixed(1)} deliveries/s, ${(total() / PROCEDURES.length / deliveredS).toFixed(1)} applications/s end to end.`,
        `At the departments: ${DEPARTMENT_SYSTEMS.map((d) => `${d} ${counts[d].distinctKeys} cases (${counts[d].duplicates} duplicates, ${counts[d].rejected} rejected)`).join('; ')}.`,
      ].join('\n') + '\n',
    );
  } finally {
    child.kill('SIGTERM');
    sims.process.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
