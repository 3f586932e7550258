import { createHash } from 'node:crypto';
import { Router } from 'express';

/** One submission a simulated department accepted: its case, as the department keeps it. */
export interface ReceivedSubmission {
  /** The caller's idempotency key (header, or the tax system's 请求流水号). */
  readonly idempotencyKey: string;
  /** The department's case number (受理号 / 受理编号 / 回执号). */
  readonly receiptNo: string;
  /** When the department first received it, to the second (what the receipt says). */
  readonly receivedAt: Date;
  /** The sender's application number as the department recorded it (申办流水号, 外部业务号 …). */
  readonly reference: string;
  /** What was applied for, in the department's words (e.g. 备案, 建设用地规划许可证). */
  readonly kind: string;
  /** The submission as received, in the department's wire format (JSON-able). */
  readonly content: unknown;
  /** Deliveries of this key with this content: 1, plus one per duplicate. */
  readonly deliveries: number;
}

/** What one department has received through its submission operation, since it started or was cleared. */
export interface SubmissionCounts {
  /** Deliveries answered with a receipt: new cases plus duplicates. */
  readonly received: number;
  /** Distinct idempotency keys accepted: the cases opened. */
  readonly distinctKeys: number;
  /** Deliveries of a key already accepted with the same content, answered with the first receipt. */
  readonly duplicates: number;
  /** Deliveries refused because their key had been accepted with other content. */
  readonly conflicts: number;
  /** Deliveries refused for their content (a 4xx, a SOAP Client fault): no case, no key kept. */
  readonly rejected: number;
}

/** What a delivery came to: a new case, the same case again, or a key already used for other content. */
export type SubmissionOutcome =
  | { readonly kind: 'accepted'; readonly submission: ReceivedSubmission }
  | { readonly kind: 'duplicate'; readonly submission: ReceivedSubmission }
  | { readonly kind: 'conflict'; readonly submission: ReceivedSubmission };

export interface SubmissionLedgerOptions {
  /** The department's case number for its `sequence`-th case (from 1), opened at `receivedAt`. */
  readonly receiptNo?: (sequence: number, receivedAt: Date) => string;
  /** The department's clock (epoch ms). */
  readonly clock?: () => number;
}

interface Entry {
  readonly submission: ReceivedSubmission;
  readonly fingerprint: string;
  deliveries: number;
}

/**
 * What a simulated department keeps of the submissions it accepts, and how
 * it deduplicates them: by idempotency key, comparing the content (a digest
 * of its canonical JSON, so key order does not matter). The same key with the
 * same content is the same case (a duplicate, answered with the first
 * receipt); with other content it is a conflict. Content that fails the
 * department's checks is only counted (`reject`): it opens no case and keeps
 * no key, so the sender may correct it under the same key.
 *
 * Served to tests as `GET /__admin/submissions` (counts and cases) and
 * `DELETE /__admin/submissions` (forget everything), never faulted.
 */
export class SubmissionLedger {
  private readonly byKey = new Map<string, Entry>();
  private readonly receiptNo: (sequence: number, receivedAt: Date) => string;
  private readonly clock: () => number;
  private received = 0;
  private conflicts = 0;
  private rejected = 0;

  constructor(options: SubmissionLedgerOptions = {}) {
    this.receiptNo = options.receiptNo ?? ((sequence) => `SUB${String(sequence).padStart(8, '0')}`);
    this.clock = options.clock ?? Date.now;
  }

  /**
   * One delivery of a submission whose content passed the department's
   * checks: opens a case for a new key, or says what the key already holds.
   */
  deliver(delivery: {
    readonly idempotencyKey: string;
    readonly reference: string;
    readonly kind: string;
    readonly content: unknown;
  }): SubmissionOutcome {
    const fingerprint = contentDigest(delivery.content);
    const known = this.byKey.get(delivery.idempotencyKey);
    if (known) {
      if (known.fingerprint !== fingerprint) {
        this.conflicts++;
        return { kind: 'conflict', submission: this.view(known) };
      }
      this.received++;
      known.deliveries++;
      return { kind: 'duplicate', submission: this.view(known) };
    }
    const receivedAt = new Date(Math.floor(this.clock() / 1000) * 1000);
    const submission: ReceivedSubmission = {
      idempotencyKey: delivery.idempotencyKey,
      receiptNo: this.receiptNo(this.byKey.size + 1, receivedAt),
      receivedAt,
      reference: delivery.reference,
      kind: delivery.kind,
      content: structuredClone(delivery.content),
      deliveries: 1,
    };
    const entry: Entry = { submission, fingerprint, deliveries: 1 };
    this.byKey.set(delivery.idempotencyKey, entry);
    this.received++;
    return { kind: 'accepted', submission: this.view(entry) };
  }

  /** Counts a delivery refused for its content. */
  reject(): void {
    this.rejected++;
  }

  counts(): SubmissionCounts {
    return {
      received: this.received,
      distinctKeys: this.byKey.size,
      duplicates: this.received - this.byKey.size,
      conflicts: this.conflicts,
      rejected: this.rejected,
    };
  }

  /** Every case, in the order they were opened (copies). */
  list(): ReceivedSubmission[] {
    return [...this.byKey.values()].map((entry) => this.view(entry));
  }

  /** The case of one idempotency key, if any (a copy). */
  get(idempotencyKey: string): ReceivedSubmission | undefined {
    const entry = this.byKey.get(idempotencyKey);
    return entry && this.view(entry);
  }

  /** Forgets every case and count: the next delivery of any key opens a new case. */
  clear(): void {
    this.byKey.clear();
    this.received = 0;
    this.conflicts = 0;
    this.rejected = 0;
  }

  /** `GET /__admin/submissions` and `DELETE /__admin/submissions`. */
  adminRouter(department: string): Router {
    const router = Router();
    router.get('/__admin/submissions', (_req, res) => {
      res.json({
        department,
        counts: this.counts(),
        submissions: this.list().map((s) => ({ ...s, receivedAt: s.receivedAt.toISOString() })),
      });
    });
    router.delete('/__admin/submissions', (_req, res) => {
      this.clear();
      res.json({ department, counts: this.counts() });
    });
    return router;
  }

  private view(entry: Entry): ReceivedSubmission {
    return {
      ...entry.submission,
      receivedAt: new Date(entry.submission.receivedAt),
      content: structuredClone(entry.submission.content),
      deliveries: entry.deliveries,
    };
  }
}

/** A digest of JSON-able content that does not depend on the order of object keys. */
function contentDigest(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `yyyyMMdd` of an instant in China time (UTC+8), for case numbers. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}
