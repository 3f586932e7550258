import { DEPARTMENTS, SourceError, type DepartmentId } from '@oncegate/adapters';
import type { StoredDelivery } from '@oncegate/registry';
import { Agent, request } from 'undici';
import type { DeliveryReceipt } from '../applications/delivery.worker';
import { webhookPrefix, type WebhookTarget } from './webhook.config';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature';

/** The receipt number a receiver may answer with (`{"receiptNo": "…"}`), if it fits the outbox's column. */
function receiptOf(text: string, status: number): string {
  try {
    const body = JSON.parse(text) as { receiptNo?: unknown } | null;
    const receiptNo = body?.receiptNo;
    if (typeof receiptNo === 'string' && receiptNo !== '' && receiptNo.length <= 128)
      return receiptNo;
  } catch {
    // An empty or non-JSON answer is fine: the status says it arrived.
  }
  return `HTTP ${status}`;
}

/** A failure code undici or the socket gave, for the outbox's `last_error` (never a payload). */
function networkCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'network error';
}

/**
 * Sends CHANGE_NOTICE deliveries to the departments' webhooks (undici, one
 * keep-alive pool per origin): a JSON POST signed with the department's
 * secret over `"<timestamp>.<body>"`, with the delivery's idempotency key,
 * within `timeoutMs`. A 2xx answer is delivered; 4xx (but 408 and 429) is the
 * receiver's final refusal (SOURCE_REJECTED); anything else — 5xx, 408, 429,
 * a network error, a timeout — is worth sending again (the outbox retries
 * with backoff, signing afresh each time).
 */
export class WebhookSender {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 16 });

  constructor(
    private readonly targets: ReadonlyMap<DepartmentId, WebhookTarget>,
    private readonly timeoutMs: number,
  ) {}

  /** The departments change notices are enqueued for: those with a webhook. */
  get departments(): ReadonlySet<string> {
    return new Set(this.targets.keys());
  }

  async send(delivery: StoredDelivery): Promise<DeliveryReceipt> {
    const department = DEPARTMENTS.find((d) => d === delivery.target);
    if (!department)
      throw new Error(`a change notice for an unknown department: ${delivery.target}`);
    const target = this.targets.get(department);
    if (!target)
      throw SourceError.rejected(
        department,
        'NO_WEBHOOK',
        `${webhookPrefix(department)}_WEBHOOK_URL is no longer set`,
      );
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const signal = AbortSignal.timeout(this.timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await request(target.url, {
        dispatcher: this.agent,
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'OnceGate-Webhook/1',
          'idempotency-key': delivery.idempotencyKey,
          [TIMESTAMP_HEADER.toLowerCase()]: String(timestamp),
          [SIGNATURE_HEADER.toLowerCase()]: signWebhook(target.secret, timestamp, body),
        },
        body,
        signal,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (error) {
      if (signal.aborted) throw SourceError.timeout(department, this.timeoutMs);
      throw SourceError.unavailable(department, `webhook: ${networkCode(error)}`, error);
    }
    if (status >= 200 && status < 300)
      return { receiptNo: receiptOf(text, status), receivedAt: new Date() };
    if (status >= 400 && status < 500 && status !== 408 && status !== 429)
      throw SourceError.rejected(
        department,
        `HTTP ${status}`,
        'the webhook receiver refused the change notice',
      );
    throw SourceError.unavailable(department, `webhook answered HTTP ${status}`);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
