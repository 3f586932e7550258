import { createHash } from 'node:crypto';

/** What an exchange was. */
export const EXCHANGE_KINDS = [
  'QUERY',
  'MUTATION',
  'SUBSCRIPTION',
  'DENIAL',
  'DELIVERY',
  'SYNC',
  'RETENTION',
] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const OUTCOMES = ['OK', 'PARTIAL', 'DENIED', 'ERROR'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * One exchange, as the audit trail keeps it: who, for what, about whom,
 * which data items, which departments, how it ended — never a data value.
 */
export interface ExchangeFacts {
  /** ISO 8601 UTC with milliseconds. */
  readonly at: string;
  readonly requestId: string | null;
  readonly consumer: string | null;
  readonly userId: string | null;
  readonly purpose: string | null;
  readonly caseId: string | null;
  readonly kind: ExchangeKind;
  readonly operationName: string | null;
  /** SHA-256 (hex) of the GraphQL document, or of what stands for it (a delivery's key). */
  readonly documentHash: string | null;
  readonly applicants: readonly string[];
  readonly dataItems: readonly string[];
  readonly departments: readonly string[];
  readonly outcome: Outcome;
  readonly errorCodes: readonly string[];
  readonly durationMs: number;
}

/** A record of the chain: the facts, numbered, linked to the record before by its hash. */
export interface AuditRecord extends ExchangeFacts {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Format of the canonical form; part of what is hashed, so a future format cannot be confused with this one. */
export const RECORD_FORMAT = 'oncegate-audit-v1';

/**
 * The canonical form of a record: a JSON array of its fields in this fixed
 * order (sets sorted), so that anyone can recompute a hash from an export
 * with a few lines in any language.
 */
export function canonicalRecord(seq: number, facts: ExchangeFacts): string {
  const sorted = (values: readonly string[]) => [...values].sort();
  return JSON.stringify([
    RECORD_FORMAT,
    seq,
    facts.at,
    facts.requestId,
    facts.consumer,
    facts.userId,
    facts.purpose,
    facts.caseId,
    facts.kind,
    facts.operationName,
    facts.documentHash,
    sorted(facts.applicants),
    sorted(facts.dataItems),
    sorted(facts.departments),
    facts.outcome,
    sorted(facts.errorCodes),
    facts.durationMs,
  ]);
}

/** SHA-256 (hex) of the previous record's hash, a newline and this record's canonical form. */
export function recordHash(prevHash: string, seq: number, facts: ExchangeFacts): string {
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update('\n', 'utf8')
    .update(canonicalRecord(seq, facts), 'utf8')
    .digest('hex');
}

/** The next records of a chain whose head is (`seq`, `hash`). */
export function chainRecords(
  head: { seq: number; hash: string },
  facts: readonly ExchangeFacts[],
): AuditRecord[] {
  let { seq, hash } = head;
  return facts.map((f) => {
    seq += 1;
    const prevHash = hash;
    hash = recordHash(prevHash, seq, f);
    return { ...f, seq, prevHash, hash };
  });
}

/** SHA-256 (hex) of a text: a GraphQL document, never its variables. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The operation name of a RETENTION record. */
export const RETENTION_OPERATION = 'audit.prune';

/** A retention run: records `from`–`to` archived and removed; `hash` is record `to`'s. */
export interface Retention {
  readonly from: number;
  readonly to: number;
  readonly hash: string;
}

/**
 * The record a retention run appends before removing anything: it declares,
 * inside the chain, which records are removed and the hash of the last of
 * them (`caseId` = `<from>-<to>`, `documentHash` = that hash). The stored
 * chain may then start after `to`; a chain that starts later than any
 * RETENTION record declares has lost records.
 */
export function retentionFacts(
  retention: Retention,
  at: string,
  by: { consumer: string; userId: string | null },
): ExchangeFacts {
  return {
    at,
    requestId: null,
    consumer: by.consumer,
    userId: by.userId,
    purpose: 'AUDIT',
    caseId: `${retention.from}-${retention.to}`,
    kind: 'RETENTION',
    operationName: RETENTION_OPERATION,
    documentHash: retention.hash,
    applicants: [],
    dataItems: [],
    departments: [],
    outcome: 'OK',
    errorCodes: [],
    durationMs: 0,
  };
}

/** What a RETENTION record declares, or null for any other record. */
export function retentionOf(record: ExchangeFacts): Retention | null {
  if (record.kind !== 'RETENTION' || record.operationName !== RETENTION_OPERATION) return null;
  const m = /^(\d+)-(\d+)$/.exec(record.caseId ?? '');
  if (!m || !record.documentHash) return null;
  return { from: Number(m[1]), to: Number(m[2]), hash: record.documentHash };
}
