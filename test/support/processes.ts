import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@oncegate/access';
import type { DepartmentSystem } from '@oncegate/demo';
import {
  DEMO_SOCIAL_INSURANCE_CREDENTIALS,
  DEPARTMENT_SYSTEMS,
  type FaultConfig,
  type SubmissionCounts,
} from '@oncegate/simulators';

/**
 * The gateway and the simulated departments as real OS processes, started
 * from the TypeScript sources (`node -r @swc-node/register …`, with the
 * repository's tsconfig for the `@oncegate/*` paths and decorator metadata),
 * so that e2e tests can kill them, restart them and run several side by
 * side. Every process belongs to a {@link ProcessGroup} whose `stopAll()`
 * an `afterEach`/`afterAll` calls; each also ends by itself when the test
 * process is gone (`exit-with-parent.ts`).
 */

const ROOT = join(__dirname, '..', '..');
const EXIT_WITH_PARENT = join(__dirname, 'exit-with-parent.ts');
/** What a child inherits of the test process's environment; everything else is set explicitly. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SWC_NODE_CACHE_DIR'];
const OUTPUT_KEPT = 20_000;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One child process: its output (the last part, for error messages), its lines as they come, its end. */
export class RunningProcess {
  readonly exited: Promise<ExitStatus>;
  private status: ExitStatus | undefined;
  private ended = false;
  private output = '';
  private partial = '';
  private readonly lineListeners = new Set<(line: string) => void>();

  constructor(
    readonly name: string,
    readonly child: ChildProcessWithoutNullStreams,
  ) {
    this.exited = new Promise((resolve) => {
      const done = (status: ExitStatus) => {
        if (this.status) return;
        this.status = status;
        resolve(status);
      };
      child.once('exit', (code, signal) => done({ code, signal }));
      child.once('error', (error) => {
        this.record(`\n[${name}] ${error.message}\n`);
        done({ code: null, signal: null });
      });
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.record(chunk);
      const lines = (this.partial + chunk).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) for (const listener of this.lineListeners) listener(line);
    });
    child.stderr.on('data', (chunk: string) => this.record(chunk));
    // The child never reads its stdin: it is only the pipe whose end tells it the test process is gone.
    child.stdin.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.status === undefined;
  }

  /** True once it has exited without being asked to (a crash, an exit of its own). */
  get endedOnItsOwn(): boolean {
    return this.status !== undefined && !this.ended;
  }

  /** The last 20,000 characters it wrote, stdout and stderr together. */
  recentOutput(): string {
    return this.output;
  }

  /** Calls `listener` with every further line of its stdout; returns the way to stop. */
  onLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** Sends `signal` and waits until the process has ended. */
  async kill(signal: NodeJS.Signals): Promise<ExitStatus> {
    if (this.running) {
      this.ended = true;
      this.child.kill(signal);
    }
    return this.exited;
  }

  /**
   * Ends the process: `SIGTERM` (a gateway finishes what it sends and gives
   * its leases back), then `SIGKILL` if it is still there after `graceMs`.
   */
  async stop(graceMs = 5_000): Promise<ExitStatus> {
    // Accounted for from now on, even if it had already ended on its own.
    this.ended = true;
    if (this.running) {
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      if ((await Promise.race([this.exited, late])) === 'late') this.child.kill('SIGKILL');
      clearTimeout(timer);
    }
    const status = await this.exited;
    this.child.stdin.destroy();
    return status;
  }

  private record(chunk: string): void {
    this.output = (this.output + chunk).slice(-OUTPUT_KEPT);
  }
}

/** The processes of a test file (or of one test), so that a hook can end them all whatever happened. */
export class ProcessGroup {
  private readonly members = new Set<RunningProcess>();

  /** Starts `script` (a TypeScript file, relative to the repository) under Node with the sources compiled on the fly. */
  startNode(
    name: string,
    script: string,
    args: readonly string[],
    env: Record<string, string>,
  ): RunningProcess {
    const inherited = Object.fromEntries(
      INHERITED.flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])),
    );
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', '-r', EXIT_WITH_PARENT, join(ROOT, script), ...args],
      {
        cwd: ROOT,
        env: { ...inherited, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
        stdio: 'pipe',
      },
    );
    const running = new RunningProcess(name, child);
    this.members.add(running);
    return running;
  }

  /** Every process of the group still running. */
  running(): RunningProcess[] {
    return [...this.members].filter((p) => p.running);
  }

  /**
   * Ends every process of the group (SIGTERM, then SIGKILL after 5 s) and
   * waits until each has; then fails if one had ended before on its own (a
   * crash the test may not have noticed), with what it wrote.
   */
  async stopAll(): Promise<void> {
    const members = [...this.members];
    this.members.clear();
    const crashed = members.filter((p) => p.endedOnItsOwn);
    await Promise.all(members.map((p) => p.stop()));
    if (crashed.length > 0) {
      const statuses = await Promise.all(crashed.map((p) => p.exited));
      throw new Error(
        crashed.map((p, k) => exitedError(p, statuses[k], 'on its own').message).join('\n\n'),
      );
    }
  }
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
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

/**
 * Polls `probe` every `intervalMs` until `done` holds for what it returned,
 * and returns that; fails after `timeoutMs` saying what it last saw.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  {
    timeoutMs = 30_000,
    intervalMs = 100,
    watch = [],
  }: {
    timeoutMs?: number;
    intervalMs?: number;
    /** Processes whose end fails the wait at once, rather than at the deadline. */
    watch?: readonly RunningProcess[];
  } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const p of watch)
      if (!p.running) throw exitedError(p, await p.exited, `while waiting for ${what}`);
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not so within ${timeoutMs} ms; last seen ${JSON.stringify(value)?.slice(0, 4000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * One HTTP request with a JSON body and answer, on a connection of its own:
 * no pool, so a socket to a process that was killed is never reused for one
 * that took its place.
 */
export function requestJson(
  method: string,
  url: string,
  body?: unknown,
  timeoutMs = 30_000,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = httpRequest(
      url,
      {
        method,
        agent: false,
        timeout: timeoutMs,
        headers: {
          ...headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: text ? (JSON.parse(text) as unknown) : null,
            });
          } catch {
            reject(
              new Error(
                `${method} ${url}: HTTP ${res.statusCode}, not JSON: ${text.slice(0, 500)}`,
              ),
            );
          }
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)),
    );
    req.on('error', (error) =>
      reject(new Error(`${method} ${url}: ${error.message}`, { cause: error })),
    );
    req.end(payload);
  });
}

function exitedError(child: RunningProcess, status: ExitStatus, doing: string): Error {
  return new Error(
    `${child.name} exited (code ${status.code}, signal ${status.signal}) ${doing}; its output:\n${child.recentOutput()}`,
  );
}

/** One case a simulated department opened (`GET /__admin/submissions`). */
export interface DepartmentCase {
  idempotencyKey: string;
  receiptNo: string;
  reference: string;
  kind: string;
  deliveries: number;
}

/** `npm run sim` in its own process: the four simulated departments on free ports, driven through their admin routes. */
export class DeptSimProcess {
  private constructor(
    readonly process: RunningProcess,
    readonly urls: Readonly<Record<DepartmentSystem, string>>,
  ) {}

  static async start(
    group: ProcessGroup,
    options: { latencyMs?: number } = {},
  ): Promise<DeptSimProcess> {
    const child = group.startNode(
      'dept-sim',
      'apps/dept-sim/src/main.ts',
      ['--port-base', '0', '--latency', String(options.latencyMs ?? 0)],
      {},
    );
    const urls: Partial<Record<string, string>> = {};
    let stopListening: () => void = () => undefined;
    const listed = new Promise<void>((resolve) => {
      stopListening = child.onLine((line) => {
        const match = /^\s+([a-z-]+)\s+(http:\/\/\S+)/.exec(line);
        if (match) urls[match[1]] = match[2];
        if (DEPARTMENT_SYSTEMS.every((d) => urls[d])) resolve();
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), 60_000);
    });
    try {
      const outcome = await Promise.race([listed, child.exited, late]);
      if (outcome === 'late') {
        await child.stop();
        throw new Error(
          `dept-sim printed no URLs within 60 s; its output:\n${child.recentOutput()}`,
        );
      }
      if (outcome !== undefined) throw exitedError(child, outcome, 'before printing its URLs');
    } finally {
      clearTimeout(timer);
      stopListening();
    }
    return new DeptSimProcess(child, urls as Record<DepartmentSystem, string>);
  }

  async admin<T>(
    department: DepartmentSystem,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const res = await requestJson(method, `${this.urls[department]}/__admin/${path}`, body);
    if (res.status !== 200) {
      throw new Error(
        `${method} ${department} /__admin/${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    return res.body as T;
  }

  /** Changes a department's faults (`PUT /__admin/faults`): latency, error rate, down … */
  faults(department: DepartmentSystem, patch: Partial<FaultConfig>): Promise<FaultConfig> {
    return this.admin<FaultConfig>(department, 'PUT', 'faults', patch);
  }

  /** The same faults for every department. */
  async faultsEverywhere(patch: Partial<FaultConfig>): Promise<void> {
    await Promise.all(DEPARTMENT_SYSTEMS.map((d) => this.faults(d, patch)));
  }

  /** Every department without faults and without any case: as freshly started. */
  async reset(): Promise<void> {
    await Promise.all(
      DEPARTMENT_SYSTEMS.map(async (d) => {
        await this.admin(d, 'POST', 'reset');
        await this.admin(d, 'DELETE', 'submissions');
      }),
    );
  }

  /** What each department counted of the submissions it received. */
  async counts(): Promise<Record<DepartmentSystem, SubmissionCounts>> {
    const entries = await Promise.all(
      DEPARTMENT_SYSTEMS.map(
        async (d) =>
          [
            d,
            (await this.admin<{ counts: SubmissionCounts }>(d, 'GET', 'submissions')).counts,
          ] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<DepartmentSystem, SubmissionCounts>;
  }

  /** The cases a department opened, in order. */
  async cases(department: DepartmentSystem): Promise<DepartmentCase[]> {
    return (await this.admin<{ submissions: DepartmentCase[] }>(department, 'GET', 'submissions'))
      .submissions;
  }
}

export interface GraphqlResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Where the department systems answer: a {@link DeptSimProcess}, or simulators the test runs itself. */
export interface DepartmentUrls {
  readonly urls: Readonly<Record<DepartmentSystem, string>>;
}

export interface GatewayProcessOptions {
  /** The database of this gateway (several gateways may share one). */
  databaseUrl: string;
  departments: DepartmentUrls;
  /** More settings (`DELIVERY_*`, `<DEPT>_TIMEOUT_MS`, `LOG_LEVEL` …). */
  env?: Record<string, string>;
  name?: string;
}

/**
 * Where gateways on one database keep their demo keys: one file per
 * database, so that a second gateway (or a restarted one) finds the keys the
 * first one made and keeps them.
 */
export function demoKeysFileFor(databaseUrl: string): string {
  return join(
    tmpdir(),
    `oncegate-keys-${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 16)}.json`,
  );
}

/**
 * `apps/gateway/src/main.ts` in its own process, on a free port on
 * 127.0.0.1, against a given database, with every department at the
 * dept-sim process or the test's own simulators (`DEPARTMENT_SIMULATORS=off`):
 * ready once `/health` answers 200.
 */
export class GatewayProcess {
  private constructor(
    readonly process: RunningProcess,
    readonly url: string,
    private readonly keysFile: string,
  ) {}

  /** The headers of a request as a demo consumer of `role` (keys from the demo keys file). */
  headers(role: Role = 'eservice', purpose = 'ONE_STOP_SERVICE'): Record<string, string> {
    const keys = JSON.parse(readFileSync(this.keysFile, 'utf8')) as Record<Role, string>;
    return { authorization: `Bearer ${keys[role]}`, 'x-purpose': purpose };
  }

  static async start(group: ProcessGroup, options: GatewayProcessOptions): Promise<GatewayProcess> {
    const urls = options.departments.urls;
    // The port is free when chosen but another process may take it first: then start again on another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = group.startNode(options.name ?? 'gateway', 'apps/gateway/src/main.ts', [], {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: options.databaseUrl,
        LOG_LEVEL: 'warn',
        DEPARTMENT_SIMULATORS: 'off',
        SYNC_INTERVAL_S: '0',
        PROJECT_APPROVAL_URL: urls['project-approval'],
        LAND_PLANNING_URL: urls['land-planning'],
        TAX_URL: urls.tax,
        SOCIAL_INSURANCE_URL: urls['social-insurance'],
        SOCIAL_INSURANCE_APP_KEY: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey,
        SOCIAL_INSURANCE_APP_SECRET: DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret,
        DEMO_KEYS_FILE: demoKeysFileFor(options.databaseUrl),
        RATE_LIMIT_PER_MINUTE: '0',
        ...options.env,
      });
      const url = `http://127.0.0.1:${port}`;
      try {
        await waitForHealth(url, child);
        return new GatewayProcess(child, url, demoKeysFileFor(options.databaseUrl));
      } catch (error) {
        await child.stop();
        if (attempt < 3 && child.recentOutput().includes('EADDRINUSE')) continue;
        throw error;
      }
    }
  }

  /** The GraphQL endpoint for subscriptions (graphql-ws). */
  get wsUrl(): string {
    return `${this.url.replace(/^http/, 'ws')}/graphql`;
  }

  async graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    role: Role = 'eservice',
  ): Promise<GraphqlResult<T>> {
    return (await this.post<T>(query, variables, this.headers(role))).body;
  }

  /**
   * One GraphQL request with any headers (another consumer's key, a case
   * id …): its HTTP status and body, a refusal (401, 429 …) included.
   */
  async post<T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: GraphqlResult<T> }> {
    try {
      const res = await requestJson(
        'POST',
        `${this.url}/graphql`,
        { query, variables },
        30_000,
        headers,
      );
      return { status: res.status, body: res.body as GraphqlResult<T> };
    } catch (error) {
      // A gateway that died is the story, not the broken connection: give its exit a moment to show.
      let timer: NodeJS.Timeout | undefined;
      const status = await Promise.race([
        this.process.exited,
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), 2_000);
        }),
      ]);
      clearTimeout(timer);
      if (status) throw exitedError(this.process, status, 'while the test used it');
      throw error;
    }
  }
}

async function waitForHealth(
  url: string,
  child: RunningProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.running) throw exitedError(child, await child.exited, 'before /health answered');
    try {
      if ((await requestJson('GET', `${url}/health`, undefined, 2_000)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${child.name} did not answer /health within ${timeoutMs} ms; its output:\n${child.recentOutput()}`,
  );
}
