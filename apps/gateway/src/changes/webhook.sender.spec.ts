import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceErrorCode, type DepartmentId } from '@oncegate/adapters';
import type { StoredDelivery } from '@oncegate/registry';
import { verifyWebhook } from './webhook-signature';
import { WebhookSender } from './webhook.sender';
import type { WebhookTarget } from './webhook.config';

const SECRET = 'tax-webhook-secret-0123456789abcdef';

function delivery(target = 'tax'): StoredDelivery {
  return {
    id: 'd-1',
    kind: 'CHANGE_NOTICE',
    applicationId: null,
    procedure: null,
    target,
    idempotencyKey: `change:42:${target}`,
    payload: { type: 'applicant.changed', changeId: '42', newValue: '李卫东' },
    state: 'PENDING',
    attempts: 1,
    nextAttemptAt: new Date(),
    lastError: null,
    receiptNo: null,
    createdAt: new Date(),
    deliveredAt: null,
  };
}

describe('WebhookSender', () => {
  let server: Server;
  let answer: { status: number; body: string; delayMs?: number };
  let seen: { headers: IncomingHttpHeaders; body: string }[];
  let sender: WebhookSender;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        setTimeout(() => res.writeHead(answer.status).end(answer.body), answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const targets = new Map<DepartmentId, WebhookTarget>([
      ['tax', { department: 'tax', url: `http://127.0.0.1:${port}/hooks?k=1`, secret: SECRET }],
      [
        'land-planning',
        { department: 'land-planning', url: 'http://127.0.0.1:1/hooks', secret: SECRET },
      ],
    ]);
    sender = new WebhookSender(targets, 300);
  });

  beforeEach(() => {
    seen = [];
    answer = { status: 200, body: '' };
  });

  afterAll(async () => {
    await sender.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the notice as JSON, signed, with its idempotency key; 2xx is delivered', async () => {
    answer = { status: 202, body: JSON.stringify({ receiptNo: 'SW-2026-0001' }) };
    const receipt = await sender.send(delivery());
    expect(receipt.receiptNo).toBe('SW-2026-0001');
    const [{ headers, body }] = seen;
    expect(JSON.parse(body)).toEqual(delivery().payload);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers['idempotency-key']).toBe('change:42:tax');
    expect(
      verifyWebhook(
        SECRET,
        {
          signature: headers['x-oncegate-signature'] as string,
          timestamp: headers['x-oncegate-timestamp'] as string,
        },
        body,
      ),
    ).toBe(true);
  });

  it('records the status as the receipt when the receiver names none', async () => {
    answer = { status: 204, body: '' };
    expect((await sender.send(delivery())).receiptNo).toBe('HTTP 204');
  });

  it.each([
    [400, SourceErrorCode.SOURCE_REJECTED],
    [401, SourceErrorCode.SOURCE_REJECTED],
    [404, SourceErrorCode.SOURCE_REJECTED],
    [408, SourceErrorCode.SOURCE_UNAVAILABLE],
    [429, SourceErrorCode.SOURCE_UNAVAILABLE],
    [500, SourceErrorCode.SOURCE_UNAVAILABLE],
    [503, SourceErrorCode.SOURCE_UNAVAILABLE],
    [302, SourceErrorCode.SOURCE_UNAVAILABLE],
  ])('reports HTTP %i as %s', async (status, code) => {
    answer = { status, body: '' };
    await expect(sender.send(delivery())).rejects.toMatchObject({ code, source: 'tax' });
  });

  it('reports a receiver slower than the timeout as SOURCE_TIMEOUT', async () => {
    answer = { status: 200, body: '', delayMs: 1000 };
    await expect(sender.send(delivery())).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_TIMEOUT,
    });
  });

  it('reports an unreachable receiver as SOURCE_UNAVAILABLE', async () => {
    await expect(sender.send(delivery('land-planning'))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      source: 'land-planning',
    });
  });

  it('refuses, finally, a notice for a department whose webhook is no longer configured', async () => {
    await expect(sender.send(delivery('social-insurance'))).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_REJECTED,
      departmentCode: 'NO_WEBHOOK',
    });
  });
});
