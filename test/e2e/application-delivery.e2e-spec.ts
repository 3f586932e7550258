import type { DepartmentSystem } from '@oncegate/demo';
import { DEPARTMENT_SYSTEMS, type SubmissionCounts } from '@oncegate/simulators';
import {
  TestDatabase,
  testDatabaseTargets,
  type TestDatabaseTarget,
} from '../../libs/registry/src/testing/test-database';
import {
  ALL_PROCEDURES,
  CASES_PER_APPLICATION,
  typedItems,
} from '../support/construction-application';
import {
  DeptSimProcess,
  GatewayProcess,
  ProcessGroup,
  waitFor,
  type DepartmentCase,
} from '../support/processes';

/**
 * Journey, through HTTP and real processes: the simulated departments run in
 * one process (`dept-sim`), the gateway in others, started from the sources.
 * Applications of all five procedures are delivered to the four departments
 * exactly once — counted at the departments, by idempotency key — when the
 * gateway is killed with SIGKILL mid-delivery and started again, when a
 * department is down for a while, and (MariaDB/MySQL only) when two gateway
 * processes deliver from one database. Bad input is covered in-process
 * (applications.e2e-spec.ts).
 */
const ALL = ALL_PROCEDURES;

/** Short retry waits, so that a failed delivery is tried again within the test. */
const FAST_RETRIES = {
  DELIVERY_POLL_MS: '100',
  DELIVERY_BACKOFF_INITIAL_MS: '100',
  DELIVERY_BACKOFF_MAX_MS: '500',
};

interface ProcedureView {
  procedure: { code: string; department: string };
  status: string;
  receiptNo: string | null;
  delivery: { state: string; attempts: number; lastError: string | null; receiptNo: string | null };
}

interface ApplicationView {
  id: string;
  applicationNo: string;
  procedures: ProcedureView[];
  events: { type: string; procedure: string | null }[];
}

const APPLICATIONS = `query ($applicantId: ID!) {
  applications(applicantId: $applicantId, first: 100) {
    id applicationNo
    procedures {
      procedure { code department }
      status receiptNo
      delivery { state attempts lastError receiptNo }
    }
    events { type procedure }
  }
}`;

const SUBMIT = `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`;

/** `TAX` → `tax`, `LAND_PLANNING` → `land-planning`: a department as the simulators name it. */
function simulatorOf(department: string): DepartmentSystem {
  return department.toLowerCase().replaceAll('_', '-') as DepartmentSystem;
}

function expectedCases(applications: number): Record<DepartmentSystem, number> {
  return Object.fromEntries(
    DEPARTMENT_SYSTEMS.map((d) => [d, CASES_PER_APPLICATION[d] * applications]),
  ) as Record<DepartmentSystem, number>;
}

function total(counts: Record<DepartmentSystem, SubmissionCounts>, key: keyof SubmissionCounts) {
  return DEPARTMENT_SYSTEMS.reduce((n, d) => n + counts[d][key], 0);
}

/** An enterprise of the demo registry with a credit code (the departments know it too). */
async function enterprise(gateway: GatewayProcess): Promise<string> {
  const res = await gateway.graphql<{
    searchApplicants: { id: string; kind: string; identifiers: { scheme: string }[] }[];
  }>(`query { searchApplicants(name: "有限公司", first: 50) { id kind identifiers { scheme } } }`);
  const found = res.data?.searchApplicants.find(
    (a) => a.kind === 'ENTERPRISE' && a.identifiers.some((i) => i.scheme === 'USCC'),
  );
  if (!found) throw new Error(`no enterprise with a USCC: ${JSON.stringify(res)}`);
  return found.id;
}

/**
 * Submits `count` applications of all five procedures, four at a time,
 * spread over `gateways` in turn; each is stored (and so due for delivery)
 * when its mutation returns.
 */
async function submit(
  gateways: readonly GatewayProcess[],
  applicantId: string,
  count: number,
  tag: string,
): Promise<string[]> {
  const items = typedItems();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let k = next++; k < count; k = next++) {
        const res = await gateways[k % gateways.length].graphql<{
          submitApplication: { id: string };
        }>(SUBMIT, {
          input: {
            idempotencyKey: `${tag}-${String(k).padStart(4, '0')}`,
            applicantId,
            procedures: ALL,
            items,
          },
        });
        if (res.errors || !res.data) throw new Error(`submission ${k}: ${JSON.stringify(res)}`);
        ids.push(res.data.submitApplication.id);
      }
    }),
  );
  return ids;
}

async function applicationsOf(
  gateway: GatewayProcess,
  applicantId: string,
): Promise<ApplicationView[]> {
  const res = await gateway.graphql<{ applications: ApplicationView[] }>(APPLICATIONS, {
    applicantId,
  });
  if (res.errors || !res.data) throw new Error(JSON.stringify(res));
  return res.data.applications;
}

/**
 * Polls the gateway until every procedure of the `count` applications is
 * delivered; fails at once if one of `gateways` (the one asked first) ends.
 */
function allDelivered(
  gateways: readonly GatewayProcess[],
  applicantId: string,
  count: number,
): Promise<ApplicationView[]> {
  return waitFor(
    'every delivery DELIVERED',
    () => applicationsOf(gateways[0], applicantId),
    (apps) =>
      apps.length === count &&
      apps.every((a) => a.procedures.every((p) => p.delivery.state === 'DELIVERED')),
    { timeoutMs: 45_000, intervalMs: 200, watch: gateways.map((g) => g.process) },
  );
}

/** One count of each department. */
function perDepartment(
  counts: Record<DepartmentSystem, SubmissionCounts>,
  key: keyof SubmissionCounts,
): Record<DepartmentSystem, number> {
  return Object.fromEntries(DEPARTMENT_SYSTEMS.map((d) => [d, counts[d][key]])) as Record<
    DepartmentSystem,
    number
  >;
}

const NONE: Readonly<Record<DepartmentSystem, number>> = {
  'project-approval': 0,
  'land-planning': 0,
  tax: 0,
  'social-insurance': 0,
};

/**
 * Each application reached each of its departments as exactly one case:
 * per department as many distinct idempotency keys as procedures sent there,
 * none conflicting; each procedure's key (`<application id>:<procedure>`) is
 * a case of its department, with the application's number, whose receipt is
 * what the gateway shows for that procedure, delivered once by the gateway's
 * account too. Returns what the departments counted, for the caller's
 * assertions on duplicates and refusals.
 */
async function expectEachDeliveredOnce(
  departments: DeptSimProcess,
  apps: readonly ApplicationView[],
): Promise<Record<DepartmentSystem, SubmissionCounts>> {
  const counts = await departments.counts();
  expect(perDepartment(counts, 'distinctKeys')).toEqual(expectedCases(apps.length));
  expect(perDepartment(counts, 'conflicts')).toEqual(NONE);
  const cases = new Map<string, DepartmentCase & { department: DepartmentSystem }>();
  for (const d of DEPARTMENT_SYSTEMS)
    for (const c of await departments.cases(d))
      cases.set(c.idempotencyKey, { ...c, department: d });
  for (const app of apps) {
    expect(app.procedures.map((p) => p.procedure.code).sort()).toEqual([...ALL].sort());
    for (const p of app.procedures) {
      const key = `${app.id}:${p.procedure.code}`;
      const received = cases.get(key);
      expect({ key, department: received?.department, reference: received?.reference }).toEqual({
        key,
        department: simulatorOf(p.procedure.department),
        reference: app.applicationNo,
      });
      expect({ key, state: p.delivery.state, status: p.status }).toEqual({
        key,
        state: 'DELIVERED',
        status: 'DELIVERED',
      });
      expect({ key, receiptNo: p.receiptNo, delivery: p.delivery.receiptNo }).toEqual({
        key,
        receiptNo: received!.receiptNo,
        delivery: received!.receiptNo,
      });
      // One DELIVERED event per procedure: the gateway recorded the delivery once.
      expect(
        app.events.filter((e) => e.type === 'DELIVERED' && e.procedure === p.procedure.code),
      ).toHaveLength(1);
    }
  }
  return counts;
}

// One dept-sim process for the whole file; each test starts from a reset one.
const shared = new ProcessGroup();
let departments: DeptSimProcess;

beforeAll(async () => {
  departments = await DeptSimProcess.start(shared);
}, 90_000);

afterAll(() => shared.stopAll());

/** Gateways and databases of one test, ended and dropped after it, whatever happened. */
function perTest(target: TestDatabaseTarget) {
  const gateways = new ProcessGroup();
  const databases: TestDatabase[] = [];
  beforeEach(() => departments.reset());
  afterEach(async () => {
    try {
      await gateways.stopAll();
    } finally {
      for (const db of databases.splice(0)) await db.close();
    }
  }, 60_000);
  afterAll(() => gateways.stopAll());
  return {
    gateways,
    /** A fresh database for gateways to migrate and seed, as `npm start` does; the test process holds no connection to it. */
    async database(): Promise<string> {
      const db = new TestDatabase(target, { migrate: false });
      databases.push(db);
      await db.open();
      await db.dataSource.destroy();
      return db.url;
    },
  };
}

describe.each(testDatabaseTargets())(
  'application delivery between real processes ($label)',
  (target) => {
    const { gateways, database } = perTest(target);

    it('a gateway killed with SIGKILL mid-delivery: after a restart each department has each application exactly once', async () => {
      const count = 20;
      const inFlight = 4;
      // Each delivery takes 400 ms at the department: some are always in flight.
      await departments.faultsEverywhere({ latencyMs: 400 });
      const databaseUrl = await database();
      const env = {
        ...FAST_RETRIES,
        // A lease that outlives the dead worker only briefly; longer than any department call.
        DELIVERY_LEASE_S: '2',
        PROJECT_APPROVAL_TIMEOUT_MS: '1500',
        LAND_PLANNING_TIMEOUT_MS: '1500',
        TAX_TIMEOUT_MS: '1500',
        SOCIAL_INSURANCE_TIMEOUT_MS: '1500',
      };
      const first = await GatewayProcess.start(gateways, {
        databaseUrl,
        departments,
        env: { ...env, DELIVERY_CONCURRENCY: String(inFlight) },
        name: 'gateway-1',
      });
      const applicantId = await enterprise(first);
      const ids = await submit([first], applicantId, count, 'crash');
      expect(new Set(ids).size).toBe(count);
      const expected = count * ALL.length;

      // Some, not all, deliveries have reached the departments: kill the gateway in the middle.
      const before = await waitFor(
        'some deliveries at the departments',
        () => departments.counts(),
        (counts) => total(counts, 'received') >= 10,
        { timeoutMs: 20_000, intervalMs: 50, watch: [first.process] },
      );
      expect(await first.process.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      expect(total(before, 'distinctKeys')).toBeLessThan(expected);

      // The same database, a new process: the dead worker's leases expire and it delivers the rest.
      const second = await GatewayProcess.start(gateways, {
        databaseUrl,
        departments,
        env: { ...env, DELIVERY_CONCURRENCY: '16' },
        name: 'gateway-2',
      });
      // What the departments made of the dead gateway's last requests is settled by now (the
      // restart takes seconds, a department 400 ms): a request it had sent and then abandoned
      // mid-way counts as refused there ("request aborted"), but no answer reached anyone.
      const atRestart = await departments.counts();
      expect(total(atRestart, 'rejected')).toBeLessThanOrEqual(inFlight);

      const apps = await allDelivered([second], applicantId, count);
      const counts = await expectEachDeliveredOnce(departments, apps);
      // Nothing the new gateway sent was refused, and no key was sent with other content.
      expect(perDepartment(counts, 'rejected')).toEqual(perDepartment(atRestart, 'rejected'));
      // The deliveries in flight at the kill were sent again after their lease expired.
      const attempts = apps.flatMap((a) => a.procedures.map((p) => p.delivery.attempts));
      expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
      process.stdout.write(
        `[application-delivery ${target.label}] SIGKILL after ${total(before, 'received')} of ${expected} deliveries had reached the departments; ` +
          `${attempts.filter((n) => n > 1).length} sent again after the restart; ` +
          `abandoned by the killed gateway (counted as refused at the department): ${JSON.stringify(perDepartment(atRestart, 'rejected'))}; ` +
          `duplicates (answered with the first receipt): ${JSON.stringify(perDepartment(counts, 'duplicates'))}\n`,
      );
    }, 120_000);

    it('a department down for a while: its deliveries wait and retry, and arrive once it is back', async () => {
      const count = 4;
      const databaseUrl = await database();
      const gateway = await GatewayProcess.start(gateways, {
        databaseUrl,
        departments,
        env: {
          ...FAST_RETRIES,
          // Retried for as long as the test keeps the department down.
          DELIVERY_MAX_ATTEMPTS: '100',
          // The breaker the failures open lets a trial call through soon after.
          TAX_BREAKER_HALF_OPEN_MS: '200',
        },
      });
      const applicantId = await enterprise(gateway);
      await departments.faults('tax', { down: true });
      await submit([gateway], applicantId, count, 'down');

      const waiting = await waitFor(
        'the tax deliveries retried while the others are delivered',
        () => applicationsOf(gateway, applicantId),
        (apps) =>
          apps.length === count &&
          apps.every((a) =>
            a.procedures.every((p) =>
              p.procedure.department === 'TAX'
                ? p.delivery.state === 'PENDING' && p.delivery.attempts >= 2
                : p.delivery.state === 'DELIVERED',
            ),
          ),
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      for (const app of waiting) {
        const tax = app.procedures.find((p) => p.procedure.department === 'TAX')!;
        expect(tax.status).toBe('SUBMITTED');
        expect(tax.receiptNo).toBeNull();
        expect(tax.delivery.lastError).toMatch(/^SOURCE_(UNAVAILABLE|TIMEOUT): /);
        expect(app.events.some((e) => e.type === 'DELIVERY_FAILED')).toBe(true);
      }
      expect((await departments.counts()).tax).toMatchObject({ received: 0, distinctKeys: 0 });

      await departments.faults('tax', { down: false });
      const apps = await allDelivered([gateway], applicantId, count);
      const counts = await expectEachDeliveredOnce(departments, apps);
      // Nothing reached the department while it was down, so nothing came twice; nothing was refused.
      expect(perDepartment(counts, 'duplicates')).toEqual(NONE);
      expect(perDepartment(counts, 'rejected')).toEqual(NONE);
      for (const app of apps) {
        const tax = app.procedures.find((p) => p.procedure.department === 'TAX')!;
        expect(tax.delivery.attempts).toBeGreaterThanOrEqual(3);
        expect(tax.delivery.lastError).toBeNull();
      }
    }, 120_000);
  },
);

// SQLite serves one process; two gateways share a database only on MariaDB/MySQL.
const mysqlTarget = testDatabaseTargets().find((t) => t.label === 'mysql');
if (mysqlTarget) {
  describe(`two gateway processes on one database (${mysqlTarget.label})`, () => {
    const { gateways, database } = perTest(mysqlTarget);

    it('delivers every application once: the leases keep the two workers apart', async () => {
      const count = 20;
      await departments.faultsEverywhere({ latencyMs: 50 });
      const databaseUrl = await database();
      const env = { ...FAST_RETRIES, LOG_LEVEL: 'info' };
      // The first migrates and seeds the database; the second finds it ready.
      const one = await GatewayProcess.start(gateways, {
        databaseUrl,
        departments,
        env,
        name: 'gateway-1',
      });
      const two = await GatewayProcess.start(gateways, {
        databaseUrl,
        departments,
        env,
        name: 'gateway-2',
      });
      const delivered = new Map<GatewayProcess, number>([
        [one, 0],
        [two, 0],
      ]);
      for (const gateway of [one, two])
        gateway.process.onLine((line) => {
          if (line.includes('"delivery attempt"') && line.includes('"state":"DELIVERED"'))
            delivered.set(gateway, delivered.get(gateway)! + 1);
        });
      const applicantId = await enterprise(one);
      await submit([one, two], applicantId, count, 'pair');

      const apps = await allDelivered([two, one], applicantId, count);
      const counts = await expectEachDeliveredOnce(departments, apps);
      expect(perDepartment(counts, 'duplicates')).toEqual(NONE);
      expect(perDepartment(counts, 'rejected')).toEqual(NONE);
      // Both workers delivered, and each delivery was recorded by one of them only.
      const byWorker = await waitFor(
        'both workers’ delivery logs',
        () => Promise.resolve([delivered.get(one)!, delivered.get(two)!]),
        ([a, b]) => a + b >= count * ALL.length,
        { timeoutMs: 5_000 },
      );
      expect(byWorker[0] + byWorker[1]).toBe(count * ALL.length);
      expect(Math.min(...byWorker)).toBeGreaterThan(0);
      process.stdout.write(
        `[application-delivery ${mysqlTarget.label}] two gateways delivered ${byWorker[0]} + ${byWorker[1]} of ${count * ALL.length}\n`,
      );
    }, 120_000);
  });
}
