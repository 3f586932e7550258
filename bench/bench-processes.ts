import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SOCIAL_INSURANCE_CREDENTIALS, DEPARTMENT_SYSTEMS } from '@oncegate/simulators';

/** Processes the benchmarks start and talk to: the simulated departments (`dept-sim`) and the gateway. */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the gateway did not become healthy within 60 s');
}

let keysFile: string | null = null;

/**
 * The demo keys file the benchmark's gateway writes (`DEMO_KEYS_FILE`): the
 * benchmark calls as the demo consumers, like any client with a key.
 */
export function useDemoKeys(file: string): string {
  keysFile = file;
  return file;
}

/** Content type, key and purpose of a request as the demo consumer of `role`. */
export function requestHeaders(
  role = 'eservice',
  purpose = 'ONE_STOP_SERVICE',
): Record<string, string> {
  if (!keysFile) throw new Error('useDemoKeys() first');
  const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>;
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${keys[role]}`,
    'x-purpose': purpose,
  };
}

export async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = requestHeaders(),
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

/** The simulators' process: `dept-sim` on free ports, driven through its admin routes. */
export interface Simulators {
  urls: Record<(typeof DEPARTMENT_SYSTEMS)[number], string>;
  truthFile: string;
  process: ChildProcess;
}

export async function startSimulators(
  dir: string,
  options: { seed: number; latencyMs: number },
): Promise<Simulators> {
  const truthFile = join(dir, 'truth.csv');
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '..', 'apps', 'dept-sim', 'src', 'main.js'),
      '--seed',
      String(options.seed),
      '--port-base',
      '0',
      '--latency',
      String(options.latencyMs),
      '--truth',
      truthFile,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const urls: Partial<Record<string, string>> = {};
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`dept-sim exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const match of buffered.matchAll(/^\s+([a-z-]+)\s+(http:\/\/\S+)/gm)) {
        urls[match[1]] = match[2];
      }
      if (buffered.includes('Ground truth:')) resolve();
    });
  });
  child.stdout.resume();
  for (const d of DEPARTMENT_SYSTEMS) {
    if (!urls[d]) throw new Error(`dept-sim did not print a URL for ${d}`);
  }
  return { urls: urls as Simulators['urls'], truthFile, process: child };
}

export async function admin(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${url}/__admin/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}/__admin/${path}: HTTP ${res.status}`);
  return res.json();
}

/**
 * Registers a consumer with the built CLI (`oncegate consumers add`) on the
 * benchmark's database and returns the key it printed.
 */
export function addConsumer(
  databaseUrl: string,
  name: string,
  role: string,
  department?: string,
): string {
  const out = execFileSync(
    process.execPath,
    [
      join(__dirname, '..', 'apps', 'cli', 'src', 'main.js'),
      '--database-url',
      databaseUrl,
      'consumers',
      'add',
      name,
      '--role',
      role,
      ...(department ? ['--department', department] : []),
    ],
    { encoding: 'utf8' },
  );
  const key = /(og_\S+)/.exec(out)?.[1];
  if (!key) throw new Error(`oncegate consumers add printed no key: ${out}`);
  return key;
}

/**
 * Grants the demo e-service the conditional items a benchmark reads, for
 * ONE_STOP_SERVICE, as a real deployment would: the e-service asks, and
 * each providing department's system approves (tax with the demo department
 * key, the others with department consumers registered through the CLI).
 */
export async function grantDemoEservice(
  url: string,
  databaseUrl: string,
  items: readonly string[],
): Promise<void> {
  const requested = (await graphql(
    url,
    `
      mutation ($items: [String!]!) {
        requestDataGrant(input: { items: $items, basis: "性能测试：按需读取有条件共享数据项" }) {
          id
          provider
        }
      }
    `,
    { items },
  )) as { data?: { requestDataGrant: { id: string; provider: string }[] }; errors?: unknown[] };
  if (!requested.data) throw new Error(`requestDataGrant: ${JSON.stringify(requested.errors)}`);
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  for (const grant of requested.data.requestDataGrant) {
    const headers =
      grant.provider === 'tax'
        ? requestHeaders('department', 'AUDIT')
        : {
            ...requestHeaders('department', 'AUDIT'),
            authorization: `Bearer ${addConsumer(databaseUrl, `bench-${grant.provider}`, 'department', grant.provider)}`,
          };
    const decided = await graphql(
      url,
      `
        mutation ($id: ID!, $until: DateTime!) {
          decideDataGrant(
            input: { grantId: $id, decision: APPROVE, reason: "同意", expiresAt: $until }
          ) {
            status
          }
        }
      `,
      { id: grant.id, until: expiresAt },
      headers,
    );
    if (decided.errors) throw new Error(`decideDataGrant: ${JSON.stringify(decided.errors)}`);
  }
}

/** An enterprise (USCC) that every one of the four departments knows. */
export function enterpriseEverywhere(truthFile: string): string {
  const systems = new Map<string, Set<string>>();
  for (const line of readFileSync(truthFile, 'utf8').split('\n').slice(1)) {
    const [system, , key] = line.split(',');
    if (!key) continue;
    const set = systems.get(key) ?? new Set<string>();
    set.add(system);
    systems.set(key, set);
  }
  const found = [...systems].find(
    ([key, set]) => set.size === 4 && key.length === 18 && !/^\d{17}[\dX]$/.test(key),
  )?.[0];
  if (!found) throw new Error('no enterprise appears in all four departments');
  return found;
}

/**
 * The settings that point a gateway at the simulators' process: each
 * department's URL, the social-insurance credentials, and (with `cachesOff`)
 * every department's answer cache off, so that every request reaches them.
 */
export function simulatedDepartmentsEnv(
  sims: Simulators,
  cachesOff: boolean,
): Record<string, string> {
  return {
    PROJECT_APPROVAL_URL: sims.urls['project-approval'],
    LAND_PLANNING_URL: sims.urls['land-planning'],
    TAX_URL: sims.urls.tax,
    SOCIAL_INSURANCE_URL: sims.urls['social-insurance'],
    SOCIAL_INSURANCE_APP_KEY: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey,
    SOCIAL_INSURANCE_APP_SECRET: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret,
    ...(cachesOff
      ? {
          PROJECT_APPROVAL_CACHE_TTL_MS: '0',
          LAND_PLANNING_CACHE_TTL_MS: '0',
          TAX_CACHE_TTL_MS: '0',
          SOCIAL_INSURANCE_CACHE_TTL_MS: '0',
        }
      : {}),
  };
}

/**
 * The built gateway (`dist/apps/gateway/src/main.js`) in its own process on
 * 127.0.0.1, departments at their URLs only, warnings only, without the
 * per-consumer rate limit (a benchmark is one consumer sending the whole
 * load); `env` adds the port, database, departments and the rest.
 */
export function spawnGateway(env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', 'apps', 'gateway', 'src', 'main.js')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEPARTMENT_SIMULATORS: 'off',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
