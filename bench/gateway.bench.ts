import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { Pool } from 'undici';
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
import { DEPARTMENT_SYSTEMS } from '@oncegate/simulators';
import {
  admin,
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
  type Simulators,
} from './bench-processes';

/**
 * `npm run bench:gateway`: the four simulated departments at a fixed added
 * latency in their own process (`dept-sim`, as separate systems would be),
 * the built gateway in its own process (as in production), and autocannon in
 * this one against the four-department query. Prints throughput, latency,
 * upstream calls per request and the gateway's own overhead (latency minus
 * the slowest department). Department caches are off so every request
 * really calls every department.
 */
const DEPARTMENT_LATENCY_MS = 5;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const SEED = 20261125;

const FIELDS = `
  id name
  projects { projectCode name }
  landParcels { realEstateUnitNo }
  tax { status creditRating { level } }
  socialInsurance { employer { insuredCount } person { name } }
`;

/** Clears the request counts and sets the fixed latency on every department. */
async function resetSimulators(sims: Simulators): Promise<void> {
  for (const d of DEPARTMENT_SYSTEMS) {
    await admin(sims.urls[d], 'POST', 'reset');
    await admin(sims.urls[d], 'PUT', 'faults', { latencyMs: DEPARTMENT_LATENCY_MS });
  }
}

async function upstreamCalls(sims: Simulators): Promise<number> {
  let total = 0;
  for (const d of DEPARTMENT_SYSTEMS) {
    const stats = (await admin(sims.urls[d], 'GET', 'stats')) as Record<string, number>;
    for (const count of Object.values(stats)) total += count;
  }
  return total;
}

interface Scenario {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  connections: number;
}

interface Measured {
  scenario: Scenario;
  result: Result;
  graphqlErrors: number;
  upstreamPerRequest: number;
}

async function measure(url: string, sims: Simulators, scenario: Scenario): Promise<Measured> {
  const check = await graphql(url, scenario.query, scenario.variables);
  if (check.errors)
    throw new Error(
      `${scenario.name}: the query fails before the run: ${JSON.stringify(check.errors)}`,
    );
  await resetSimulators(sims);
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: requestHeaders(),
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
    connections: scenario.connections,
    duration: DURATION_S,
    setupClient: (client) => {
      client.on('body', (body: Buffer) => {
        if (body.includes('"errors"')) graphqlErrors++;
      });
    },
  });
  return {
    scenario,
    result,
    graphqlErrors,
    upstreamPerRequest: (await upstreamCalls(sims)) / Math.max(1, result.requests.total),
  };
}

/** p50 of `calls` sequential calls, in ms. */
async function p50(calls: number, call: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = process.hrtime.bigint();
    await call();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * Each department's own latency as an adapter sees it (one key, caches off,
 * one call at a time): what the gateway cannot do better than. The gateway's
 * overhead is its latency minus the slowest of these.
 */
async function departmentLatencies(
  env: Record<string, string | undefined>,
  uscc: string,
): Promise<Record<string, number>> {
  const adapters = {
    'project-approval': createProjectApprovalAdapter(readProjectApprovalConfig(env)!),
    'land-planning': createLandPlanningAdapter(readLandPlanningConfig(env)!),
    tax: createTaxAdapter(readTaxConfig(env)!),
    'social-insurance': createSocialInsuranceAdapter(readSocialInsuranceConfig(env)!),
  };
  const calls: Record<string, () => Promise<unknown>> = {
    'project-approval': () => adapters['project-approval'].projectsByUscc([uscc]),
    'land-planning': () => adapters['land-planning'].parcelsByHolder([uscc]),
    tax: () => adapters.tax.taxpayers([uscc]),
    'social-insurance': () => adapters['social-insurance'].employers([uscc]),
  };
  const out: Record<string, number> = {};
  try {
    for (const [department, call] of Object.entries(calls)) {
      await p50(20, call);
      out[department] = await p50(300, call);
    }
    const all = () => Promise.all(Object.values(calls).map((call) => call()));
    await p50(20, all);
    out[ALL_FOUR] = await p50(300, all);
  } finally {
    await Promise.all(Object.values(adapters).map((a) => a.close()));
  }
  return out;
}

/** Key of {@link departmentLatencies}' figure for the four adapters called at once. */
const ALL_FOUR = 'all four at once';

/** p50 of sequential GraphQL requests to the gateway over one keep-alive connection. */
async function gatewaySequentialP50(
  url: string,
  query: string,
  variables: unknown,
): Promise<number> {
  const pool = new Pool(url, { connections: 1 });
  const body = JSON.stringify({ query, variables });
  const call = async () => {
    const res = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: requestHeaders(),
      body,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || text.includes('"errors"'))
      throw new Error(`the gateway answered ${res.statusCode}: ${text.slice(0, 300)}`);
  };
  try {
    await p50(50, call);
    return await p50(500, call);
  } finally {
    await pool.close();
  }
}

function report(rows: Measured[], slowestDepartment: number): void {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const out: string[] = [
    line([
      'scenario',
      'connections',
      'req/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'upstream calls / request',
      'p50 overhead ms',
    ]),
    line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const { scenario, result, graphqlErrors, upstreamPerRequest } of rows) {
    const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
    const departments = scenario.name.startsWith('registry only') ? 0 : slowestDepartment;
    out.push(
      line([
        scenario.name,
        scenario.connections,
        result.requests.average.toFixed(0),
        result.latency.p50.toFixed(1),
        result.latency.p99.toFixed(1),
        errors,
        upstreamPerRequest.toFixed(2),
        (result.latency.p50 - departments).toFixed(1),
      ]),
    );
  }
  process.stdout.write(`\n${out.join('\n')}\n\n`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oncegate-bench-'));
  const sims = await startSimulators(dir, { seed: SEED, latencyMs: DEPARTMENT_LATENCY_MS });
  const everywhere = enterpriseEverywhere(sims.truthFile);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const departmentEnv: Record<string, string | undefined> = simulatedDepartmentsEnv(sims, true);
  const databaseUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
  const child = spawnGateway({
    ...departmentEnv,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DEMO_KEYS_FILE: useDemoKeys(join(dir, 'demo-keys.json')),
  });
  try {
    await waitForHealth(url, child);
    // The query reads two conditional items (纳税信用级别, 个人参保记录): granted first.
    await grantDemoEservice(url, databaseUrl, ['tax.credit-rating', 'si.person']);
    const one = `query($v: String!) { applicantByIdentifier(scheme: USCC, value: $v) { ${FIELDS} } }`;
    const bare = `query($v: String!) { applicantByIdentifier(scheme: USCC, value: $v) { id name identifiers { value } } }`;
    const taxOnly = `query($v: String!) { applicantByIdentifier(scheme: USCC, value: $v) { id name tax { status } } }`;
    const page = `query { searchApplicants(name: "有限", first: 20) { ${FIELDS} } }`;
    const v = { v: everywhere };
    await resetSimulators(sims);
    const latencies = await departmentLatencies(departmentEnv, everywhere);
    const { [ALL_FOUR]: allFour, ...alone } = latencies;
    const slowest = Math.max(...Object.values(alone));
    const rows: Measured[] = [];
    for (const scenario of [
      { name: 'registry only, one applicant', query: bare, variables: v, connections: 1 },
      { name: 'four departments, one applicant', query: one, variables: v, connections: 1 },
      { name: 'registry only, one applicant', query: bare, variables: v, connections: 10 },
      {
        name: 'one department (tax), one applicant',
        query: taxOnly,
        variables: v,
        connections: 10,
      },
      { name: 'four departments, one applicant', query: one, variables: v, connections: 10 },
      { name: 'four departments, page of 20', query: page, variables: {}, connections: 10 },
      { name: 'four departments, one applicant', query: one, variables: v, connections: 200 },
    ]) {
      rows.push(await measure(url, sims, scenario));
      process.stdout.write(`done: ${scenario.name} × ${scenario.connections}\n`);
    }
    // After the load runs, so the gateway's code is warm (JIT-compiled).
    const sequential: [string, number][] = [];
    for (const [name, query, variables] of [
      ['registry only, one applicant', bare, v],
      ['one department (tax), one applicant', taxOnly, v],
      ['four departments, one applicant', one, v],
      ['four departments, page of 20', page, {}],
    ] as const) {
      sequential.push([name, await gatewaySequentialP50(url, query, variables)]);
    }
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    process.stdout.write(
      `\nGateway ${url} and dept-sim each in their own process, departments simulated at ` +
        `${DEPARTMENT_LATENCY_MS} ms added latency, department caches off, ${DURATION_S} s per ` +
        `autocannon scenario, Node ${process.version}.\n` +
        `Each department alone (adapter p50 of 300 sequential calls): ${Object.entries(alone)
          .map(([d, t]) => `${d} ${ms(t)}`)
          .join(', ')}; slowest ${ms(slowest)}. ` +
        `All four adapters called at once, without the gateway: p50 ${ms(allFour)}.\n\n`,
    );
    const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
    process.stdout.write(
      [
        'One request at a time (p50 of 500 sequential requests on one keep-alive connection):',
        '',
        line(['scenario', 'p50 ms', 'overhead over the slowest department ms']),
        line(['---', '---:', '---:']),
        ...sequential.map(([name, t]) =>
          line([
            name,
            t.toFixed(2),
            name.startsWith('registry only')
              ? '—'
              : (t - (name.startsWith('one department') ? alone.tax : slowest)).toFixed(2),
          ]),
        ),
        '',
        'Under load (autocannon):',
      ].join('\n') + '\n',
    );
    report(rows, slowest);
  } finally {
    child.kill('SIGTERM');
    sims.process.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:gateway failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
