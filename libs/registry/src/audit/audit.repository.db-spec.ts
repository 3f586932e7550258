import { generateKeyPairSync } from 'node:crypto';
import { sha256Hex, signAnchor, verifyChain, type ExchangeFacts } from '@oncegate/audit';
import { describeEachDatabase } from '../testing/test-database';
import { AuditRepository } from './audit.repository';

function facts(k: number, over: Partial<ExchangeFacts> = {}): ExchangeFacts {
  return {
    at: new Date(Date.UTC(2026, 11, 7, 2, 0, 0, k)).toISOString(),
    requestId: `req-${k}`,
    consumer: k % 2 ? 'tax-core' : 'one-visit-portal',
    userId: null,
    purpose: k % 2 ? 'TAX_ADMINISTRATION' : 'ONE_STOP_SERVICE',
    caseId: k === 3 ? '330522-2026-0003' : null,
    kind: 'QUERY',
    operationName: 'FindApplicant',
    documentHash: sha256Hex(`q${k}`),
    applicants: [`00000000-0000-4000-8000-00000000000${k % 3}`],
    dataItems: k % 2 ? ['tax.registration', 'tax.credit-rating'] : ['applicant.identity'],
    departments: k % 2 ? ['tax'] : [],
    outcome: k === 5 ? 'DENIED' : 'OK',
    errorCodes: k === 5 ? ['FORBIDDEN_DATA_ITEM'] : [],
    durationMs: k,
    ...over,
  };
}

describeEachDatabase('AuditRepository', (db) => {
  let audit: AuditRepository;
  const keys = generateKeyPairSync('ed25519');

  beforeAll(() => {
    audit = new AuditRepository(db.dataSource);
  });

  it('appends batches as one chain, and what it stores verifies', async () => {
    const first = await audit.append([0, 1, 2].map((k) => facts(k)));
    expect(first.map((r) => r.seq)).toEqual([1, 2, 3]);
    const second = await audit.append([3, 4, 5].map((k) => facts(k)));
    expect(second[0].prevHash).toBe(first[2].hash);
    expect(await audit.head()).toEqual({ seq: 6, hash: second[2].hash });
    const stored = await audit.range(1, 6, 100);
    expect(stored).toEqual([...first, ...second]);
    await audit.addAnchor(signAnchor(keys.privateKey, 6, second[2].hash, new Date().toISOString()));
    expect(verifyChain(keys.publicKey, null, stored, await audit.anchors(1, 6))).toMatchObject({
      ok: true,
      records: 6,
      anchors: 1,
    });
  });

  it('keeps one chain when many appends race', async () => {
    const before = await audit.head();
    await Promise.all(
      Array.from({ length: 12 }, (_, k) => audit.append([facts(10 + k), facts(30 + k)])),
    );
    const after = await audit.head();
    expect(after.seq).toBe(before.seq + 24);
    const all = await audit.range(1, after.seq, 1000);
    expect(verifyChain(keys.publicKey, null, all, []).ok).toBe(true);
  });

  it('finds records by applicant, data item, consumer, purpose, case, outcome and time, newest first with a cursor', async () => {
    const byApplicant = await audit.find(
      { applicantId: '00000000-0000-4000-8000-000000000001' },
      null,
      100,
    );
    expect(byApplicant.length).toBeGreaterThan(0);
    expect(
      byApplicant.every((r) => r.applicants.includes('00000000-0000-4000-8000-000000000001')),
    ).toBe(true);
    expect(byApplicant.map((r) => r.seq)).toEqual(
      [...byApplicant.map((r) => r.seq)].sort((a, b) => b - a),
    );
    const credit = await audit.find(
      { dataItem: 'tax.credit-rating', consumer: 'tax-core' },
      null,
      100,
    );
    expect(
      credit.every((r) => r.consumer === 'tax-core' && r.dataItems.includes('tax.credit-rating')),
    ).toBe(true);
    expect((await audit.find({ caseId: '330522-2026-0003' }, null, 10)).map((r) => r.seq)).toEqual([
      4,
    ]);
    expect((await audit.find({ outcome: 'DENIED' }, null, 10)).map((r) => r.seq)).toEqual([6]);
    const page1 = await audit.find({ purpose: 'ONE_STOP_SERVICE' }, null, 3);
    const page2 = await audit.find({ purpose: 'ONE_STOP_SERVICE' }, page1[2].seq, 3);
    expect(page2[0].seq).toBeLessThan(page1[2].seq);
    const window = await audit.find(
      {
        from: new Date(Date.UTC(2026, 11, 7, 2, 0, 0, 2)),
        to: new Date(Date.UTC(2026, 11, 7, 2, 0, 0, 4)),
      },
      null,
      10,
    );
    expect(window.map((r) => r.seq).sort()).toEqual([3, 4]);
  });

  it('removes the oldest records behind a base that only moves forward (retention)', async () => {
    const head = await audit.head();
    expect(await audit.base()).toEqual({ seq: 0, hash: '0'.repeat(64) });
    expect(await audit.lastSeqBefore(new Date(Date.UTC(2026, 11, 7, 2, 0, 0, 3)))).toBe(3);
    expect(await audit.lastSeqBefore(new Date(Date.UTC(2020, 0, 1)))).toBeNull();
    const fourth = (await audit.record(4))!;
    expect(await audit.removeThrough(4, fourth.hash)).toBe(4);
    expect(await audit.base()).toEqual({ seq: 4, hash: fourth.hash });
    expect((await audit.range(1, head.seq, 1000))[0].seq).toBe(5);
    expect(
      await audit.find({ applicantId: '00000000-0000-4000-8000-000000000001' }, 5, 10),
    ).toEqual([]);
    expect(await audit.anchors(1, 4)).toEqual([]);
    const rest = await audit.range(5, head.seq, 1000);
    expect(verifyChain(null, { seq: 4, hash: fourth.hash }, rest, []).ok).toBe(true);
    // A base never moves back; appends go on after the head.
    await audit.removeThrough(2, (await audit.range(1, 4, 10))[0]?.hash ?? 'x');
    expect((await audit.base()).seq).toBe(4);
    const next = await audit.append([facts(99)]);
    expect(next[0].seq).toBe(head.seq + 1);
  });

  it('names the first record altered behind its back with SQL', async () => {
    await db.dataSource.query("UPDATE audit_records SET consumer = 'someone-else' WHERE seq = 6");
    const head = await audit.head();
    const result = verifyChain(keys.publicKey, null, await audit.range(1, head.seq, 1000), []);
    expect(result.firstBreak).toMatchObject({ seq: 6, reason: 'RECORD_ALTERED' });
  });
});
