import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorSignatureValid, recordHash, sha256Hex, type AuditRecord } from '@oncegate/audit';
import { AuditRepository } from '@oncegate/registry';
import { validateUscc } from '@oncegate/identifiers';
import { DataSource } from 'typeorm';
import { DemoApplication } from '../../apps/gateway/src/applications/demo-application';
import { AuditAnchorer } from '../../apps/gateway/src/audit/audit-anchorer';
import { SyncWorker } from '../../apps/gateway/src/sync/sync.worker';
import { DepartmentSimulatorHost } from '../../apps/gateway/src/departments/department-simulator-host';
import { runCli } from '../../apps/cli/src/testing/run-cli';
import { describeGateway, type TestGateway } from '../support/gateway';

/**
 * Every exchange on the record: one audit record per operation — consumer,
 * official, purpose, case, operation and document hash, applicants,
 * items, departments, outcome — no values; auditors trace an applicant;
 * applicants see who read their data; the chain shows an edit; and when the
 * record cannot be written, no data leaves.
 */
const READ = `query Read($v: String!) {
  applicantByIdentifier(scheme: USCC, value: $v) {
    id name
    tax { taxpayerId creditRating { level } }
    projects { projectCode }
  }
}`;

const EXCHANGES = `query($filter: ExchangeFilter, $after: String) {
  exchanges(filter: $filter, first: 50, after: $after) {
    edges { cursor node { seq consumer userId purpose caseId kind operationName documentHash applicants dataItems departments outcome errorCodes hash prevHash } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Node = {
  seq: string;
  consumer: string;
  userId: string | null;
  purpose: string;
  caseId: string | null;
  kind: string;
  operationName: string | null;
  documentHash: string;
  applicants: string[];
  dataItems: string[];
  departments: string[];
  outcome: string;
  errorCodes: string[];
};

describeGateway('the audit trail', (gateway: TestGateway) => {
  let uscc: string;
  let applicantId: string;
  const auditor = () => gateway.as('auditor', 'AUDIT');
  const exchanges = async (filter: Record<string, unknown>) => {
    const res = await gateway.graphql<{ exchanges: { edges: { node: Node }[] } }>(
      EXCHANGES,
      { filter },
      await auditor(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.exchanges.edges.map((e) => e.node);
  };

  beforeAll(() => {
    const sims = gateway.app.get(DepartmentSimulatorHost).simulators();
    const counts = new Map<string, Set<string>>();
    for (const row of sims.truth)
      counts.set(row.applicantKey, (counts.get(row.applicantKey) ?? new Set()).add(row.system));
    uscc = [...counts].find(([k, s]) => s.size === 4 && validateUscc(k).valid)![0];
  });

  it('records who read what about whom, for what purpose and case, without any value', async () => {
    const res = await gateway.graphql<{ applicantByIdentifier: { id: string } }>(
      READ,
      { v: uscc },
      {
        ...(await gateway.as('department:tax', 'TAX_ADMINISTRATION')),
        'X-User-Id': 'officer-9',
        'X-Case-Id': '330522-2026-0042',
      },
    );
    expect(res.errors).toBeUndefined();
    applicantId = res.data!.applicantByIdentifier.id;
    const [record] = await exchanges({ caseId: '330522-2026-0042' });
    expect(record).toMatchObject({
      consumer: 'test-department-tax',
      userId: 'officer-9',
      purpose: 'TAX_ADMINISTRATION',
      kind: 'QUERY',
      operationName: 'Read',
      documentHash: sha256Hex(READ),
      applicants: [applicantId],
      outcome: 'OK',
      errorCodes: [],
    });
    expect(record.dataItems.sort()).toEqual([
      'applicant.identity',
      'project.registration',
      'tax.credit-rating',
      'tax.registration',
    ]);
    expect(record.departments.sort()).toEqual(['project-approval', 'tax']);
    expect(JSON.stringify(record)).not.toContain(uscc);
  });

  it('records refusals: a field denied, an operation denied', async () => {
    await gateway.graphql(
      READ,
      { v: uscc },
      { ...(await gateway.as('eservice')), 'X-Case-Id': 'partial-1' },
    );
    const [partial] = await exchanges({ caseId: 'partial-1' });
    expect(partial).toMatchObject({
      outcome: 'PARTIAL',
      errorCodes: ['FORBIDDEN_DATA_ITEM:tax.credit-rating'],
    });
    expect(partial.dataItems).not.toContain('tax.credit-rating');

    await gateway.graphql(
      READ,
      { v: uscc },
      { ...(await gateway.as('admin', 'SYSTEM_ADMINISTRATION')), 'X-Case-Id': 'denied-1' },
    );
    const [denied] = await exchanges({ caseId: 'denied-1' });
    expect(denied).toMatchObject({
      outcome: 'DENIED',
      errorCodes: ['FORBIDDEN'],
      dataItems: [],
      applicants: [],
    });
  });

  it('records requests refused at the door, with their consumer when the key was good', async () => {
    await gateway
      .http()
      .post('/graphql')
      .set({
        'Content-Type': 'application/json',
        Authorization: 'Bearer og_nope',
        'X-Case-Id': 'door-1',
      })
      .send({ query: '{ procedures { code } }' })
      .expect(401);
    const key = await gateway.key('eservice');
    await gateway
      .http()
      .post('/graphql')
      .set({
        'Content-Type': 'application/json',
        Authorization: `Bearer ${key}`,
        'X-Case-Id': 'door-2',
      })
      .send({ query: '{ procedures { code } }' })
      .expect(400);
    expect(await exchanges({ caseId: 'door-1' })).toEqual([
      expect.objectContaining({
        kind: 'DENIAL',
        consumer: null,
        outcome: 'DENIED',
        errorCodes: ['UNAUTHENTICATED'],
      }),
    ]);
    expect(await exchanges({ caseId: 'door-2' })).toEqual([
      expect.objectContaining({
        kind: 'DENIAL',
        consumer: 'test-eservice',
        purpose: null,
        errorCodes: ['PURPOSE_REQUIRED'],
      }),
    ]);
  });

  it('lets an auditor trace one applicant, one consumer, one data item, with paging', async () => {
    const byApplicant = await exchanges({ applicantId });
    expect(byApplicant.length).toBeGreaterThanOrEqual(2);
    expect(byApplicant.every((r) => r.applicants.includes(applicantId))).toBe(true);
    const byItem = await exchanges({ dataItem: 'tax.credit-rating' });
    expect(byItem.map((r) => r.consumer)).toEqual(['test-department-tax']);
    const res = await gateway.graphql<{
      exchanges: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(
      `{ exchanges(first: 1) { edges { node { seq } } pageInfo { hasNextPage endCursor } } }`,
      {},
      await auditor(),
    );
    expect(res.data!.exchanges.pageInfo.hasNextPage).toBe(true);
    const next = await gateway.graphql<{ exchanges: { edges: { node: { seq: string } }[] } }>(
      EXCHANGES,
      { after: res.data!.exchanges.pageInfo.endCursor },
      await auditor(),
    );
    expect(Number(next.data!.exchanges.edges[0].node.seq)).toBeLessThan(
      Number(res.data!.exchanges.pageInfo.endCursor),
    );
    const notAuditor = await gateway.graphql(EXCHANGES, {}, await gateway.as('steward'));
    expect(notAuditor.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('shows the applicant who read their data (through an e-service)', async () => {
    const res = await gateway.graphql<{
      accessHistory: {
        consumer: string;
        purpose: string;
        dataItems: string[];
        departments: string[];
      }[];
    }>(
      `query($id: ID!) { accessHistory(applicantId: $id) { at consumer purpose dataItems departments outcome } }`,
      { id: applicantId },
      await gateway.as('eservice'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.accessHistory.map((e) => e.consumer)).toEqual(
      expect.arrayContaining(['test-department-tax', 'test-eservice']),
    );
    expect(res.data!.accessHistory.find((e) => e.consumer === 'test-department-tax')).toMatchObject(
      { purpose: 'TAX_ADMINISTRATION', departments: expect.arrayContaining(['tax']) },
    );
  });

  it('records each delivery to a department, under the application number and its applicant, for the applicant to see', async () => {
    const id = await gateway.app.get(DemoApplication).submitIfAbsent();
    const res = await gateway.graphql<{
      application: { applicationNo: string; applicantId: string };
    }>(
      'query($id: ID!) { application(id: $id) { applicationNo applicantId } }',
      { id },
      await gateway.as('eservice'),
    );
    const applicationNo = res.data!.application.applicationNo;
    let deliveries: Node[] = [];
    for (let i = 0; i < 100 && deliveries.length < 5; i++) {
      await new Promise((r) => setTimeout(r, 100));
      deliveries = await exchanges({ caseId: applicationNo });
    }
    expect(deliveries.map((d) => d.departments[0]).sort()).toEqual([
      'land-planning',
      'land-planning',
      'project-approval',
      'social-insurance',
      'tax',
    ]);
    expect(
      deliveries.every((d) => d.kind === 'DELIVERY' && d.outcome === 'OK' && d.consumer === null),
    ).toBe(true);
    const applicant = res.data!.application.applicantId;
    expect(deliveries.every((d) => d.applicants.includes(applicant))).toBe(true);
    // The auditor traces the applicant's data to each department; the applicant sees it too.
    expect(
      (await exchanges({ applicantId: applicant })).filter((d) => d.kind === 'DELIVERY'),
    ).toHaveLength(5);
    const history = await gateway.graphql<{
      accessHistory: { kind: string; caseId: string | null; departments: string[] }[];
    }>(
      'query($id: ID!) { accessHistory(applicantId: $id) { kind caseId departments } }',
      { id: applicant },
      await gateway.as('eservice'),
    );
    expect(
      history
        .data!.accessHistory.filter((e) => e.kind === 'DELIVERY')
        .map((e) => [e.caseId, e.departments[0]])
        .sort(),
    ).toEqual(
      ['land-planning', 'land-planning', 'project-approval', 'social-insurance', 'tax'].map((d) => [
        applicationNo,
        d,
      ]),
    );
  });

  it('records a sync from the departments, one exchange per department read', async () => {
    await gateway.app.get(SyncWorker).runOnce();
    const res = await gateway.graphql<{
      exchanges: {
        edges: {
          node: { kind: string; departments: string[]; outcome: string; operationName: string };
        }[];
      };
    }>(
      '{ exchanges(first: 20) { edges { node { kind departments outcome operationName } } } }',
      {},
      await auditor(),
    );
    const syncs = res.data!.exchanges.edges.map((e) => e.node).filter((n) => n.kind === 'SYNC');
    expect(syncs.map((n) => n.departments[0]).sort()).toEqual([
      'land-planning',
      'project-approval',
      'social-insurance',
      'tax',
    ]);
    expect(
      syncs.every((n) => n.outcome === 'OK' && n.operationName === `sync:${n.departments[0]}`),
    ).toBe(true);
  });

  it('keeps one intact chain under concurrent requests (group commit)', async () => {
    const status = async () =>
      (
        await gateway.graphql<{
          auditChainStatus: {
            headSeq: string;
            intact: boolean;
            recordsChecked: number;
            firstBrokenSeq: string | null;
            firstBrokenReason: string | null;
          };
        }>(
          '{ auditChainStatus { headSeq intact recordsChecked firstBrokenSeq firstBrokenReason } }',
          {},
          await auditor(),
        )
      ).data!.auditChainStatus;
    const before = await status();
    const headers = await gateway.as('eservice');
    await Promise.all(
      Array.from({ length: 30 }, () => gateway.graphql('{ procedures { code } }', {}, headers)),
    );
    const after = await status();
    // 30 reads, plus the status query before them (and any delivery meanwhile).
    expect(Number(after.headSeq)).toBeGreaterThanOrEqual(Number(before.headSeq) + 31);
    expect(after).toMatchObject({ intact: true, recordsChecked: Number(after.headSeq) });
  });

  it('returns no data when the record cannot be written (AUDIT_UNAVAILABLE, 503), and recovers', async () => {
    const dataSource = gateway.app.get(DataSource);
    await dataSource.query('ALTER TABLE audit_records RENAME TO audit_records_away');
    try {
      const res = await gateway.graphql<unknown>(READ, { v: uscc }, await gateway.as('eservice'));
      expect(res.status).toBe(503);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([
        { message: expect.any(String), extensions: { code: 'AUDIT_UNAVAILABLE' } },
      ]);
    } finally {
      await dataSource.query('ALTER TABLE audit_records_away RENAME TO audit_records');
    }
    const again = await gateway.graphql(READ, { v: uscc }, await gateway.as('eservice'));
    expect(again.status).toBe(200);
  });

  it('shows an edit made with SQL: the chain status names the record', async () => {
    await gateway.app
      .get(DataSource)
      .query("UPDATE audit_records SET purpose = 'CURIOSITY' WHERE seq = 2");
    const res = await gateway.graphql<{
      auditChainStatus: { intact: boolean; firstBrokenSeq: string; firstBrokenReason: string };
    }>('{ auditChainStatus { intact firstBrokenSeq firstBrokenReason } }', {}, await auditor());
    expect(res.data!.auditChainStatus).toEqual({
      intact: false,
      firstBrokenSeq: '2',
      firstBrokenReason: 'RECORD_ALTERED',
    });
  });
});

const SIGNING = generateKeyPairSync('ed25519');
const keyDir = mkdtempSync(join(tmpdir(), 'oncegate-audit-keys-'));

describeGateway(
  'the audit trail’s anchors',
  (gateway: TestGateway) => {
    it('signs the head when it moved, once, with the configured key', async () => {
      await gateway.graphql('{ procedures { code } }', {}, await gateway.as('eservice'));
      const anchorer = gateway.app.get(AuditAnchorer);
      const anchor = await anchorer.anchorNow();
      const head = await gateway.app.get(AuditRepository).head();
      expect(anchor).toMatchObject({ seq: head.seq, hash: head.hash });
      expect(anchorSignatureValid(SIGNING.publicKey, anchor!)).toBe(true);
      expect(await anchorer.anchorNow()).toBeNull();
    });

    it('names the first record edited, rewritten, deleted or reordered with SQL — in the chain status and in `oncegate audit verify`', async () => {
      const eservice = await gateway.as('eservice');
      for (let k = 0; k < 6; k++) await gateway.graphql('{ procedures { code } }', {}, eservice);
      await gateway.app.get(AuditAnchorer).anchorNow();
      const sql = gateway.app.get(DataSource);
      const audit = gateway.app.get(AuditRepository);
      const head = await audit.head();
      const publicKey = join(keyDir, 'audit.pub.pem');
      writeFileSync(publicKey, SIGNING.publicKey.export({ type: 'spki', format: 'pem' }));
      const verify = async () => {
        const lines = await runCli(
          gateway.databaseUrl,
          'audit',
          'verify',
          '--public-key',
          publicKey,
        );
        process.exitCode = 0;
        return lines[0];
      };
      const status = async () =>
        (
          await gateway.graphql<{
            auditChainStatus: {
              intact: boolean;
              signaturesChecked: boolean;
              anchorsVerified: number;
              signedThroughSeq: string | null;
              firstBrokenSeq: string | null;
              firstBrokenReason: string | null;
            };
          }>(
            '{ auditChainStatus { intact signaturesChecked anchorsVerified signedThroughSeq firstBrokenSeq firstBrokenReason } }',
            {},
            await gateway.as('auditor', 'AUDIT'),
          )
        ).data!.auditChainStatus;

      expect(await status()).toEqual({
        intact: true,
        signaturesChecked: true,
        anchorsVerified: 2,
        signedThroughSeq: String(head.seq),
        firstBrokenSeq: null,
        firstBrokenReason: null,
      });
      expect(await verify()).toMatch(
        /^Intact: \d+ records verified, 2 anchors with valid signatures/,
      );

      // Each tampering is undone afterwards: the rows from record k to the anchored head
      // are put back as they were.
      const k = head.seq - 3;
      const original = await audit.range(1, head.seq, 1000);
      const insert = async (r: AuditRecord): Promise<void> => {
        await sql.query(
          `INSERT INTO audit_records (seq, at, request_id, consumer, user_id, purpose, case_id, kind, operation_name, document_hash, applicants, data_items, departments, outcome, error_codes, duration_ms, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            r.seq,
            r.at.replace('T', ' ').replace('Z', ''),
            r.requestId,
            r.consumer,
            r.userId,
            r.purpose,
            r.caseId,
            r.kind,
            r.operationName,
            r.documentHash,
            JSON.stringify(r.applicants),
            JSON.stringify(r.dataItems),
            JSON.stringify(r.departments),
            r.outcome,
            JSON.stringify(r.errorCodes),
            r.durationMs,
            r.prevHash,
            r.hash,
          ],
        );
      };
      const restore = async () => {
        await sql.query('DELETE FROM audit_records WHERE seq = 0 OR (seq >= ? AND seq <= ?)', [
          k,
          head.seq,
        ]);
        for (const r of original.slice(k - 1)) await insert(r);
        expect((await status()).intact).toBe(true);
      };

      // An edit.
      await sql.query("UPDATE audit_records SET consumer = 'someone-else' WHERE seq = ?", [k]);
      expect(await status()).toMatchObject({
        firstBrokenSeq: String(k),
        firstBrokenReason: 'RECORD_ALTERED',
      });
      expect(await verify()).toMatch(new RegExp(`^BROKEN at record ${k}: RECORD_ALTERED`));
      await restore();

      // An edit covered by recomputing every hash after it: the signed anchor disagrees.
      let prev = original[k - 2].hash;
      for (const r of original.slice(k - 1)) {
        const facts = r.seq === k ? { ...r, purpose: 'CURIOSITY' } : r;
        const hash = recordHash(prev, r.seq, facts);
        await sql.query(
          'UPDATE audit_records SET purpose = ?, prev_hash = ?, hash = ? WHERE seq = ?',
          [facts.purpose, prev, hash, r.seq],
        );
        prev = hash;
      }
      expect(await status()).toMatchObject({
        firstBrokenSeq: String(head.seq),
        firstBrokenReason: 'ANCHOR_MISMATCH',
      });
      expect(await verify()).toMatch(new RegExp(`^BROKEN at record ${head.seq}: ANCHOR_MISMATCH`));
      await restore();

      // A deletion.
      await sql.query('DELETE FROM audit_records WHERE seq = ?', [k]);
      expect(await status()).toMatchObject({
        firstBrokenSeq: String(k + 1),
        firstBrokenReason: 'SEQUENCE_GAP',
      });
      expect(await verify()).toMatch(new RegExp(`^BROKEN at record ${k + 1}: SEQUENCE_GAP`));
      await restore();

      // Two records swapped (renumbered into each other's places).
      await sql.query('UPDATE audit_records SET seq = 0 WHERE seq = ?', [k]);
      await sql.query('UPDATE audit_records SET seq = ? WHERE seq = ?', [k, k + 1]);
      await sql.query('UPDATE audit_records SET seq = ? WHERE seq = 0', [k + 1]);
      expect(await status()).toMatchObject({
        firstBrokenSeq: String(k),
        firstBrokenReason: 'CHAIN_BROKEN',
      });
      expect(await verify()).toMatch(new RegExp(`^BROKEN at record ${k}: CHAIN_BROKEN`));
      await restore();

      // The last record deleted: the head names one more than is stored.
      const last = await audit.head();
      const lastRecord = (await audit.record(last.seq))!;
      await sql.query('DELETE FROM audit_records WHERE seq = ?', [last.seq]);
      expect(await status()).toMatchObject({
        firstBrokenSeq: String(last.seq),
        firstBrokenReason: 'SEQUENCE_GAP',
      });
      await insert(lastRecord);
      expect((await status()).intact).toBe(true);
    });
  },
  {
    AUDIT_SIGNING_KEY: SIGNING.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    AUDIT_ANCHOR_INTERVAL_S: '0',
  },
);
