import {
  SourceErrorCode,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '@oncegate/adapters';
import type { RunningSimulator } from '../simulator';
import type { SubmissionCounts } from '../submission-ledger';

/** The real adapter of a department, as far as submissions go. */
export interface SubmittingAdapter {
  submit(submission: DepartmentSubmission): Promise<SubmissionReceipt>;
  close(): Promise<void>;
}

/** What the shared scenarios need to know about one department. */
export interface SubmissionScenarioSetup {
  /** Starts the department's simulator (once for the suite). */
  start(): Promise<RunningSimulator>;
  /** The real adapter against `url`; `timeoutMs`, `retries` and `breakerThreshold` as given. */
  adapter(
    url: string,
    policy: { timeoutMs: number; retries: number; breakerThreshold: number },
  ): SubmittingAdapter;
  /** A valid submission, with what a scenario overrides. */
  submission(overrides?: Partial<DepartmentSubmission>): DepartmentSubmission;
  /** Items the department refuses for their content, its code for that, and what the refusal names. */
  readonly refused: {
    readonly items: Readonly<Record<string, string>>;
    readonly departmentCode: string;
    readonly names: string;
  };
  /** Its code for a key used again with other content. */
  readonly conflictCode: string;
  /** The submission route as the fault injector counts requests (`POST /api/v1/xmsb`). */
  readonly route: string;
  /** Checks what the department kept of `submission()`: its wire form. */
  expectKept(content: unknown): void;
}

/**
 * The scenarios every department's submission must pass, the real adapter
 * against the running simulator over HTTP: a receipt that is the
 * department's case; dedupe (the same key again → the same receipt, one
 * case); each application exactly once, retries and all; refusals final and
 * not retried, nor opening the breaker; down, 503, a lost answer and a hang
 * as the outbox sees them; the counts alike over HTTP and in-process.
 * Responses are checked against the contract by the simulator itself (REST:
 * express-openapi-validator turns an off-contract answer into a 500; tax:
 * its own spec validates every answer against the WSDL).
 */
export function describeSubmissionScenarios(name: string, setup: SubmissionScenarioSetup): void {
  describe(`${name}: submissions, adapter against simulator`, () => {
    let running: RunningSimulator;
    const adapters: SubmittingAdapter[] = [];
    const adapter = (policy: Partial<{ timeoutMs: number; breakerThreshold: number }> = {}) => {
      const created = setup.adapter(running.url, {
        timeoutMs: 5000,
        // Reads would retry; a submission must not, whatever this says.
        retries: 3,
        breakerThreshold: 50,
        ...policy,
      });
      adapters.push(created);
      return created;
    };
    const requests = () => running.simulator.faults.stats()[setup.route] ?? 0;
    const counts = () => running.simulator.submissions.counts();
    const key = (n: number) => `scenario-key-${String(n).padStart(4, '0')}`;

    beforeAll(async () => {
      running = await setup.start();
    });
    beforeEach(() => {
      running.simulator.faults.reset();
      running.simulator.submissions.clear();
    });
    afterAll(async () => {
      await Promise.all(adapters.map((a) => a.close()));
      await running.close();
    });

    it('files a submission: the receipt is the case the department opened, the content as mapped', async () => {
      const receipt = await adapter().submit(setup.submission({ idempotencyKey: key(1) }));
      const [kept] = running.simulator.submissions.list();
      expect(receipt).toEqual({
        receiptNo: kept.receiptNo,
        receivedAt: kept.receivedAt,
        duplicate: false,
      });
      expect(kept).toMatchObject({ idempotencyKey: key(1), deliveries: 1 });
      expect(kept.reference).toBe(setup.submission().applicationNo);
      setup.expectKept(kept.content);
    });

    it('answers the same key again with the same receipt, flagged duplicate, and counts it once', async () => {
      const pa = adapter();
      const submission = setup.submission({ idempotencyKey: key(2) });
      const first = await pa.submit(submission);
      const second = await pa.submit(submission);
      expect(second).toEqual({ ...first, duplicate: true });
      expect(requests()).toBe(2);
      expect(counts()).toEqual({
        received: 2,
        distinctKeys: 1,
        duplicates: 1,
        conflicts: 0,
        rejected: 0,
      });
      expect(running.simulator.submissions.get(key(2))?.deliveries).toBe(2);
    });

    it('receives each application exactly once, however often each is delivered', async () => {
      const applications = [1, 2, 3, 4, 5].map((n) =>
        setup.submission({ idempotencyKey: key(100 + n), applicationNo: `OG-20261125-00010${n}` }),
      );
      const pa = adapter();
      const first = await Promise.all(applications.map((a) => pa.submit(a)));
      // A second worker, or a retry after a timeout, delivers them all again.
      const again = await Promise.all(applications.map((a) => adapter().submit(a)));
      expect(again.map((r) => r.receiptNo)).toEqual(first.map((r) => r.receiptNo));
      expect(new Set(first.map((r) => r.receiptNo)).size).toBe(5);
      expect(counts()).toMatchObject({ received: 10, distinctKeys: 5, duplicates: 5 });
      const references = running.simulator.submissions.list().map((s) => s.reference);
      expect(references.sort()).toEqual(applications.map((a) => a.applicationNo).sort());
    });

    it('reports refused content as SOURCE_REJECTED, final: one request, no case', async () => {
      const refused = setup.submission({ idempotencyKey: key(3), items: setup.refused.items });
      const error = await adapter()
        .submit(refused)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: SourceErrorCode.SOURCE_REJECTED,
        departmentCode: setup.refused.departmentCode,
      });
      expect((error as Error).message).toContain(setup.refused.names);
      expect(requests()).toBe(1);
      expect(counts()).toMatchObject({ received: 0, distinctKeys: 0, rejected: 1 });
    });

    it('refuses the same key with other content (a conflict), keeping the first', async () => {
      const pa = adapter();
      const first = await pa.submit(setup.submission({ idempotencyKey: key(4) }));
      await expect(
        pa.submit(
          setup.submission({ idempotencyKey: key(4), applicationNo: 'OG-20261125-999999' }),
        ),
      ).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_REJECTED,
        departmentCode: setup.conflictCode,
      });
      expect(running.simulator.submissions.get(key(4))?.receiptNo).toBe(first.receiptNo);
      expect(counts()).toMatchObject({ distinctKeys: 1, conflicts: 1 });
    });

    it('reports a department that is down as SOURCE_UNAVAILABLE, and takes the submission once it is back', async () => {
      const pa = adapter();
      const submission = setup.submission({ idempotencyKey: key(5) });
      running.simulator.faults.update({ down: true });
      await expect(pa.submit(submission)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_UNAVAILABLE,
      });
      expect(counts().received).toBe(0);
      running.simulator.faults.update({ down: false });
      await expect(pa.submit(submission)).resolves.toMatchObject({ duplicate: false });
      expect(counts()).toMatchObject({ received: 1, distinctKeys: 1 });
    });

    it('reports a 503 as SOURCE_UNAVAILABLE after one request: the adapter does not retry a submission', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      await expect(
        adapter().submit(setup.submission({ idempotencyKey: key(6) })),
      ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_UNAVAILABLE });
      expect(requests()).toBe(1);
      expect(counts().received).toBe(0);
    });

    it('survives a lost answer: SOURCE_INVALID_RESPONSE, then the same key gets the case’s receipt', async () => {
      const pa = adapter();
      const submission = setup.submission({ idempotencyKey: key(7) });
      running.simulator.faults.update({ malformedRate: 1 });
      await expect(pa.submit(submission)).rejects.toMatchObject({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      });
      // The department took it; only the answer was cut.
      const kept = running.simulator.submissions.get(key(7));
      expect(kept).toBeDefined();
      running.simulator.faults.update({ malformedRate: 0 });
      await expect(pa.submit(submission)).resolves.toEqual({
        receiptNo: kept?.receiptNo,
        receivedAt: kept?.receivedAt,
        duplicate: true,
      });
      expect(counts()).toMatchObject({ distinctKeys: 1, duplicates: 1 });
    });

    it('reports no answer as SOURCE_TIMEOUT within the budget', async () => {
      running.simulator.faults.update({ hangRate: 1 });
      const started = Date.now();
      await expect(
        adapter({ timeoutMs: 300 }).submit(setup.submission({ idempotencyKey: key(8) })),
      ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_TIMEOUT });
      expect(Date.now() - started).toBeLessThan(2000);
      running.simulator.faults.releaseHanging();
    });

    it('does not open the breaker on refusals: the department is answering', async () => {
      const pa = adapter({ breakerThreshold: 1 });
      for (const n of [9, 10]) {
        await expect(
          pa.submit(setup.submission({ idempotencyKey: key(n), items: setup.refused.items })),
        ).rejects.toMatchObject({ code: SourceErrorCode.SOURCE_REJECTED });
      }
      await expect(pa.submit(setup.submission({ idempotencyKey: key(11) }))).resolves.toMatchObject(
        { duplicate: false },
      );
    });

    it('reports the same counts over HTTP (GET /__admin/submissions) as in-process', async () => {
      const pa = adapter();
      await pa.submit(setup.submission({ idempotencyKey: key(12) }));
      await pa.submit(setup.submission({ idempotencyKey: key(12) }));
      await pa
        .submit(setup.submission({ idempotencyKey: key(13), items: setup.refused.items }))
        .catch(() => undefined);
      const res = await fetch(`${running.url}/__admin/submissions`);
      const body = (await res.json()) as {
        counts: SubmissionCounts;
        submissions: { idempotencyKey: string; receiptNo: string; deliveries: number }[];
      };
      expect(body.counts).toEqual(counts());
      expect(body.counts).toEqual({
        received: 2,
        distinctKeys: 1,
        duplicates: 1,
        conflicts: 0,
        rejected: 1,
      });
      expect(body.submissions).toEqual([
        expect.objectContaining({
          idempotencyKey: key(12),
          receiptNo: running.simulator.submissions.get(key(12))?.receiptNo,
          deliveries: 2,
        }),
      ]);
    });
  });
}
