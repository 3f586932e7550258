import { generateKeyPairSync } from 'node:crypto';
import { signAnchor } from './anchor';
import {
  chainRecords,
  GENESIS_HASH,
  recordHash,
  retentionFacts,
  retentionOf,
  sha256Hex,
  type AuditRecord,
  type ExchangeFacts,
} from './audit-record';
import { ChainVerifier, verifyChain } from './verify-chain';

const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');

function facts(k: number): ExchangeFacts {
  return {
    at: new Date(Date.UTC(2026, 11, 7, 1, 0, k)).toISOString(),
    requestId: `req-${k}`,
    consumer: k % 2 ? 'tax-core' : 'one-visit-portal',
    userId: k % 3 ? null : 'officer-7',
    purpose: 'TAX_ADMINISTRATION',
    caseId: null,
    kind: 'QUERY',
    operationName: 'FindApplicant',
    documentHash: sha256Hex(`query FindApplicant { n${k} }`),
    applicants: [`app-${k}`, `app-${k + 1}`],
    dataItems: ['tax.registration', 'applicant.identity'],
    departments: ['tax'],
    outcome: 'OK',
    errorCodes: [],
    durationMs: 12 + k,
  };
}

const START = { seq: 0, hash: GENESIS_HASH };

function chain(n: number): AuditRecord[] {
  return chainRecords(
    START,
    Array.from({ length: n }, (_, k) => facts(k)),
  );
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain and its anchors', () => {
    const records = chain(50);
    const anchors = [
      signAnchor(keys.privateKey, 20, records[19].hash, '2026-12-07T01:05:00.000Z'),
      signAnchor(keys.privateKey, 50, records[49].hash, '2026-12-07T01:10:00.000Z'),
    ];
    expect(verifyChain(keys.publicKey, START, records, anchors)).toEqual({
      ok: true,
      records: 50,
      anchors: 2,
      lastAnchoredSeq: 50,
      prunedThrough: 0,
      firstBreak: null,
    });
  });

  it('does not depend on the order of a record’s sets', () => {
    const [record] = chain(1);
    const shuffled = {
      ...record,
      applicants: [...record.applicants].reverse(),
      dataItems: [...record.dataItems].reverse(),
    };
    expect(recordHash(shuffled.prevHash, shuffled.seq, shuffled)).toBe(record.hash);
  });

  it('names an edited record, whatever field was changed', () => {
    for (const change of [
      { consumer: 'someone-else' },
      { applicants: ['app-9'] },
      { outcome: 'DENIED' as const },
      { durationMs: 13 },
      { at: '2026-12-07T01:00:09.001Z' },
    ]) {
      const records = chain(10);
      records[6] = { ...records[6], ...change };
      expect(verifyChain(keys.publicKey, START, records, []).firstBreak).toMatchObject({
        seq: 7,
        reason: 'RECORD_ALTERED',
      });
    }
  });

  it('names a record whose edit was covered by recomputing its own hash', () => {
    const records = chain(10);
    const edited = { ...records[3], consumer: 'someone-else' };
    records[3] = { ...edited, hash: recordHash(edited.prevHash, edited.seq, edited) };
    expect(verifyChain(keys.publicKey, START, records, []).firstBreak).toMatchObject({
      seq: 5,
      reason: 'CHAIN_BROKEN',
    });
  });

  it('names a deletion, a reordering and a renumbering', () => {
    const deleted = chain(10);
    deleted.splice(4, 1);
    expect(verifyChain(keys.publicKey, START, deleted, []).firstBreak).toMatchObject({
      seq: 6,
      reason: 'SEQUENCE_GAP',
    });

    const swapped = chain(10);
    [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
    expect(verifyChain(keys.publicKey, START, swapped, []).firstBreak).toMatchObject({
      seq: 4,
      reason: 'SEQUENCE_GAP',
    });

    // A deletion hidden by renumbering everything after it.
    const renumbered = chain(10);
    renumbered.splice(4, 1);
    for (let i = 4; i < renumbered.length; i++)
      renumbered[i] = { ...renumbered[i], seq: renumbered[i].seq - 1 };
    expect(verifyChain(keys.publicKey, START, renumbered, []).firstBreak).toMatchObject({
      seq: 5,
      reason: 'CHAIN_BROKEN',
    });
  });

  it('catches a whole chain rewritten from some record on, by its anchors', () => {
    const records = chain(30);
    const anchor = signAnchor(keys.privateKey, 25, records[24].hash, '2026-12-07T02:00:00.000Z');
    // Rewrite record 10 and recompute every hash after it: the chain is consistent again…
    const rewritten = [
      ...records.slice(0, 9),
      ...chainRecords(
        { seq: 9, hash: records[8].hash },
        records.slice(9).map((r, k) => (k === 0 ? { ...r, consumer: 'someone-else' } : r)),
      ),
    ];
    expect(verifyChain(keys.publicKey, START, rewritten, []).ok).toBe(true);
    // …but not with the anchor signed before the rewrite.
    expect(verifyChain(keys.publicKey, START, rewritten, [anchor]).firstBreak).toMatchObject({
      seq: 25,
      reason: 'ANCHOR_MISMATCH',
    });
  });

  it('refuses forged anchors and anchors of another key', () => {
    const records = chain(5);
    const good = signAnchor(keys.privateKey, 5, records[4].hash, '2026-12-07T02:00:00.000Z');
    const forged = { ...good, at: '2026-12-07T03:00:00.000Z' };
    expect(verifyChain(keys.publicKey, START, records, [forged]).firstBreak).toMatchObject({
      seq: 5,
      reason: 'ANCHOR_SIGNATURE_INVALID',
    });
    const foreign = signAnchor(otherKeys.privateKey, 5, records[4].hash, good.at);
    expect(verifyChain(keys.publicKey, START, records, [foreign]).firstBreak).toMatchObject({
      seq: 5,
      reason: 'ANCHOR_KEY_UNKNOWN',
    });
  });

  it('verifies a range on its own, from the record before it', () => {
    const records = chain(20);
    const range = records.slice(10);
    expect(verifyChain(keys.publicKey, { seq: 10, hash: records[9].hash }, range, []).ok).toBe(
      true,
    );
    expect(
      verifyChain(keys.publicKey, { seq: 10, hash: records[8].hash }, range, []).firstBreak,
    ).toMatchObject({ seq: 11, reason: 'CHAIN_BROKEN' });
  });

  it('checks each anchor with the key it names, old keys and the current one alike', () => {
    const records = chain(10);
    const old = signAnchor(otherKeys.privateKey, 4, records[3].hash, '2026-12-07T02:00:00.000Z');
    const current = signAnchor(keys.privateKey, 10, records[9].hash, '2026-12-07T02:10:00.000Z');
    expect(
      verifyChain([keys.publicKey, otherKeys.publicKey], START, records, [old, current]),
    ).toMatchObject({ ok: true, anchors: 2, lastAnchoredSeq: 10 });
    expect(verifyChain([keys.publicKey], START, records, [old, current]).firstBreak).toMatchObject({
      seq: 4,
      reason: 'ANCHOR_KEY_UNKNOWN',
    });
  });

  describe('after a retention run', () => {
    const by = { consumer: 'oncegate-cli', userId: 'auditor-1' };
    /** Records 1–30, then the RETENTION record declaring 1–`declared` removed, then 5 more. */
    function pruned(declared: number, declaredHash?: string): AuditRecord[] {
      const before = chain(30);
      const retention = { from: 1, to: declared, hash: declaredHash ?? before[declared - 1].hash };
      const after = chainRecords({ seq: 30, hash: before[29].hash }, [
        retentionFacts(retention, '2026-12-08T00:00:00.000Z', by),
        ...Array.from({ length: 5 }, (_, k) => facts(40 + k)),
      ]);
      expect(retentionOf(after[0])).toEqual(retention);
      return [...before, ...after];
    }
    const fromBase = (records: AuditRecord[], base: number) =>
      verifyChain(
        keys.publicKey,
        { seq: base, hash: records[base - 1].hash },
        records.slice(base),
        [],
      );
    const atBase = (records: AuditRecord[], base: number) => {
      const verifier = new ChainVerifier(
        keys.publicKey,
        { seq: base, hash: records[base - 1].hash },
        [],
        { startsAtBase: true },
      );
      for (const r of records.slice(base)) verifier.push(r);
      return verifier.result();
    };

    it('accepts the chain starting after the declared records, or earlier while removal runs', () => {
      const records = pruned(20);
      expect(atBase(records, 20)).toMatchObject({ ok: true, records: 16, prunedThrough: 20 });
      expect(atBase(records, 12)).toMatchObject({ ok: true, records: 24, prunedThrough: 20 });
    });

    it('names records removed beyond what was declared', () => {
      const records = pruned(20);
      expect(atBase(records, 25).firstBreak).toMatchObject({
        seq: 25,
        reason: 'PRUNE_UNDECLARED',
      });
      expect(atBase(chain(30), 10).firstBreak).toMatchObject({
        seq: 10,
        reason: 'PRUNE_UNDECLARED',
      });
      // A range verified on its own (an export) is not a base: nothing is required of it.
      expect(fromBase(chain(30), 10).ok).toBe(true);
    });

    it('names a base whose hash is not the one declared', () => {
      const records = pruned(20, 'f'.repeat(64));
      expect(atBase(records, 20).firstBreak).toMatchObject({
        seq: 20,
        reason: 'PRUNE_UNDECLARED',
      });
    });
  });
});
