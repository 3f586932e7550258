import { generateKeyPairSync } from 'node:crypto';
import { anchorSignatureValid } from '@oncegate/audit';
import { DEMO_CONSTRUCTION_PROCEDURES, demoConstructionItems } from '@oncegate/demo';
import { AuditRepository, databaseOptionsFromUrl } from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { TestDatabase, testDatabaseTargets } from '../../libs/registry/src/testing/test-database';
import {
  DeptSimProcess,
  GatewayProcess,
  ProcessGroup,
  requestJson,
  waitFor,
} from '../support/processes';

/**
 * A gateway stopped with SIGTERM, as Kubernetes or compose stop it:
 * readiness turns 503 at once while liveness stays 200, the request in
 * flight is answered, deliveries being sent finish and no lease is left
 * held, the audit trail's last records are written and the head is signed
 * once more — on SQLite and on MariaDB — and the process exits 0.
 */
const SIGNING = generateKeyPairSync('ed25519');
const DEPARTMENT_LATENCY_MS = 1_500;

const SLOW = `query Slow($id: ID!) { applicant(id: $id) { id projects { projectCode } } }`;
const SUBMIT = `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`;

const group = new ProcessGroup();
let departments: DeptSimProcess;

beforeAll(async () => {
  departments = await DeptSimProcess.start(group);
}, 90_000);

afterAll(() => group.stopAll());

describe.each(testDatabaseTargets())('a gateway stopped with SIGTERM ($label)', (target) => {
  const db = new TestDatabase(target, { migrate: false });
  const gateways = new ProcessGroup();
  const afterwards: (() => Promise<void>)[] = [];

  afterAll(async () => {
    await gateways.stopAll();
    for (const close of afterwards) await close();
    await departments.faultsEverywhere({ latencyMs: 0 });
    await db.close();
  });

  it('answers what is in flight, hands its deliveries back and signs the audit head before it exits', async () => {
    await db.open();
    await db.dataSource.destroy();
    await departments.reset();
    const gateway = await GatewayProcess.start(gateways, {
      databaseUrl: db.url,
      departments,
      env: {
        AUDIT_SIGNING_KEY: SIGNING.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        AUDIT_ANCHOR_INTERVAL_S: '0',
        SHUTDOWN_DELAY_MS: '1000',
        PROJECT_APPROVAL_CACHE_TTL_MS: '0',
        PROJECT_APPROVAL_TIMEOUT_MS: '10000',
        LAND_PLANNING_TIMEOUT_MS: '10000',
        TAX_TIMEOUT_MS: '10000',
        SOCIAL_INSURANCE_TIMEOUT_MS: '10000',
        DELIVERY_POLL_MS: '100',
      },
    });
    const found = await gateway.graphql<{
      searchApplicants: { id: string; kind: string; identifiers: { scheme: string }[] }[];
    }>(`{ searchApplicants(name: "有限公司", first: 50) { id kind identifiers { scheme } } }`);
    const applicantId = found.data!.searchApplicants.find(
      (a) => a.kind === 'ENTERPRISE' && a.identifiers.some((i) => i.scheme === 'USCC'),
    )!.id;
    await departments.faultsEverywhere({ latencyMs: DEPARTMENT_LATENCY_MS });
    const submitted = await gateway.graphql<{ submitApplication: { id: string } }>(SUBMIT, {
      input: {
        idempotencyKey: 'graceful-0001',
        applicantId,
        procedures: [...DEMO_CONSTRUCTION_PROCEDURES],
        items: Object.entries(demoConstructionItems()).map(([id, value]) => ({ id, value })),
      },
    });
    expect(submitted.errors).toBeUndefined();
    // Deliveries are being sent (each takes 1.5 s at the department) and a slow read is on its way.
    await waitFor(
      'a first delivery answered',
      () => departments.counts(),
      (counts) => Object.values(counts).some((c) => c.received > 0),
    );
    const slow = gateway.graphql<{ applicant: { id: string; projects: unknown[] } }>(SLOW, {
      id: applicantId,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const exited = gateway.process.kill('SIGTERM');
    await waitFor(
      'readiness 503',
      async () =>
        (await requestJson('GET', `${gateway.url}/health/ready`, undefined, 2_000)).status,
      (status) => status === 503,
    );
    expect((await requestJson('GET', `${gateway.url}/health/live`, undefined, 2_000)).status).toBe(
      200,
    );

    const answered = await slow;
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.applicant).toMatchObject({
      id: applicantId,
      projects: expect.any(Array),
    });
    expect(await exited).toEqual({ code: 0, signal: null });

    const after = new DataSource(databaseOptionsFromUrl(db.url));
    await after.initialize();
    afterwards.push(() => after.destroy());
    const leased = await after.query<{ n: number | string }[]>(
      'SELECT COUNT(*) AS n FROM deliveries WHERE lease_owner IS NOT NULL',
    );
    expect(Number(leased[0].n)).toBe(0);
    const audit = new AuditRepository(after);
    const head = await audit.head();
    const anchor = await audit.latestAnchor();
    expect(anchor).toMatchObject({ seq: head.seq, hash: head.hash });
    expect(anchorSignatureValid(SIGNING.publicKey, anchor!)).toBe(true);
    const slowRecord = (await audit.find({ applicantId }, null, 50)).find(
      (r) => r.operationName === 'Slow',
    );
    expect(slowRecord).toMatchObject({ kind: 'QUERY', outcome: 'OK' });
    // Every delivery attempt that was under way when the signal came was recorded too.
    const deliveries = (await audit.range(1, head.seq, 10_000)).filter(
      (r) => r.kind === 'DELIVERY',
    );
    expect(deliveries.length).toBeGreaterThan(0);
  }, 90_000);
});
