import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueApiKey } from '@oncegate/access';
import { sha256Hex, type AuditRecord } from '@oncegate/audit';
import { generateDemoApplicants, type DepartmentSystem } from '@oncegate/demo';
import { validateUscc } from '@oncegate/identifiers';
import { AuditRepository, ConsumerRepository, databaseOptionsFromUrl } from '@oncegate/registry';
import {
  DEPARTMENT_SYSTEMS,
  startDepartmentSimulators,
  type DepartmentSimulators,
  type SubmissionCounts,
} from '@oncegate/simulators';
import { createClient, type Client } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { runCli } from '../../apps/cli/src/testing/run-cli';
import {
  TestDatabase,
  testDatabaseTargets,
  type TestDatabaseTarget,
} from '../../libs/registry/src/testing/test-database';
import { GatewayProcess, ProcessGroup, waitFor } from '../support/processes';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  ALL_PROCEDURES,
  CASES_PER_APPLICATION,
  smallCountySpecFile,
  typedItems,
} from '../support/construction-application';

/**
 * Replicas, as production runs them: gateway processes on one database and
 * one Redis, each with its delivery worker, change fan-out, department sync,
 * subscribers and audit appender, under load — reads of applicants across
 * the four departments and applications submitted, spread over the replicas,
 * while the tax office changes enterprises' legal representatives (which
 * the replicas' sync brings into the registry) and one consumer hammers its
 * rate limit. Afterwards:
 *
 * (a) one audit chain, intact, with the anchors every replica signed (one
 *     key), and one QUERY/MUTATION record per request answered, one DENIAL
 *     per request refused;
 * (b) every application reached each of its departments exactly once;
 * (c) the rate limit held for all replicas together, not for each;
 * (d) each change notice reached each department's webhook exactly once
 *     though every replica fans out, and a subscriber on each replica got
 *     each change once.
 *
 * The departments are simulated in this process, so that a test can change
 * a department's record (`updateRecord`); the gateways reach them over HTTP
 * like real systems. The test process never writes the database while a
 * gateway runs.
 *
 * Two replicas need a database several processes share: MariaDB/MySQL
 * (TEST_DATABASE_URL). SQLite serves one process, so without such a server
 * the same load and the same checks run against a single gateway.
 */

const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** Requests per consumer per minute, on every replica. */
const RATE_LIMIT = 50;
/** Consumers that make the load, each staying under the limit. */
const LOAD_CONSUMERS = 6;
const REQUESTS_PER_LOAD_CONSUMER = 40;
/** Every this-many-th request of a load consumer submits an application; the others read. */
const SUBMIT_EVERY = 8;
/** More than the limit on two replicas that counted alone would let through. */
const LIMITED_REQUESTS = 2 * RATE_LIMIT + 20;
/** Enterprises whose legal representative the tax office changes during the load. */
const ENTERPRISES = 2;
const CHANGE_ROUNDS = 3;

/** The simulated departments' data, as `npm start` and dept-sim make it: the demo applicants are there. */
const SIMULATOR_SEED = 20261125;

const TYPED = typedItems();
const ALL = ALL_PROCEDURES;

/** Departments with a webhook: project approval has none, so it is told nothing by POST. */
const SECRETS: Readonly<Record<string, string>> = {
  tax: 'tax-webhook-secret-0123456789abcdef',
  'land-planning': 'land-planning-webhook-secret-0123456789',
  'social-insurance': 'social-insurance-webhook-secret-012345',
};
const WEBHOOK_DEPARTMENTS = Object.keys(SECRETS).sort();

const DEPARTMENT_ENV_PREFIXES = ['PROJECT_APPROVAL', 'LAND_PLANNING', 'TAX', 'SOCIAL_INSURANCE'];

const SEARCH = `query Search {
  searchApplicants(name: "有限公司", first: 5) {
    id name
    projects { projectCode status }
    landParcels { realEstateUnitNo landUse }
    tax { status }
    socialInsurance { employer { insuredCount } }
  }
}`;

const LOOKUP = `query Lookup($v: String!) {
  applicantByIdentifier(scheme: USCC, value: $v) {
    id name
    sourceRecords { system }
    projects { projectCode }
    landParcels { realEstateUnitNo }
    tax { status }
    socialInsurance { employer { insuredCount } }
  }
}`;

const SUBMIT = `mutation Submit($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { id applicationNo }
}`;

const PROCEDURES = `query Procedures { procedures { code } }`;

const SUBSCRIPTION = `subscription Changes($ids: [ID!]) {
  applicantChanged(applicantIds: $ids) { changeId applicantId attribute oldValue newValue }
}`;

interface ChangeEvent {
  changeId: string;
  applicantId: string;
  attribute: string;
  oldValue: string | null;
  newValue: string | null;
}

/** A system that calls the gateway: its name on the audit trail, its key, its purpose. */
interface Consumer {
  name: string;
  key: string;
  purpose: string;
}

async function addConsumer(
  dataSource: DataSource,
  name: string,
  roles: string[],
  purpose: string,
  department: string | null = null,
): Promise<Consumer> {
  const issued = issueApiKey();
  await new ConsumerRepository(dataSource).create(
    { name, roles, department },
    { keyId: issued.keyId, secretHash: issued.secretHash, expiresAt: null },
  );
  return { name, key: issued.key, purpose };
}

/** Every GraphQL request the test makes, counted per consumer and HTTP status. */
class Traffic {
  private readonly statuses = new Map<string, number[]>();

  async send<T>(
    gateway: GatewayProcess,
    consumer: Consumer,
    query: string,
    variables: Record<string, unknown> = {},
  ) {
    const res = await gateway.post<T>(query, variables, {
      authorization: `Bearer ${consumer.key}`,
      'x-purpose': consumer.purpose,
    });
    const seen = this.statuses.get(consumer.name) ?? [];
    seen.push(res.status);
    this.statuses.set(consumer.name, seen);
    return res;
  }

  /** Requests of `consumer` answered with `status`. */
  count(consumer: string, status: number): number {
    return (this.statuses.get(consumer) ?? []).filter((s) => s === status).length;
  }

  total(consumer: string): number {
    return this.statuses.get(consumer)?.length ?? 0;
  }

  consumers(): string[] {
    return [...this.statuses.keys()].sort();
  }
}

/** A department system subscribed over graphql-ws to one replica. */
class Subscriber {
  readonly events: ChangeEvent[] = [];
  readonly problems: unknown[] = [];
  private readonly client: Client;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    readonly replica: string,
    url: string,
    consumer: Consumer,
    applicantIds: string[],
  ) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${consumer.key}`, 'X-Purpose': consumer.purpose },
    });
    this.unsubscribe = this.client.subscribe<{ applicantChanged: ChangeEvent }>(
      { query: SUBSCRIPTION, variables: { ids: applicantIds } },
      {
        next: (value) => {
          if (value.data && !value.errors) this.events.push(value.data.applicantChanged);
          else this.problems.push(value);
        },
        error: (error) => this.problems.push(error),
        complete: () => undefined,
      },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    await this.client.dispose();
  }
}

/** Runs `work` on each of `items`, at most `lanes` at a time. */
async function inLanes<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let k = next++; k < items.length; k = next++) await work(items[k]);
    }),
  );
}

function perDepartment(
  counts: Partial<Record<DepartmentSystem, SubmissionCounts>>,
  key: keyof SubmissionCounts,
): Record<string, number | undefined> {
  return Object.fromEntries(DEPARTMENT_SYSTEMS.map((d) => [d, counts[d]?.[key]]));
}

/** `TAX` → `tax`, `LAND_PLANNING` → `land-planning`. */
function simulatorOf(department: string): DepartmentSystem {
  return department.toLowerCase().replaceAll('_', '-') as DepartmentSystem;
}

/** Legal representatives the tax office records, none of them in the generated data. */
const REPRESENTATIVES = ['甲测试', '乙测试', '丙测试', '丁测试', '戊测试', '己测试', '庚测试'];

const SIGNING = generateKeyPairSync('ed25519');

// Two replicas on MariaDB/MySQL when TEST_DATABASE_URL names one. Without it (`npm test`),
// one gateway on SQLite, which serves one process: the same load and checks, less the
// replication. With it, the single-gateway run is left to the SQLite pass (CI's time budget).
const mysql = testDatabaseTargets().find((t) => t.label === 'mysql');
const targets = mysql ? [{ ...mysql, replicas: 2 }] : [{ label: 'sqlite' as const, replicas: 1 }];

describe.each(targets)(
  '$replicas gateway process(es) on one $label database and one Redis, under load',
  ({ replicas, ...target }: TestDatabaseTarget & { replicas: number }) => {
    const processes = new ProcessGroup();
    const receiver = new WebhookReceiver(SECRETS);
    const traffic = new Traffic();
    const dir = mkdtempSync(join(tmpdir(), 'oncegate-replicas-'));
    const publicKeyFile = join(dir, 'audit.pub.pem');
    let sims: DepartmentSimulators | undefined;
    let db: TestDatabase;
    /** For reading only while a gateway runs. */
    let dataSource: DataSource;
    const gateways: GatewayProcess[] = [];
    let subscribers: Subscriber[] = [];

    // What the load produced and saw, for the tests below.
    const applications: { id: string; applicationNo: string }[] = [];
    const loadProblems: string[] = [];
    const limited: { replica: number; status: number; code: unknown; retryAfter: unknown }[] = [];
    let limitedConsumer: Consumer;
    let taxConsumer: Consumer;
    const enterpriseIds: string[] = [];
    /** The changes the tax office made, in order, each as the registry logged it. */
    const made: { applicantId: string; changeId: string; value: string }[] = [];
    /** The first change every subscriber was known to be subscribed for. */
    let watchedFrom: bigint;
    /** The audit chain's head right after each replica stopped (so after its last anchor). */
    const headAtStop: number[] = [];
    let changes: { id: string; applicantId: string; attribute: string; newValue: unknown }[] = [];
    let deliveries: { key: string; kind: string; state: string; attempts: number }[] = [];
    /** Deliveries each replica's worker logged as delivered. */
    const deliveredBy: number[] = [];
    /** When each change of `made` was seen in the change log. */
    const changesLoggedAt: number[] = [];

    beforeAll(async () => {
      writeFileSync(publicKeyFile, SIGNING.publicKey.export({ type: 'spki', format: 'pem' }));
      const specFile = smallCountySpecFile(dir);
      const [started] = await Promise.all([
        startDepartmentSimulators({ population: generateDemoApplicants(), seed: SIMULATOR_SEED }),
        receiver.start(),
      ]);
      sims = started;
      const urls = Object.fromEntries(
        DEPARTMENT_SYSTEMS.map((d) => [d, started.urls[d]!]),
      ) as Record<DepartmentSystem, string>;

      // The consumers are registered before any gateway runs (SQLite serves one process).
      db = new TestDatabase(target);
      await db.open();
      const load = [];
      for (let c = 1; c <= LOAD_CONSUMERS; c++)
        load.push(
          await addConsumer(db.dataSource, `replica-load-${c}`, ['eservice'], 'ONE_STOP_SERVICE'),
        );
      limitedConsumer = await addConsumer(
        db.dataSource,
        'replica-limited',
        ['eservice'],
        'ONE_STOP_SERVICE',
      );
      taxConsumer = await addConsumer(
        db.dataSource,
        'replica-tax',
        ['department'],
        'TAX_ADMINISTRATION',
        'tax',
      );
      await db.dataSource.destroy();

      const common: Record<string, string> = {
        REDIS_URL: REDIS,
        RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        AUDIT_SIGNING_KEY: SIGNING.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        DELIVERY_WORKER: 'true',
        CHANGE_FANOUT: 'true',
        // As in production: no demo data. The registry is what the departments hold, and the
        // first sync, the bulk load, makes every applicant (a first golden record is no change).
        DEMO_SEED: 'false',
        SYNC_INTERVAL_S: '1',
        MATCH_SPEC_FILE: specFile,
        CHANGE_POLL_MS: '100',
        DELIVERY_POLL_MS: '100',
        DELIVERY_BACKOFF_INITIAL_MS: '100',
        DELIVERY_BACKOFF_MAX_MS: '500',
        ...receiver.env(),
        // Every read reaches the departments (no answer cache); no call times out on a busy machine.
        ...Object.fromEntries(
          DEPARTMENT_ENV_PREFIXES.flatMap((d) => [
            [`${d}_CACHE_TTL_MS`, '0'],
            [`${d}_TIMEOUT_MS`, '10000'],
          ]),
        ),
      };
      // The first migrates the database, as `npm start` does.
      for (let i = 0; i < replicas; i++)
        gateways.push(
          await GatewayProcess.start(processes, {
            databaseUrl: db.url,
            departments: { urls },
            name: `gateway-${i + 1}`,
            env: {
              ...common,
              // Every replica but the last signs the head each second; the last only when it
              // stops. So the anchor made when the last replica stops is its own, and the
              // ones before it the others'.
              AUDIT_ANCHOR_INTERVAL_S: replicas > 1 && i === replicas - 1 ? '0' : '1',
              // For the log line of each delivery attempt: who delivered what.
              LOG_LEVEL: 'info',
            },
          }),
        );
      const watch = gateways.map((g) => g.process);
      for (const [i, gateway] of gateways.entries()) {
        deliveredBy.push(0);
        gateway.process.onLine((line) => {
          if (line.includes('"delivery attempt"') && line.includes('"state":"DELIVERED"'))
            deliveredBy[i]++;
        });
      }
      dataSource = new DataSource(databaseOptionsFromUrl(db.url));
      await dataSource.initialize();
      const count = async (sql: string, parameters: unknown[] = []) =>
        Number((await dataSource.query<{ n: unknown }[]>(sql, parameters))[0].n);

      // The first sync is the bulk load.
      await waitFor(
        'the bulk load from the four departments',
        () => count('SELECT COUNT(*) AS n FROM sync_cursors'),
        (n) => n === DEPARTMENT_SYSTEMS.length,
        { timeoutMs: 60_000, intervalMs: 200, watch },
      );

      // Enterprises every department knows: the tax office will change the representatives of
      // the first ENTERPRISES; the last is the one that applies.
      const systemsOf = new Map<string, Map<string, string>>();
      for (const row of started.truth)
        systemsOf.set(
          row.applicantKey,
          (systemsOf.get(row.applicantKey) ?? new Map<string, string>()).set(
            row.system,
            row.localId,
          ),
        );
      const enterprises = [...systemsOf]
        .filter(([key, systems]) => systems.size === 4 && validateUscc(key).valid)
        .slice(0, ENTERPRISES + 1)
        .map(([uscc, systems]) => ({ uscc, taxLocalId: systems.get('tax')! }));
      expect(enterprises).toHaveLength(ENTERPRISES + 1);
      const applicantUscc = enterprises.pop()!.uscc;
      for (const [k, e] of enterprises.entries()) {
        const res = await traffic.send<{
          applicantByIdentifier: { id: string; sourceRecords: { system: string }[] } | null;
        }>(gateways[k % replicas], taxConsumer, LOOKUP, { v: e.uscc });
        const found = res.body.data?.applicantByIdentifier;
        if (!found) throw new Error(`enterprise ${e.uscc} not found: ${JSON.stringify(res)}`);
        expect(new Set(found.sourceRecords.map((r) => r.system)).size).toBe(4);
        enterpriseIds.push(found.id);
      }

      // The tax office records a new legal representative; a replica's sync brings it in and
      // logs the change. Each enterprise's change waits for its one before, so that each is a
      // change of its own. Returns the change ids, in the order of `ks`.
      let changedAt = Date.now() + 60_000;
      const changeRepresentatives = async (ks: number[]) => {
        const values = ks.map((k) => {
          const value =
            REPRESENTATIVES[made.filter((m) => m.applicantId === enterpriseIds[k]).length];
          changedAt += 1_000;
          expect(
            started.updateRecord('tax', enterprises[k].taxLocalId, {
              legalRepresentative: value,
              changedAt: new Date(changedAt),
            }),
          ).toBe(true);
          return value;
        });
        const ids: string[] = [];
        for (const [j, k] of ks.entries()) {
          const [row] = await waitFor(
            `the change of enterprise ${k} to ${values[j]} in the change log`,
            () =>
              dataSource.query<{ id: unknown }[]>(
                "SELECT id FROM applicant_changes WHERE applicant_id = ? AND attribute = 'legalRepresentative' AND new_value = ?",
                [enterpriseIds[k], values[j]],
              ),
            (rows) => rows.length > 0,
            { timeoutMs: 30_000, intervalMs: 100, watch },
          );
          ids.push(String(row.id));
        }
        for (const [j, k] of ks.entries())
          made.push({ applicantId: enterpriseIds[k], changeId: ids[j], value: values[j] });
        made.sort((a, b) => (BigInt(a.changeId) < BigInt(b.changeId) ? -1 : 1));
        changesLoggedAt.push(...ks.map(() => Date.now()));
        return ids;
      };

      // A subscriber on each replica. Subscribing has no acknowledgement, so a change is made
      // until every subscriber has received one: from that change on, each must get every one.
      subscribers = gateways.map(
        (g, i) => new Subscriber(`gateway-${i + 1}`, g.wsUrl, taxConsumer, enterpriseIds),
      );
      for (let attempt = 1; ; attempt++) {
        const [changeId] = await changeRepresentatives([0]);
        const seen = await waitFor(
          'every subscriber has the warm-up change',
          () =>
            Promise.resolve(subscribers.map((s) => s.events.some((e) => e.changeId === changeId))),
          (got) => got.every(Boolean) || subscribers.some((s) => s.problems.length > 0),
          { timeoutMs: 3_000, intervalMs: 50, watch },
        ).catch((error: unknown) => {
          // Not yet subscribed when that change was read: another change, unless a replica died.
          if (attempt >= 3 || watch.some((p) => !p.running)) throw error;
          return undefined;
        });
        const problems = subscribers.flatMap((s) => s.problems);
        if (problems.length) throw new Error(`subscription failed: ${JSON.stringify(problems)}`);
        if (seen?.every(Boolean)) {
          watchedFrom = BigInt(changeId);
          break;
        }
      }

      const applying = await traffic.send<{ applicantByIdentifier: { id: string } | null }>(
        gateways[0],
        load[0],
        LOOKUP,
        { v: applicantUscc },
      );
      const applicantId = applying.body.data?.applicantByIdentifier?.id;
      if (!applicantId)
        throw new Error(`no applicant ${applicantUscc}: ${JSON.stringify(applying)}`);

      // The load: each load consumer's requests alternate between the replicas, two at a time.
      let done = 0;
      const loadStarted = Date.now();
      let loadEnded = 0;
      const loadDone = Promise.all(
        load.map((consumer, c) =>
          inLanes(
            Array.from({ length: REQUESTS_PER_LOAD_CONSUMER }, (_, k) => k),
            2,
            async (k) => {
              const gateway = gateways[(c + k) % replicas];
              try {
                if (k % SUBMIT_EVERY === SUBMIT_EVERY - 1) {
                  const res = await traffic.send<{
                    submitApplication: { id: string; applicationNo: string };
                  }>(gateway, consumer, SUBMIT, {
                    input: {
                      idempotencyKey: `replicas-${c}-${k}`,
                      applicantId,
                      procedures: ALL,
                      items: TYPED,
                    },
                  });
                  if (res.status !== 200 || res.body.errors || !res.body.data)
                    loadProblems.push(`submit ${c}/${k}: ${JSON.stringify(res)}`);
                  else applications.push(res.body.data.submitApplication);
                } else {
                  const res =
                    k % 2 === 0
                      ? await traffic.send(gateway, consumer, SEARCH)
                      : await traffic.send(gateway, consumer, LOOKUP, { v: applicantUscc });
                  if (res.status !== 200 || res.body.errors)
                    loadProblems.push(`read ${c}/${k}: ${JSON.stringify(res).slice(0, 2000)}`);
                }
              } finally {
                done++;
              }
            },
          ),
        ),
      );
      // Meanwhile the limited consumer hammers the replicas in turn.
      const hammered = inLanes(
        Array.from({ length: LIMITED_REQUESTS }, (_, k) => k),
        4,
        async (k) => {
          const res = await traffic.send(gateways[k % replicas], limitedConsumer, PROCEDURES);
          limited.push({
            replica: k % replicas,
            status: res.status,
            code: res.body.errors?.[0]?.extensions?.code,
            retryAfter: res.body.errors?.[0]?.extensions?.retryAfterSeconds,
          });
        },
      );
      // And the tax office changes the representatives, in rounds spread over the load.
      const loadSize = LOAD_CONSUMERS * REQUESTS_PER_LOAD_CONSUMER;
      const changed = (async () => {
        for (let round = 1; round <= CHANGE_ROUNDS; round++) {
          await waitFor(
            `load ${round}/${CHANGE_ROUNDS + 1} sent`,
            () => Promise.resolve(done),
            (n) => n >= (round * loadSize) / (CHANGE_ROUNDS + 1),
            { timeoutMs: 60_000, intervalMs: 20, watch },
          );
          await changeRepresentatives(Array.from({ length: ENTERPRISES }, (_, k) => k));
        }
      })();
      await Promise.all([loadDone.then(() => (loadEnded = Date.now())), hammered, changed]);

      // Everything settles: each delivery delivered, each notice received, each change seen.
      changes = (
        await dataSource.query<
          { id: unknown; applicant_id: string; attribute: string; new_value: unknown }[]
        >('SELECT id, applicant_id, attribute, new_value FROM applicant_changes ORDER BY id')
      ).map((r) => ({
        id: String(r.id),
        applicantId: r.applicant_id,
        attribute: r.attribute,
        newValue: r.new_value,
      }));
      const notices = changes.length * WEBHOOK_DEPARTMENTS.length;
      await waitFor(
        'every delivery and change notice DELIVERED',
        () =>
          dataSource.query<{ state: string; n: unknown }[]>(
            'SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state',
          ),
        (rows) =>
          rows.every((r) => r.state === 'DELIVERED') &&
          rows.reduce((n, r) => n + Number(r.n), 0) >= applications.length * ALL.length + notices,
        { timeoutMs: 45_000, intervalMs: 200, watch },
      );
      await waitFor(
        'every notice at the webhooks',
        () => Promise.resolve(receiver.received.length),
        (n) => n >= notices,
        { timeoutMs: 15_000, watch },
      );
      const watched = changes.filter((c) => BigInt(c.id) >= watchedFrom).length;
      await waitFor(
        'every change at every subscriber',
        () =>
          Promise.resolve(
            subscribers.map(
              (s) => s.events.filter((e) => BigInt(e.changeId) >= watchedFrom).length,
            ),
          ),
        (seen) => seen.every((n) => n >= watched),
        { timeoutMs: 15_000, watch },
      );
      for (const s of subscribers) await s.close();

      // The replicas stop one by one (SIGTERM: a graceful stop signs the head once more), each
      // after one more request of its own, so that it has something new to sign.
      for (const [i, gateway] of gateways.entries()) {
        const res = await traffic.send(gateway, load[i], PROCEDURES);
        expect(res.status).toBe(200);
        const status = await gateway.process.stop(30_000);
        expect({ replica: i + 1, signal: status.signal }).not.toEqual({
          replica: i + 1,
          signal: 'SIGKILL',
        });
        headAtStop.push((await new AuditRepository(dataSource).head()).seq);
      }

      // Nothing runs that could send anything more: what arrived is all there is.
      deliveries = (
        await dataSource.query<
          { idempotency_key: string; kind: string; state: string; attempts: unknown }[]
        >('SELECT idempotency_key, kind, state, attempts FROM deliveries')
      ).map((r) => ({
        key: r.idempotency_key,
        kind: r.kind,
        state: r.state,
        attempts: Number(r.attempts),
      }));
      process.stdout.write(
        `[replicas ${target.label}] ${replicas} gateway(s): ${loadSize} load requests ` +
          `(${applications.length} applications), ${LIMITED_REQUESTS} to the limited consumer, ` +
          `${changes.length} changes, ${receiver.received.length} webhooks, audit head ${headAtStop.at(-1)}; ` +
          `deliveries by replica: ${deliveredBy.join(' + ')}; the load took ${loadEnded - loadStarted} ms, ` +
          `${changesLoggedAt.filter((t) => t >= loadStarted && t <= loadEnded).length} changes logged meanwhile\n`,
      );
    }, 180_000);

    afterAll(async () => {
      try {
        for (const s of subscribers) await s.close().catch(() => undefined);
        await processes.stopAll();
      } finally {
        if (dataSource?.isInitialized) await dataSource.destroy();
        await db?.close();
        await sims?.close();
        await receiver.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('answered every request of the load (each consumer’s requests alternate between the replicas)', () => {
      expect(loadProblems).toEqual([]);
      for (let c = 1; c <= LOAD_CONSUMERS; c++)
        expect({ consumer: c, ok: traffic.count(`replica-load-${c}`, 200) }).toEqual({
          consumer: c,
          ok: traffic.total(`replica-load-${c}`),
        });
      expect(applications).toHaveLength(
        LOAD_CONSUMERS * Math.floor(REQUESTS_PER_LOAD_CONSUMER / SUBMIT_EVERY),
      );
    });

    it('(a) keeps one audit chain: intact, every replica’s anchors valid, one record per request', async () => {
      const audit = new AuditRepository(dataSource);
      const head = await audit.head();
      expect(head.seq).toBe(headAtStop.at(-1));
      const anchors = await audit.anchors(1, head.seq);
      // The anchor each replica made when it stopped (the last one's at the head).
      expect(anchors.map((a) => a.seq)).toEqual(expect.arrayContaining(headAtStop));
      expect(anchors.at(-1)?.seq).toBe(head.seq);

      const exitCode = process.exitCode;
      const lines = await runCli(db.url, 'audit', 'verify', '--public-key', publicKeyFile);
      process.exitCode = exitCode;
      expect(lines[0]).toBe(
        `Intact: ${head.seq} records verified, ${anchors.length} anchor${anchors.length === 1 ? '' : 's'} with valid signatures.`,
      );

      const records: AuditRecord[] = [];
      for (let from = 1; from <= head.seq; from += 1000)
        records.push(...(await audit.range(from, Math.min(head.seq, from + 999), 1000)));
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: head.seq }, (_, k) => k + 1));

      // Per consumer: one QUERY/MUTATION record per request answered, one DENIAL per request refused.
      const tally = (consumer: string, kinds: string[]) =>
        records.filter((r) => r.consumer === consumer && kinds.includes(r.kind)).length;
      expect(
        traffic.consumers().map((consumer) => ({
          consumer,
          answered: tally(consumer, ['QUERY', 'MUTATION']),
          refused: tally(consumer, ['DENIAL']),
        })),
      ).toEqual(
        traffic.consumers().map((consumer) => ({
          consumer,
          answered: traffic.count(consumer, 200),
          refused: traffic.count(consumer, 429),
        })),
      );
      expect(tally(limitedConsumer.name, ['QUERY'])).toBe(RATE_LIMIT);
      expect(tally(limitedConsumer.name, ['DENIAL'])).toBe(LIMITED_REQUESTS - RATE_LIMIT);
      // Each event sent to a subscriber is on the record too, and each delivery attempt.
      expect(tally(taxConsumer.name, ['SUBSCRIPTION'])).toBe(
        subscribers.reduce((n, s) => n + s.events.length, 0),
      );
      const deliveryRecords = new Map<string, number>();
      for (const r of records.filter((x) => x.kind === 'DELIVERY'))
        deliveryRecords.set(r.documentHash!, (deliveryRecords.get(r.documentHash!) ?? 0) + 1);
      expect(
        deliveries
          .map((d) => ({ key: d.key, records: deliveryRecords.get(sha256Hex(d.key)) ?? 0 }))
          .filter((d) => d.records !== 1),
      ).toEqual([]);
      expect([...deliveryRecords.values()].reduce((a, b) => a + b, 0)).toBe(deliveries.length);
    });

    it('(b) delivers every application to each of its departments exactly once', async () => {
      const counts = sims!.submissionCounts();
      const expected = Object.fromEntries(
        DEPARTMENT_SYSTEMS.map((d) => [d, CASES_PER_APPLICATION[d] * applications.length]),
      );
      const none = Object.fromEntries(DEPARTMENT_SYSTEMS.map((d) => [d, 0]));
      expect(perDepartment(counts, 'distinctKeys')).toEqual(expected);
      expect(perDepartment(counts, 'received')).toEqual(expected);
      expect(perDepartment(counts, 'duplicates')).toEqual(none);
      expect(perDepartment(counts, 'conflicts')).toEqual(none);
      expect(perDepartment(counts, 'rejected')).toEqual(none);

      // Each procedure's key (`<application id>:<procedure>`) is one case of its department,
      // under the application's number, delivered once.
      const cases = new Map(
        DEPARTMENT_SYSTEMS.flatMap((d) =>
          sims!
            .submissions(d)
            .list()
            .map((c) => [c.idempotencyKey, { ...c, department: d }] as const),
        ),
      );
      const procedures = await dataSource.query<
        { application_id: string; procedure: string; department: string }[]
      >('SELECT * FROM application_procedures');
      const numbers = new Map(applications.map((a) => [a.id, a.applicationNo]));
      const ours = procedures.filter((p) => numbers.has(p.application_id));
      expect(ours).toHaveLength(applications.length * ALL.length);
      expect(
        ours
          .map((p) => {
            const key = `${p.application_id}:${p.procedure}`;
            const received = cases.get(key);
            return {
              key,
              department: received?.department,
              reference: received?.reference,
              deliveries: received?.deliveries,
            };
          })
          .filter(
            (m, k) =>
              m.department !== simulatorOf(ours[k].department) ||
              m.reference !== numbers.get(ours[k].application_id) ||
              m.deliveries !== 1,
          ),
      ).toEqual([]);
      const sent = deliveries.filter((d) => d.kind !== 'CHANGE_NOTICE');
      expect(sent).toHaveLength(applications.length * ALL.length);
      expect(sent.filter((d) => d.state !== 'DELIVERED' || d.attempts !== 1)).toEqual([]);
      // Every replica's worker delivered (they competed for the same outbox), and each delivery
      // and change notice was recorded as delivered by one of them only.
      expect(deliveredBy.reduce((a, b) => a + b, 0)).toBe(deliveries.length);
      expect(Math.min(...deliveredBy)).toBeGreaterThan(0);
    });

    it('(c) holds the rate limit for all replicas together', () => {
      const ok = limited.filter((r) => r.status === 200);
      const refused = limited.filter((r) => r.status === 429);
      expect(limited).toHaveLength(LIMITED_REQUESTS);
      expect(ok).toHaveLength(RATE_LIMIT);
      expect(refused).toHaveLength(LIMITED_REQUESTS - RATE_LIMIT);
      expect(
        refused.filter(
          (r) => r.code !== 'RATE_LIMITED' || typeof r.retryAfter !== 'number' || r.retryAfter < 1,
        ),
      ).toEqual([]);
      // Every replica let some through and refused others: one count, not one per replica.
      for (let i = 0; i < replicas; i++) {
        expect(ok.filter((r) => r.replica === i).length).toBeGreaterThan(0);
        expect(refused.filter((r) => r.replica === i).length).toBeGreaterThan(0);
      }
    });

    it('(d) tells each department’s webhook of each change exactly once, and each subscriber once', () => {
      // The change log holds the tax office's changes, each once however many replicas synced:
      // each new representative, and what else the golden record took from those newer
      // records (a phone: the most recent value wins).
      expect(changes.filter((c) => c.attribute === 'legalRepresentative').map((c) => c.id)).toEqual(
        made.map((m) => m.changeId),
      );
      expect(changes.filter((c) => !enterpriseIds.includes(c.applicantId))).toEqual([]);
      expect(made.length).toBeGreaterThanOrEqual(1 + CHANGE_ROUNDS * ENTERPRISES);

      const expectedKeys = changes
        .flatMap((c) => WEBHOOK_DEPARTMENTS.map((d) => `change:${c.id}:${d}`))
        .sort();
      expect(receiver.received.filter((r) => !r.verified || r.status !== 200)).toEqual([]);
      expect(receiver.received.map((r) => r.idempotencyKey).sort()).toEqual(expectedKeys);
      for (const r of receiver.received) {
        const notice = JSON.parse(r.body) as {
          changeId: string;
          department: string;
          attribute: string;
          newValue: unknown;
        };
        expect(`change:${notice.changeId}:${notice.department}`).toBe(r.idempotencyKey);
        expect(notice.department).toBe(r.department);
        const logged = changes.find((c) => c.id === notice.changeId);
        expect({ attribute: notice.attribute, newValue: notice.newValue }).toEqual({
          attribute: logged?.attribute,
          newValue: logged?.newValue,
        });
      }
      const notices = deliveries.filter((d) => d.kind === 'CHANGE_NOTICE');
      expect(notices.map((d) => d.key).sort()).toEqual(expectedKeys);
      expect(notices.filter((d) => d.state !== 'DELIVERED' || d.attempts !== 1)).toEqual([]);

      expect(subscribers.map((s) => s.problems)).toEqual(subscribers.map(() => []));
      const watched = changes.filter((c) => BigInt(c.id) >= watchedFrom).map((c) => c.id);
      expect(watched.length).toBeGreaterThanOrEqual(1 + CHANGE_ROUNDS * ENTERPRISES);
      for (const s of subscribers) {
        const ids = s.events.map((e) => e.changeId);
        expect({ replica: s.replica, duplicates: ids.length - new Set(ids).size }).toEqual({
          replica: s.replica,
          duplicates: 0,
        });
        expect({
          replica: s.replica,
          changes: ids.filter((id) => BigInt(id) >= watchedFrom),
        }).toEqual({ replica: s.replica, changes: watched });
      }
    });
  },
);
