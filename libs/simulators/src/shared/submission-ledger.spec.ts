import { createSimulator, startSimulator } from './simulator';
import { SubmissionLedger, chinaDay } from './submission-ledger';

const delivery = (content: unknown, idempotencyKey = 'key-00000001') => ({
  idempotencyKey,
  reference: 'OG-20261125-000123',
  kind: '备案',
  content,
});

describe('SubmissionLedger', () => {
  let now = Date.parse('2026-11-25T01:30:02.750Z');
  const ledger = () =>
    new SubmissionLedger({ clock: () => now, receiptNo: (n, at) => `T${chinaDay(at)}-${n}` });

  it('opens a case for a new key, and answers a repeat of it with the same case', () => {
    const l = ledger();
    const first = l.deliver(delivery({ a: 1, b: [1, 2] }));
    expect(first).toMatchObject({
      kind: 'accepted',
      submission: {
        idempotencyKey: 'key-00000001',
        receiptNo: 'T20261125-1',
        // Cases are kept to the second, as every department's receipt says it.
        receivedAt: new Date('2026-11-25T01:30:02Z'),
        reference: 'OG-20261125-000123',
        kind: '备案',
        content: { a: 1, b: [1, 2] },
        deliveries: 1,
      },
    });
    now += 60_000;
    // The same content in another key order is the same content.
    const again = l.deliver(delivery({ b: [1, 2], a: 1 }));
    expect(again.kind).toBe('duplicate');
    expect(again.submission).toEqual({ ...first.submission, deliveries: 2 });
    expect(l.counts()).toEqual({
      received: 2,
      distinctKeys: 1,
      duplicates: 1,
      conflicts: 0,
      rejected: 0,
    });
  });

  it('refuses a key already used for other content, and keeps the first', () => {
    const l = ledger();
    l.deliver(delivery({ a: 1 }));
    const conflict = l.deliver(delivery({ a: 2 }));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.submission.content).toEqual({ a: 1 });
    // Array order is content: another order is other content.
    l.deliver(delivery([1, 2], 'key-00000002'));
    expect(l.deliver(delivery([2, 1], 'key-00000002')).kind).toBe('conflict');
    expect(l.counts()).toMatchObject({ received: 2, distinctKeys: 2, duplicates: 0, conflicts: 2 });
  });

  it('counts refusals of the content without keeping anything', () => {
    const l = ledger();
    l.reject();
    l.reject();
    expect(l.counts()).toEqual({
      received: 0,
      distinctKeys: 0,
      duplicates: 0,
      conflicts: 0,
      rejected: 2,
    });
    expect(l.list()).toEqual([]);
  });

  it('numbers cases in order, lists them, finds one by key, and forgets everything on clear', () => {
    const l = ledger();
    l.deliver(delivery({ n: 1 }, 'key-00000001'));
    l.deliver(delivery({ n: 2 }, 'key-00000002'));
    expect(l.list().map((s) => s.receiptNo)).toEqual(['T20261125-1', 'T20261125-2']);
    expect(l.get('key-00000002')?.content).toEqual({ n: 2 });
    expect(l.get('key-00000003')).toBeUndefined();
    l.clear();
    expect(l.counts().distinctKeys).toBe(0);
    expect(l.deliver(delivery({ n: 3 }, 'key-00000001')).kind).toBe('accepted');
  });

  it('hands out copies: what a test changes does not change the case', () => {
    const l = ledger();
    const content = { a: { b: 1 } };
    l.deliver(delivery(content));
    content.a.b = 2;
    const listed = l.list()[0];
    (listed.content as { a: { b: number } }).a.b = 3;
    expect(l.get('key-00000001')?.content).toEqual({ a: { b: 1 } });
  });
});

describe('the ledger over HTTP', () => {
  it('serves GET/DELETE /__admin/submissions, also while the department is down', async () => {
    const submissions = new SubmissionLedger();
    const running = await startSimulator(
      createSimulator(
        'tax',
        (app) => app.post('/submit', (_req, res) => res.json({ ok: true })),
        {},
        submissions,
      ),
    );
    try {
      submissions.deliver(delivery({ a: 1 }));
      submissions.deliver(delivery({ a: 1 }));
      running.simulator.faults.update({ down: true });
      const res = await fetch(`${running.url}/__admin/submissions`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        department: string;
        counts: unknown;
        submissions: { receivedAt: string; deliveries: number }[];
      };
      expect(body).toMatchObject({
        department: 'tax',
        counts: { received: 2, distinctKeys: 1, duplicates: 1, conflicts: 0, rejected: 0 },
        submissions: [{ idempotencyKey: 'key-00000001', deliveries: 2 }],
      });
      expect(new Date(body.submissions[0].receivedAt).toISOString()).toBe(
        body.submissions[0].receivedAt,
      );
      const cleared = await fetch(`${running.url}/__admin/submissions`, { method: 'DELETE' });
      expect(await cleared.json()).toMatchObject({ counts: { received: 0, distinctKeys: 0 } });
      expect(running.simulator.submissions.list()).toEqual([]);
    } finally {
      await running.close();
    }
  });
});
