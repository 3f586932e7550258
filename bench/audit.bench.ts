import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import {
  enterpriseEverywhere,
  freePort,
  grantDemoEservice,
  graphql,
  requestHeaders,
  simulatedDepartmentsEnv,
  spawnGateway,
  startSimulators,
  useDemoKeys,
  waitForHealth,
} from './bench-processes';

/**
 * `npm run bench:audit`: what the audit trail costs. Two built gateways, one
 * with `AUDIT=on` and one with `AUDIT=off`, each on its own SQLite file (or MySQL database, see databaseFor),
 * against the same simulated departments (`dept-sim`, 5 ms added latency,
 * department caches off); autocannon sends the four-department query for one
 * applicant to each in turn, alternating (off, on, off, on …) so that both
 * see the same machine. Prints throughput, latency and gateway CPU per request of each, the ratio
 * on / off (target ≥ 0.9), and the audited gateway's chain afterwards (its
 * length, and whether every link and hash still verifies).
 */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const QUERY = `query Four($v: String!) { applicantByIdentifier(scheme: USCC, value: $v) {
  id name
  projects { projectCode name }
  landParcels { realEstateUnitNo }
  tax { status creditRating { level } }
  socialInsurance { employer { insuredCount } person { name } }
} }`;

interface Gateway {
  label: 'on' | 'off';
  url: string;
  databaseUrl: string;
  keysFile: string;
  child: ChildProcess;
}

async function startGateway(
  dir: string,
  label: 'on' | 'off',
  departmentEnv: Record<string, string>,
): Promise<Gateway> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = await databaseFor(dir, label);
  const keysFile = join(dir, `keys-${label}.json`);
  const child = spawnGateway({
    ...departmentEnv,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DEMO_KEYS_FILE: keysFile,
    DELIVERY_WORKER: 'false',
    AUDIT: label,
  });
  await waitForHealth(url, child);
  return { label, url, databaseUrl, keysFile, child };
}

/**
 * The gateway's database: a SQLite file of its own, or with
 * $BENCH_DATABASE_URL (`mysql://…/name`) a database `name_audit_<label>` on
 * that server, created empty here and dropped by `dropDatabases`.
 */
async function databaseFor(dir: string, label: 'on' | 'off'): Promise<string> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return `sqlite:${join(dir, `audit-${label}.sqlite`)}`;
  const url = new URL(server);
  url.pathname = `/${url.pathname.slice(1) || 'oncegate_bench'}_audit_${label}`;
  const name = url.pathname.slice(1);
  await onServer(server, [
    `DROP DATABASE IF EXISTS \`${name}\``,
    `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  ]);
  return url.toString();
}

async function onServer(server: string, statements: string[]): Promise<void> {
  const url = new URL(server);
  url.pathname = '/';
  const connection = await createConnection(url.toString());
  try {
    for (const sql of statements) await connection.query(sql);
  } finally {
    await connection.end();
  }
}

async function dropDatabases(gateways: Gateway[]): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return;
  await onServer(
    server,
    gateways.map((g) => `DROP DATABASE IF EXISTS \`${new URL(g.databaseUrl).pathname.slice(1)}\``),
  );
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc: what
 * the gateway spends per request does not depend on what else the machine is
 * doing, where throughput does.
 */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5) (utime, stime), counted after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN; // not Linux
  }
}

async function run(
  gateway: Gateway,
  uscc: string,
): Promise<{
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMs: number;
}> {
  useDemoKeys(gateway.keysFile);
  const cpuBefore = cpuMs(gateway.child.pid);
  let errors = 0;
  const result = await autocannon({
    url: `${gateway.url}/graphql`,
    method: 'POST',
    headers: requestHeaders(),
    body: JSON.stringify({ query: QUERY, variables: { v: uscc } }),
    connections: CONNECTIONS,
    duration: DURATION_S,
    setupClient: (client) => {
      client.on('body', (body: Buffer) => {
        if (body.includes('"errors"')) errors += 1;
      });
    },
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors + result.non2xx,
    cpuMs: cpuMs(gateway.child.pid) - cpuBefore,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-bench-audit-'));
  const sims = await startSimulators(dir, { seed: 20261125, latencyMs: 5 });
  const gateways: Gateway[] = [];
  try {
    const uscc = enterpriseEverywhere(sims.truthFile);
    const departmentEnv = simulatedDepartmentsEnv(sims, true);
    for (const label of ['off', 'on'] as const) {
      const gateway = await startGateway(dir, label, departmentEnv);
      gateways.push(gateway);
      useDemoKeys(gateway.keysFile);
      await grantDemoEservice(gateway.url, gateway.databaseUrl, ['tax.credit-rating', 'si.person']);
      const check = await graphql(gateway.url, QUERY, { v: uscc });
      if (check.errors) throw new Error(`audit ${label}: ${JSON.stringify(check.errors)}`);
      // Warm up: JIT, connection pools, the SOAP client.
      await run(gateway, uscc);
    }
    const empty = () => ({
      requests: 0,
      rps: [] as number[],
      p50: [] as number[],
      p99: [] as number[],
      errors: 0,
      cpuMs: 0,
    });
    const totals = { on: empty(), off: empty() };
    for (let round = 0; round < ROUNDS; round++)
      for (const gateway of gateways) {
        const r = await run(gateway, uscc);
        const t = totals[gateway.label];
        t.requests += r.requests;
        t.rps.push(r.rps);
        t.p50.push(r.p50);
        t.p99.push(r.p99);
        t.errors += r.errors;
        t.cpuMs += r.cpuMs;
      }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const on = gateways.find((g) => g.label === 'on')!;
    useDemoKeys(on.keysFile);
    const auditor = requestHeaders('auditor', 'AUDIT');
    const status = (await graphql(
      on.url,
      '{ auditChainStatus { headSeq intact } }',
      {},
      auditor,
    )) as {
      data: { auditChainStatus: { headSeq: string; intact: boolean } };
    };
    const lines = [
      `Two gateways (AUDIT=on, AUDIT=off) and dept-sim, each in its own process; departments at 5 ms, caches off; ${process.env.BENCH_DATABASE_URL ? 'MySQL/MariaDB' : 'SQLite'}; Node ${process.version}.`,
      `The four-department query for one applicant, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s each.`,
      '',
      '| audit | req/s (mean of rounds) | p50 ms | p99 ms | errors | gateway CPU ms / request |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...(['off', 'on'] as const).map(
        (l) =>
          `| ${l} | ${mean(totals[l].rps).toFixed(1)} | ${mean(totals[l].p50).toFixed(1)} | ${mean(totals[l].p99).toFixed(1)} | ${totals[l].errors} | ${(totals[l].cpuMs / totals[l].requests).toFixed(3)} |`,
      ),
      '',
      `Throughput ratio on / off: ${(mean(totals.on.rps) / mean(totals.off.rps)).toFixed(3)} (target ≥ 0.9).`,
      `Gateway CPU per request, on / off: ${(totals.on.cpuMs / totals.on.requests / (totals.off.cpuMs / totals.off.requests)).toFixed(3)} (what the audit adds to each request, whatever else runs on the machine).`,
      `Audit chain of the audited gateway: ${status.data.auditChainStatus.headSeq} records, intact: ${status.data.auditChainStatus.intact}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await Promise.all(
      gateways.map((g) => new Promise((resolve) => g.child.once('exit', resolve).kill('SIGTERM'))),
    );
    sims.process.kill('SIGTERM');
    await dropDatabases(gateways);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
