import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { usccCheckChar } from '@oncegate/identifiers';
import {
  AuditRepository,
  RegistryResolver,
  type ChangeNotice,
  type IncomingRecord,
} from '@oncegate/registry';
import Ajv2020 from 'ajv/dist/2020';
import { createClient, type Client } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { ChangeFeed } from '../../apps/gateway/src/changes/change-feed';
import { testDatabaseTargets } from '../../libs/registry/src/testing/test-database';
import { TestGateway } from '../support/gateway';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * Journey: the tax bureau records a new legal representative of an
 * enterprise. Every department system holding a record of that enterprise
 * is told — a subscriber over graphql-ws at once, and each department with
 * a webhook by a signed POST, exactly once even when its receiver fails the
 * first attempt — with the old value, the new value and its source.
 */

/** Every notice a department receives must fit the published webhook contract. */
const contract = parse(
  readFileSync(
    join(__dirname, '..', '..', 'contracts', 'webhooks', 'change-notice.openapi.yaml'),
    'utf8',
  ),
) as { components: unknown };
const fitsContract = new Ajv2020({ strict: false, validateFormats: false })
  .addSchema({ $id: 'notice', components: contract.components })
  .compile({ $ref: 'notice#/components/schemas/ChangeNotice' });

const first17 = '91330522MA2D5HHA7';
const USCC = first17 + usccCheckChar(first17);
const NAME = '长兴县画溪新型建材有限公司';
const SECRETS: Record<string, string> = {
  tax: 'tax-webhook-secret-0123456789abcdef',
  'land-planning': 'land-planning-webhook-secret-0123456789',
  'social-insurance': 'social-insurance-webhook-secret-012345',
};

function record(system: string, changedAt: string, legalRepresentative: string): IncomingRecord {
  return {
    system,
    localId: `E2E-CHG-${system}`,
    kind: 'ENTERPRISE',
    name: NAME,
    uscc: USCC,
    residentId: null,
    legalRepresentative,
    birthDate: null,
    phone: null,
    address: '长兴县画溪街道经一路18号',
    changedAt: new Date(changedAt),
    raw: {},
  };
}

// Project approval holds a record too, but has no webhook: it is told nothing by POST.
const RECORDS = ['project-approval', 'land-planning', 'tax', 'social-insurance'].map((system) =>
  record(system, '2026-01-05T02:00:00Z', '王建国'),
);
const NEW_REPRESENTATIVE = record('tax', '2026-03-09T02:00:00Z', '李卫东');

async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const SUBSCRIPTION = `subscription($ids: [ID!]) {
  applicantChanged(applicantIds: $ids) {
    changeId applicantId attribute oldValue newValue source { system observedAt } changedAt
  }
}`;

interface ChangeEvent {
  changeId: string;
  applicantId: string;
  attribute: string;
  oldValue: string | null;
  newValue: string | null;
  source: { system: string; observedAt: string } | null;
  changedAt: string;
}

describe.each(testDatabaseTargets())('change notifications ($label)', (target) => {
  const receiver = new WebhookReceiver(SECRETS);
  let gateway: TestGateway;
  let client: Client;
  let applicantId: string;

  beforeAll(async () => {
    await receiver.start();
    gateway = new TestGateway(target, {
      CHANGE_POLL_MS: '100',
      DELIVERY_POLL_MS: '100',
      DELIVERY_BACKOFF_INITIAL_MS: '100',
      DELIVERY_BACKOFF_MAX_MS: '200',
      ...receiver.env(),
    });
    await gateway.start();
    await gateway.app.listen(0, '127.0.0.1');
    const port = (gateway.app.getHttpServer() as Server).address() as AddressInfo;
    // A department system subscribes with its key and purpose in connectionParams.
    const connectionParams = await gateway.as('department:tax', 'TAX_ADMINISTRATION');
    client = createClient({
      url: `ws://127.0.0.1:${port.port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams,
    });
    await gateway.app.get(RegistryResolver).ingest(RECORDS);
    const res = await gateway.graphql<{
      applicantByIdentifier: { id: string; sourceRecords: { system: string }[] };
    }>(
      `query($v: String!) { applicantByIdentifier(scheme: USCC, value: $v) { id sourceRecords { system } } }`,
      { v: USCC },
    );
    expect(res.errors).toBeUndefined();
    applicantId = res.data!.applicantByIdentifier.id;
    expect(res.data!.applicantByIdentifier.sourceRecords).toHaveLength(4);
  });

  afterAll(async () => {
    await client?.dispose();
    await gateway?.stop();
    await receiver.stop();
  });

  const changesOf = async (id: string) =>
    (
      await gateway.app
        .get(DataSource)
        .query<{ n: unknown }[]>(
          'SELECT COUNT(*) AS n FROM applicant_changes WHERE applicant_id = ?',
          [id],
        )
    )[0].n;

  it('tells nobody about the enterprise’s first golden record', async () => {
    expect(Number(await changesOf(applicantId))).toBe(0);
    // Give the fan-out and the delivery worker a few passes: nothing goes out.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(receiver.received).toEqual([]);
  });

  it('tells a subscriber the old value, the new value and its source, and only the applicants it asked for', async () => {
    const events = client.iterate<{ applicantChanged: ChangeEvent }>({
      query: SUBSCRIPTION,
      variables: { ids: [applicantId] },
    });
    const others: unknown[] = [];
    const unsubscribe = client.subscribe(
      { query: SUBSCRIPTION, variables: { ids: ['00000000-0000-0000-0000-000000000000'] } },
      { next: (value) => others.push(value), error: () => undefined, complete: () => undefined },
    );
    const feed = gateway.app.get(ChangeFeed);
    try {
      const next = events.next();
      await eventually('both subscriptions', () => (feed.subscribers === 2 ? true : undefined));
      receiver.failNext.add('tax');
      await gateway.app.get(RegistryResolver).ingest([NEW_REPRESENTATIVE]);
      const { value } = await next;
      expect(value).toMatchObject({
        data: {
          applicantChanged: {
            applicantId,
            attribute: 'legalRepresentative',
            oldValue: '王建国',
            newValue: '李卫东',
            source: { system: 'TAX', observedAt: '2026-03-09T02:00:00.000Z' },
          },
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(others).toEqual([]);
      // The event sent is an exchange on the audit trail, as a query would be; the
      // subscription that got nothing sent left no record.
      const records = (await gateway.app.get(AuditRepository).find({}, null, 100)).filter(
        (r) => r.kind === 'SUBSCRIPTION',
      );
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        purpose: 'TAX_ADMINISTRATION',
        applicants: [applicantId],
        outcome: 'OK',
        errorCodes: [],
      });
      expect(records[0].consumer).toMatch(/tax/);
      expect(records[0].dataItems.length).toBeGreaterThan(0);
      expect(records[0].documentHash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await events.return?.();
      unsubscribe();
    }
  });

  it('refuses a subscription to too many applicants with a stable code', async () => {
    const refused = client.iterate({
      query: SUBSCRIPTION,
      variables: { ids: Array.from({ length: 1001 }, (_, k) => `id-${k}`) },
    });
    const { value } = await refused.next();
    expect(value).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    await refused.return?.();
  });

  it('POSTs a signed notice to each department with a webhook that holds a record, exactly once though tax failed at first', async () => {
    const delivered = await eventually('three delivered webhooks', () => {
      const ok = receiver.received.filter((r) => r.status === 200);
      return ok.length >= 3 ? ok : undefined;
    });
    expect(delivered.map((r) => r.department).sort()).toEqual([
      'land-planning',
      'social-insurance',
      'tax',
    ]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(delivered.filter((r) => !fitsContract(JSON.parse(r.body)))).toEqual([]);
    // Tax answered 503 once: the outbox sent the same notice again, under the same key.
    const tax = receiver.received.filter((r) => r.department === 'tax');
    expect(tax.map((r) => r.status)).toEqual([503, 200]);
    expect(tax[0].body).toBe(tax[1].body);
    expect(tax[0].headers['idempotency-key']).toBe(tax[1].headers['idempotency-key']);

    const notice = JSON.parse(tax[1].body) as ChangeNotice;
    expect(notice).toMatchObject({
      type: 'applicant.changed',
      department: 'tax',
      applicant: {
        id: applicantId,
        identifiers: [{ scheme: 'USCC', value: USCC }],
        records: [{ localId: 'E2E-CHG-tax' }],
      },
      attribute: 'legalRepresentative',
      oldValue: '王建国',
      newValue: '李卫东',
      source: { system: 'tax', observedAt: '2026-03-09T02:00:00.000Z' },
    });
    expect(tax[1].headers['idempotency-key']).toBe(`change:${notice.changeId}:tax`);
    expect(tax[1].headers['content-type']).toMatch(/^application\/json/);

    // Nothing more arrives: each department got the notice once.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.received.filter((r) => r.status === 200)).toHaveLength(3);
    const rows = await gateway.app
      .get(DataSource)
      .query<{ target: string; state: string; attempts: unknown; receipt_no: string }[]>(
        "SELECT target, state, attempts, receipt_no FROM deliveries WHERE kind = 'CHANGE_NOTICE' ORDER BY target",
      );
    expect(rows.map((r) => [r.target, r.state, Number(r.attempts)])).toEqual([
      ['land-planning', 'DELIVERED', 1],
      ['social-insurance', 'DELIVERED', 1],
      ['tax', 'DELIVERED', 2],
    ]);
    expect(rows.every((r) => r.receipt_no.startsWith('RCPT-'))).toBe(true);
  });
});
