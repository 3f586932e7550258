import type { KeyObject } from 'node:crypto';
import { anchorSignatureValid, keyIdOf, type AuditAnchor } from './anchor';
import { recordHash, retentionOf, type AuditRecord } from './audit-record';

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
  | 'ANCHOR_MISMATCH'
  /** The stored chain starts after records that no RETENTION record declares removed. */
  | 'PRUNE_UNDECLARED';

export interface VerificationResult {
  readonly ok: boolean;
  /** Records checked (up to the first break). */
  readonly records: number;
  /** Anchors whose signature and hash were checked against the chain. */
  readonly anchors: number;
  /** The last record covered by a valid anchor: everything up to it is signed. */
  readonly lastAnchoredSeq: number | null;
  /** The last record that RETENTION records in the run declare removed (0 if none). */
  readonly prunedThrough: number;
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
 * and hashes only; anchors are not checked). Several public keys may be
 * given — the current one and those it replaced — and each anchor is checked
 * with the key its `keyId` names. `start` is where the run begins: the
 * genesis (seq 0, hash of zeros) for a whole chain, the record before an
 * exported range, or the base a retention run left (then `startsAtBase`:
 * the run must declare that removal, see `retentionFacts`).
 */
export class ChainVerifier {
  private prev: { seq: number; hash: string } | null;
  private readonly anchorsBySeq = new Map<number, AuditAnchor[]>();
  private readonly keys: ReadonlyMap<string, KeyObject>;
  private readonly checkSignatures: boolean;
  private readonly start: { seq: number; hash: string } | null;
  private prunedThrough = 0;
  private prunedHash: string | null = null;
  private records = 0;
  private anchorsChecked = 0;
  private lastAnchoredSeq: number | null = null;
  private broken: VerificationResult['firstBreak'] = null;

  constructor(
    publicKeys: KeyObject | readonly KeyObject[] | null,
    start: { seq: number; hash: string } | null,
    anchors: readonly AuditAnchor[],
    private readonly options: { startsAtBase?: boolean } = {},
  ) {
    this.prev = start;
    this.start = start;
    const keys = publicKeys === null ? [] : Array.isArray(publicKeys) ? publicKeys : [publicKeys];
    this.keys = new Map((keys as KeyObject[]).map((k) => [keyIdOf(k), k]));
    this.checkSignatures = this.keys.size > 0;
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
    for (const anchor of this.checkSignatures ? (this.anchorsBySeq.get(record.seq) ?? []) : []) {
      const key = this.keys.get(anchor.keyId);
      if (!key)
        return fail(
          'ANCHOR_KEY_UNKNOWN',
          `the anchor at record ${record.seq} was signed by key ${anchor.keyId}, which was not given`,
        );
      if (!anchorSignatureValid(key, anchor))
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
    const retention = retentionOf(record);
    if (retention && retention.to >= this.prunedThrough) {
      this.prunedThrough = retention.to;
      this.prunedHash = retention.hash;
    }
    this.prev = { seq: record.seq, hash: record.hash };
    this.records += 1;
    return true;
  }

  /** The last record verified so far (or the start): where a following run must begin. */
  get last(): { seq: number; hash: string } | null {
    return this.prev;
  }

  result(): VerificationResult {
    if (!this.broken && this.options.startsAtBase && this.start && this.start.seq > 0) {
      // Removing records up to the base must have been declared inside the chain; a
      // retention run in progress has declared more than it removed so far.
      const base = this.start;
      if (this.prunedThrough < base.seq)
        this.broken = {
          seq: base.seq,
          reason: 'PRUNE_UNDECLARED',
          detail: `records up to ${base.seq} are gone, but retention declared removing only up to ${this.prunedThrough}`,
        };
      else if (this.prunedThrough === base.seq && this.prunedHash !== base.hash)
        this.broken = {
          seq: base.seq,
          reason: 'PRUNE_UNDECLARED',
          detail: `record ${base.seq} was removed with another hash than retention declared`,
        };
    }
    return {
      ok: this.broken === null,
      records: this.records,
      anchors: this.anchorsChecked,
      lastAnchoredSeq: this.lastAnchoredSeq,
      prunedThrough: this.prunedThrough,
      firstBreak: this.broken,
    };
  }
}

/** Verifies a whole run at once (see `ChainVerifier`). */
export function verifyChain(
  publicKey: KeyObject | readonly KeyObject[] | null,
  start: { seq: number; hash: string } | null,
  records: Iterable<AuditRecord>,
  anchors: readonly AuditAnchor[],
): VerificationResult {
  const verifier = new ChainVerifier(publicKey, start, anchors);
  for (const record of records) if (!verifier.push(record)) break;
  return verifier.result();
}
