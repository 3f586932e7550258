import type { KeyObject } from 'node:crypto';
import { anchorSignatureValid, keyIdOf, type AuditAnchor } from './anchor';
import { recordHash, type AuditRecord } from './audit-record';

/** Why verification stopped. */
export type ChainBreak =
  /** A record's content no longer gives its stored hash: it was edited. */
  | 'RECORD_ALTERED'
  /** A record does not link to the one before it: one was deleted, inserted or moved. */
  | 'CHAIN_BROKEN'
  /** Numbers skip or repeat. */
  | 'SEQUENCE_GAP'
  /** An anchor's signature does not verify with the public key. */
  | 'ANCHOR_SIGNATURE_INVALID'
  /** An anchor was signed by another key than the one given. */
  | 'ANCHOR_KEY_UNKNOWN'
  /** A validly signed anchor names a hash the chain does not have at its record. */
  | 'ANCHOR_MISMATCH';

export interface VerificationResult {
  readonly ok: boolean;
  /** Records checked (up to the first break). */
  readonly records: number;
  /** Anchors whose signature and hash were checked against the chain. */
  readonly anchors: number;
  /** The last record covered by a valid anchor: everything up to it is signed. */
  readonly lastAnchoredSeq: number | null;
  /** The first problem: the record (or anchor) and why. */
  readonly firstBreak: {
    readonly seq: number;
    readonly reason: ChainBreak;
    readonly detail: string;
  } | null;
}

/**
 * Checks a run of the chain, record by record, as it streams: each record's
 * hash from its content and the hash before it, consecutive numbers, and
 * every anchor in range — its Ed25519 signature with the public key and the
 * hash it signs against the record it names (without a public key, links
 * and hashes only; anchors are not checked). `start` is where the run
 * begins: the genesis (seq 0, hash of zeros) for a whole chain, or the
 * record before an exported range.
 */
export class ChainVerifier {
  private prev: { seq: number; hash: string } | null;
  private readonly anchorsBySeq = new Map<number, AuditAnchor[]>();
  private readonly keyId: string | null;
  private records = 0;
  private anchorsChecked = 0;
  private lastAnchoredSeq: number | null = null;
  private broken: VerificationResult['firstBreak'] = null;

  constructor(
    private readonly publicKey: KeyObject | null,
    start: { seq: number; hash: string } | null,
    anchors: readonly AuditAnchor[],
  ) {
    this.prev = start;
    this.keyId = publicKey ? keyIdOf(publicKey) : null;
    for (const anchor of anchors) {
      const list = this.anchorsBySeq.get(anchor.seq) ?? [];
      list.push(anchor);
      this.anchorsBySeq.set(anchor.seq, list);
    }
  }

  /** Feeds the next record; false once the chain is broken (the rest is not checked). */
  push(record: AuditRecord): boolean {
    if (this.broken) return false;
    const fail = (reason: ChainBreak, detail: string) => {
      this.broken = { seq: record.seq, reason, detail };
      return false;
    };
    if (this.prev) {
      if (record.seq !== this.prev.seq + 1)
        return fail('SEQUENCE_GAP', `expected record ${this.prev.seq + 1}, found ${record.seq}`);
      if (record.prevHash !== this.prev.hash)
        return fail(
          'CHAIN_BROKEN',
          `record ${record.seq} does not link to record ${this.prev.seq}`,
        );
    }
    if (recordHash(record.prevHash, record.seq, record) !== record.hash)
      return fail('RECORD_ALTERED', `record ${record.seq}'s content does not give its hash`);
    for (const anchor of this.publicKey ? (this.anchorsBySeq.get(record.seq) ?? []) : []) {
      if (anchor.keyId !== this.keyId)
        return fail(
          'ANCHOR_KEY_UNKNOWN',
          `the anchor at record ${record.seq} was signed by key ${anchor.keyId}`,
        );
      if (!anchorSignatureValid(this.publicKey!, anchor))
        return fail(
          'ANCHOR_SIGNATURE_INVALID',
          `the anchor at record ${record.seq} has an invalid signature`,
        );
      if (anchor.hash !== record.hash)
        return fail(
          'ANCHOR_MISMATCH',
          `the anchor signed at ${anchor.at} names another hash for record ${record.seq}`,
        );
      this.anchorsChecked += 1;
      this.lastAnchoredSeq = record.seq;
    }
    this.prev = { seq: record.seq, hash: record.hash };
    this.records += 1;
    return true;
  }

  result(): VerificationResult {
    return {
      ok: this.broken === null,
      records: this.records,
      anchors: this.anchorsChecked,
      lastAnchoredSeq: this.lastAnchoredSeq,
      firstBreak: this.broken,
    };
  }
}

/** Verifies a whole run at once (see `ChainVerifier`). */
export function verifyChain(
  publicKey: KeyObject | null,
  start: { seq: number; hash: string } | null,
  records: Iterable<AuditRecord>,
  anchors: readonly AuditAnchor[],
): VerificationResult {
  const verifier = new ChainVerifier(publicKey, start, anchors);
  for (const record of records) if (!verifier.push(record)) break;
  return verifier.result();
}
