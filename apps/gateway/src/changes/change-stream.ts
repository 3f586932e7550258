import type { ApplicantChange } from '@oncegate/registry';

/** Changes one subscriber may have waiting before it counts as gone. */
export const MAX_WAITING = 1000;

/**
 * One subscriber's changes, as the async iterator a GraphQL subscription
 * reads: the feed pushes, the subscription pulls. A subscriber that falls
 * {@link MAX_WAITING} changes behind is ended with an error rather than
 * holding the process's memory; `return()` (the client went away) unhooks
 * it at once.
 */
export class ChangeStream implements AsyncIterableIterator<ApplicantChange> {
  private readonly waiting: ApplicantChange[] = [];
  private pull: ((result: IteratorResult<ApplicantChange>) => void) | undefined;
  private failure: Error | undefined;
  private closed = false;

  constructor(
    private readonly wants: (change: ApplicantChange) => boolean,
    private readonly onClose: (stream: ChangeStream) => void,
  ) {}

  push(change: ApplicantChange): void {
    if (this.closed || !this.wants(change)) return;
    if (this.pull) {
      const pull = this.pull;
      this.pull = undefined;
      pull({ value: change, done: false });
    } else if (this.waiting.length < MAX_WAITING) {
      this.waiting.push(change);
    } else {
      this.failure = new Error('the subscriber fell too far behind; subscribe again');
      this.end();
    }
  }

  /** Ends the stream (the gateway is stopping): the subscriber sees it complete. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    this.pull?.({ value: undefined, done: true });
    this.pull = undefined;
  }

  next(): Promise<IteratorResult<ApplicantChange>> {
    const change = this.waiting.shift();
    if (change) return Promise.resolve({ value: change, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.pull = resolve));
  }

  return(): Promise<IteratorResult<ApplicantChange>> {
    this.waiting.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ApplicantChange> {
    return this;
  }
}
