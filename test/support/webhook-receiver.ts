import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from '../../apps/gateway/src/changes/webhook-signature';

/** One POST a department's webhook receiver got, and what it made of it. */
export interface ReceivedWebhook {
  department: string;
  idempotencyKey: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
  /** The HMAC over the raw body and timestamp matched the department's secret. */
  verified: boolean;
  /** What the receiver answered: 200 with a receipt when verified, 401 when not, 503 when told to fail. */
  status: number;
}

/**
 * The webhook receivers of several departments in one local HTTP server
 * (`POST /hooks/<department>`), written as a department would write one:
 * recompute the signature over the raw body, refuse what does not verify,
 * answer 200 with a receipt otherwise. Everything it got is in `received`.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Departments whose next request gets a 503 (their system is down for a moment). */
  readonly failNext = new Set<string>();
  private server: Server | undefined;
  private port = 0;

  /** `secrets`: each department's webhook secret (at least 32 characters). */
  constructor(private readonly secrets: Readonly<Record<string, string>>) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const department = (req.url ?? '').replace('/hooks/', '');
        const body = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => {
          const value = req.headers[name.toLowerCase()];
          return typeof value === 'string' ? value : undefined;
        };
        const verified = verifyWebhook(
          this.secrets[department] ?? '',
          { signature: header(SIGNATURE_HEADER), timestamp: header(TIMESTAMP_HEADER) },
          body,
        );
        const status = !verified ? 401 : this.failNext.delete(department) ? 503 : 200;
        this.received.push({
          department,
          idempotencyKey: header('Idempotency-Key'),
          headers: req.headers,
          body,
          verified,
          status,
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(
          status === 200 ? JSON.stringify({ receiptNo: `RCPT-${this.received.length}` }) : '{}',
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /**
   * The gateway settings that send each department's notices here:
   * `<DEPT>_WEBHOOK_URL` and `<DEPT>_WEBHOOK_SECRET` (`land-planning` → `LAND_PLANNING_…`).
   */
  env(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.secrets).flatMap(([department, secret]) => {
        const prefix = department.toUpperCase().replaceAll('-', '_');
        return [
          [`${prefix}_WEBHOOK_URL`, `http://127.0.0.1:${this.port}/hooks/${department}`],
          [`${prefix}_WEBHOOK_SECRET`, secret],
        ];
      }),
    );
  }

  /** Stops listening and closes the connections senders keep alive. */
  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
