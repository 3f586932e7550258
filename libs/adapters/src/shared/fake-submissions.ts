import type { DepartmentId } from './department';
import { SourceError } from './source-error';
import type { DepartmentSubmission, SubmissionReceipt } from './submission';

/** One case a fake department opened: the submission as first received, and its receipt. */
export interface FakeSubmissionCase {
  readonly submission: DepartmentSubmission;
  readonly receipt: SubmissionReceipt;
  /** Deliveries of its key: 1, plus one per duplicate. */
  readonly deliveries: number;
}

interface Case {
  readonly submission: DepartmentSubmission;
  readonly receipt: SubmissionReceipt;
  readonly fingerprint: string;
  deliveries: number;
}

/**
 * What the adapters' fakes do with submissions, as the real departments do:
 * every delivery is recorded; the first delivery of an idempotency key opens
 * a case with a receipt, the same key with the same content again gets that
 * receipt with `duplicate: true`, and the same key with other content is
 * refused (SOURCE_REJECTED, as a real department's conflict is).
 */
export class FakeSubmissions {
  /** Every submission delivered, in order, duplicates included (copies). */
  readonly calls: DepartmentSubmission[] = [];
  private readonly byKey = new Map<string, Case>();

  constructor(
    private readonly source: DepartmentId,
    /** The fake's case numbers: this prefix and a sequence. */
    private readonly receiptPrefix: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * A fake adapter's `submit`: the submission goes through the real adapter's
   * mapping first (`toPayload` throws what the real adapter would, before
   * sending), then fails with the fake's injected `failure` if there is one,
   * else is delivered.
   */
  submit(
    submission: DepartmentSubmission,
    toPayload: (submission: DepartmentSubmission) => unknown,
    failure: Error | null,
  ): Promise<SubmissionReceipt> {
    try {
      toPayload(submission);
      if (failure) return Promise.reject(failure);
      return Promise.resolve(this.deliver(submission));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** One delivery (after the adapter's own checks): the receipt, or a conflict. */
  deliver(submission: DepartmentSubmission): SubmissionReceipt {
    const copy = copySubmission(submission);
    this.calls.push(copy);
    const fingerprint = fingerprintOf(copy);
    const known = this.byKey.get(copy.idempotencyKey);
    if (known) {
      if (known.fingerprint !== fingerprint) {
        throw SourceError.rejected(
          this.source,
          'CONFLICT',
          'the idempotency key was used before for other content',
        );
      }
      known.deliveries++;
      return { ...known.receipt, receivedAt: new Date(known.receipt.receivedAt), duplicate: true };
    }
    const receipt: SubmissionReceipt = {
      receiptNo: `${this.receiptPrefix}${String(this.byKey.size + 1).padStart(6, '0')}`,
      receivedAt: new Date(Math.floor(this.clock() / 1000) * 1000),
      duplicate: false,
    };
    this.byKey.set(copy.idempotencyKey, { submission: copy, receipt, fingerprint, deliveries: 1 });
    return { ...receipt, receivedAt: new Date(receipt.receivedAt) };
  }

  /** The cases opened, in order (copies). */
  cases(): FakeSubmissionCase[] {
    return [...this.byKey.values()].map((c) => ({
      submission: copySubmission(c.submission),
      receipt: { ...c.receipt, receivedAt: new Date(c.receipt.receivedAt) },
      deliveries: c.deliveries,
    }));
  }

  /** Deliveries answered with a receipt, distinct keys (cases), and duplicates among them. */
  counts(): { received: number; distinctKeys: number; duplicates: number } {
    let received = 0;
    for (const c of this.byKey.values()) received += c.deliveries;
    return { received, distinctKeys: this.byKey.size, duplicates: received - this.byKey.size };
  }
}

function copySubmission(submission: DepartmentSubmission): DepartmentSubmission {
  return {
    ...submission,
    submittedAt: new Date(submission.submittedAt),
    items: { ...submission.items },
  };
}

function fingerprintOf(submission: DepartmentSubmission): string {
  const items = Object.entries(submission.items).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    submission.applicationId,
    submission.applicationNo,
    submission.procedure,
    submission.submittedAt.getTime(),
    items,
  ]);
}
