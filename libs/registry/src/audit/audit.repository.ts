import { Injectable } from '@nestjs/common';
import {
  GENESIS_HASH,
  chainRecords,
  type AuditAnchor,
  type AuditRecord,
  type ExchangeFacts,
  type ExchangeKind,
  type Outcome,
} from '@oncegate/audit';
import { DataSource, type EntityManager } from 'typeorm';
import { retryLockConflicts } from '../lock-conflict';
import { serializeSqliteWrites } from '../sqlite-write-queue';
import { violatedUniqueIndex } from '../unique-violation';
import {
  AuditAnchorEntity,
  AuditHeadEntity,
  AuditRecordApplicantEntity,
  AuditRecordEntity,
  AuditRecordItemEntity,
} from './audit.entities';

const CHAIN = 'chain';
/** The `audit_head` row naming the record before the stored chain, after a retention run. */
const BASE = 'base';
/** The rows that go with records, removed with them by retention. */
const SIDE_TABLES = ['audit_record_applicants', 'audit_record_items', 'audit_anchors'] as const;
/** Records removed per statement by retention. */
const REMOVE_CHUNK = 5_000;
const INSERT_CHUNK = 200;

const RECORD_COLUMNS = [
  'seq',
  'at',
  'request_id',
  'consumer',
  'user_id',
  'purpose',
  'case_id',
  'kind',
  'operation_name',
  'document_hash',
  'applicants',
  'data_items',
  'departments',
  'outcome',
  'error_codes',
  'duration_ms',
  'prev_hash',
  'hash',
];

/** A time as both databases store DATETIME(3) here: UTC, `YYYY-MM-DD HH:MM:SS.mmm`. */
function sqlTime(isoText: string): string {
  return isoText.replace('T', ' ').replace('Z', '');
}

/** One multi-row INSERT (nothing when there are no rows). */
async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const one = `(${columns.map(() => '?').join(', ')})`;
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => one).join(', ')}`,
    rows.flat(),
  );
}

/** ISO text of a stored time: both databases hand datetimes back as Dates in UTC. */
function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function toRecord(row: AuditRecordEntity): AuditRecord {
  return {
    seq: Number(row.seq),
    at: iso(row.at),
    requestId: row.requestId,
    consumer: row.consumer,
    userId: row.userId,
    purpose: row.purpose,
    caseId: row.caseId,
    kind: row.kind as ExchangeKind,
    operationName: row.operationName,
    documentHash: row.documentHash,
    applicants: JSON.parse(row.applicants) as string[],
    dataItems: JSON.parse(row.dataItems) as string[],
    departments: JSON.parse(row.departments) as string[],
    outcome: row.outcome as Outcome,
    errorCodes: JSON.parse(row.errorCodes) as string[],
    durationMs: row.durationMs,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** A record's row of `audit_records`, in RECORD_COLUMNS order. */
function recordRow(r: AuditRecord): unknown[] {
  return [
    r.seq,
    sqlTime(r.at),
    r.requestId,
    r.consumer,
    r.userId,
    r.purpose,
    r.caseId,
    r.kind,
    r.operationName,
    r.documentHash,
    JSON.stringify(r.applicants),
    JSON.stringify(r.dataItems),
    JSON.stringify(r.departments),
    r.outcome,
    JSON.stringify(r.errorCodes),
    r.durationMs,
    r.prevHash,
    r.hash,
  ];
}

/** A record's rows of `audit_record_applicants` (the filter by applicant). */
function applicantRows(r: AuditRecord): unknown[][] {
  return [...new Set(r.applicants)].map((id) => [id, r.seq]);
}

/** A record's rows of `audit_record_items` (the filter by data item). */
function itemRows(r: AuditRecord): unknown[][] {
  return [...new Set(r.dataItems)].map((item) => [item, r.seq]);
}

/** What is used here of a better-sqlite3 connection (the package ships no types). */
interface SqliteDatabase {
  readonly inTransaction: boolean;
  prepare(sql: string): {
    run(...params: unknown[]): unknown;
    get(...params: unknown[]): unknown;
  };
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
}

const sqliteAppenders = new WeakMap<
  SqliteDatabase,
  { append: (facts: readonly ExchangeFacts[]) => AuditRecord[] }
>();

/** The prepared statements and the transaction of a SQLite append, made once per connection. */
function sqliteStatements(db: SqliteDatabase): {
  append: (facts: readonly ExchangeFacts[]) => AuditRecord[];
} {
  let appender = sqliteAppenders.get(db);
  if (appender) return appender;
  const one = (columns: readonly string[]) => `(${columns.map(() => '?').join(', ')})`;
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE name = ?');
  const record = db.prepare(
    `INSERT INTO audit_records (${RECORD_COLUMNS.join(', ')}) VALUES ${one(RECORD_COLUMNS)}`,
  );
  const applicant = db.prepare(
    'INSERT INTO audit_record_applicants (applicant_id, seq) VALUES (?, ?)',
  );
  const item = db.prepare('INSERT INTO audit_record_items (item, seq) VALUES (?, ?)');
  const moveHead = db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE name = ?');
  appender = {
    append: db.transaction((facts: readonly ExchangeFacts[]) => {
      const row = head.get(CHAIN) as { seq: number | bigint; hash: string };
      const records = chainRecords({ seq: Number(row.seq), hash: row.hash }, facts);
      for (const r of records) {
        record.run(...recordRow(r));
        for (const params of applicantRows(r)) applicant.run(...params);
        for (const params of itemRows(r)) item.run(...params);
      }
      const last = records[records.length - 1];
      moveHead.run(last.seq, last.hash, CHAIN);
      return records;
    }),
  };
  sqliteAppenders.set(db, appender);
  return appender;
}

function toAnchor(row: AuditAnchorEntity): AuditAnchor {
  return {
    seq: Number(row.seq),
    keyId: row.keyId,
    hash: row.hash,
    at: row.at,
    signature: row.signature,
  };
}

export interface AuditFilter {
  consumer?: string;
  applicantId?: string;
  dataItem?: string;
  purpose?: string;
  caseId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

/**
 * The audit trail's storage. Appends take the head row's lock, number and
 * hash the batch after the head, insert it and move the head, in one
 * transaction: any number of processes append to one chain. Nothing here
 * updates or deletes a record.
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends exchanges as the next records of the chain; returns them as stored. */
  async append(facts: readonly ExchangeFacts[]): Promise<AuditRecord[]> {
    if (facts.length === 0) return [];
    if (this.dataSource.options.type === 'better-sqlite3') {
      return serializeSqliteWrites(this.dataSource, () => this.appendSqlite(facts));
    }
    return retryLockConflicts.execute(() =>
      this.dataSource.transaction(async (manager) => {
        const head = await this.lockedHead(manager);
        const records = chainRecords(head, facts);
        // Plain multi-row INSERTs: this runs once per batch of requests, on every request's
        // path, and TypeORM's entity insert costs more CPU than the database does.
        for (let i = 0; i < records.length; i += INSERT_CHUNK) {
          const chunk = records.slice(i, i + INSERT_CHUNK);
          await insertRows(manager, 'audit_records', RECORD_COLUMNS, chunk.map(recordRow));
          await insertRows(
            manager,
            'audit_record_applicants',
            ['applicant_id', 'seq'],
            chunk.flatMap(applicantRows),
          );
          await insertRows(manager, 'audit_record_items', ['item', 'seq'], chunk.flatMap(itemRows));
        }
        const last = records[records.length - 1];
        await manager.query('UPDATE audit_head SET seq = ?, hash = ? WHERE name = ?', [
          last.seq,
          last.hash,
          CHAIN,
        ]);
        return records;
      }),
    );
  }

  /**
   * SQLite: one synchronous better-sqlite3 transaction over prepared
   * statements. better-sqlite3 blocks the event loop for every statement, so
   * the few microseconds each takes here matter more than a round trip
   * through TypeORM's query runner, which costs an order of magnitude more on
   * every request's path. The connection is TypeORM's own (SQLite serves one
   * process over one connection); the write queue keeps TypeORM's
   * transactions and this one apart, and if one is open all the same (a write
   * outside the queue), this waits for it rather than join it.
   */
  private async appendSqlite(facts: readonly ExchangeFacts[]): Promise<AuditRecord[]> {
    const db = (this.dataSource.driver as unknown as { databaseConnection: SqliteDatabase })
      .databaseConnection;
    while (db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    const statements = sqliteStatements(db);
    return statements.append(facts);
  }

  /** The chain's last record (seq 0 and the genesis hash when it is empty). */
  async head(): Promise<{ seq: number; hash: string }> {
    const row = await this.dataSource
      .getRepository(AuditHeadEntity)
      .findOneByOrFail({ name: CHAIN });
    return { seq: Number(row.seq), hash: row.hash };
  }

  /**
   * The record before the stored chain: seq 0 and the genesis hash, or —
   * after a retention run — the last record it removed.
   */
  async base(): Promise<{ seq: number; hash: string }> {
    const row = await this.dataSource.getRepository(AuditHeadEntity).findOneBy({ name: BASE });
    return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** The last record written before `time`, or null. */
  async lastSeqBefore(time: Date): Promise<number | null> {
    const [row] = await this.dataSource.query<{ seq: number | string | null }[]>(
      'SELECT MAX(seq) AS seq FROM audit_records WHERE at < ?',
      [sqlTime(time.toISOString())],
    );
    return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
  }

  /**
   * Retention: moves the base to record `seq` (whose hash is `hash`), then
   * removes every record, side row and anchor up to it, a chunk per
   * statement. The base moves first, so a run cut short leaves rows that are
   * no longer part of the chain, which the next run removes. The base never
   * moves back.
   */
  async removeThrough(seq: number, hash: string): Promise<number> {
    await serializeSqliteWrites(this.dataSource, () =>
      this.dataSource.transaction(async (manager) => {
        const moved = await manager
          .createQueryBuilder()
          .update(AuditHeadEntity)
          .set({ seq, hash })
          .where('name = :name AND seq < :seq', { name: BASE, seq })
          .execute();
        if (!moved.affected) {
          const [exists] = await manager.query<unknown[]>(
            'SELECT 1 FROM audit_head WHERE name = ?',
            [BASE],
          );
          if (!exists)
            await manager.query('INSERT INTO audit_head (name, seq, hash) VALUES (?, ?, ?)', [
              BASE,
              seq,
              hash,
            ]);
        }
      }),
    );
    // From the lowest row of any of them: a run cut short before may have left side rows
    // and anchors below the oldest record.
    const [low] = await this.dataSource.query<{ seq: number | string | null }[]>(
      `SELECT MIN(seq) AS seq FROM (${[...SIDE_TABLES, 'audit_records']
        .map((table) => `SELECT MIN(seq) AS seq FROM ${table}`)
        .join(' UNION ALL ')}) lowest`,
    );
    let removed = 0;
    for (let from = Number(low?.seq ?? seq + 1); from <= seq; from += REMOVE_CHUNK) {
      const to = Math.min(seq, from + REMOVE_CHUNK - 1);
      await serializeSqliteWrites(this.dataSource, () =>
        this.dataSource.transaction(async (manager) => {
          for (const table of SIDE_TABLES)
            await manager.query(`DELETE FROM ${table} WHERE seq >= ? AND seq <= ?`, [from, to]);
          const result = (await manager
            .createQueryBuilder()
            .delete()
            .from(AuditRecordEntity)
            .where('seq >= :from AND seq <= :to', { from, to })
            .execute()) as { affected?: number | null };
          removed += result.affected ?? 0;
        }),
      );
    }
    return removed;
  }

  /** Records with from ≤ seq ≤ to, in order, at most `limit`. */
  async range(fromSeq: number, toSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.dataSource
      .getRepository(AuditRecordEntity)
      .createQueryBuilder('r')
      .where('r.seq >= :fromSeq AND r.seq <= :toSeq', { fromSeq, toSeq })
      .orderBy('r.seq', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toRecord);
  }

  /** The record with this number, if any. */
  async record(seq: number): Promise<AuditRecord | null> {
    const row = await this.dataSource.getRepository(AuditRecordEntity).findOneBy({ seq });
    return row ? toRecord(row) : null;
  }

  /** Records matching a filter, newest first, before `beforeSeq` (a cursor), at most `limit`. */
  async find(filter: AuditFilter, beforeSeq: number | null, limit: number): Promise<AuditRecord[]> {
    const query = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('r');
    if (filter.applicantId)
      query.innerJoin(
        AuditRecordApplicantEntity,
        'a',
        'a.seq = r.seq AND a.applicant_id = :applicantId',
        {
          applicantId: filter.applicantId,
        },
      );
    if (filter.dataItem)
      query.innerJoin(AuditRecordItemEntity, 'i', 'i.seq = r.seq AND i.item = :item', {
        item: filter.dataItem,
      });
    if (filter.consumer) query.andWhere('r.consumer = :consumer', { consumer: filter.consumer });
    if (filter.purpose) query.andWhere('r.purpose = :purpose', { purpose: filter.purpose });
    if (filter.caseId) query.andWhere('r.case_id = :caseId', { caseId: filter.caseId });
    if (filter.outcome) query.andWhere('r.outcome = :outcome', { outcome: filter.outcome });
    if (filter.from) query.andWhere('r.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('r.at < :to', { to: filter.to });
    if (beforeSeq !== null) query.andWhere('r.seq < :beforeSeq', { beforeSeq });
    const rows = await query.orderBy('r.seq', 'DESC').take(limit).getMany();
    return rows.map(toRecord);
  }

  /** Stores an anchor; one for the same record and key already there (another replica's) is kept. */
  async addAnchor(anchor: AuditAnchor): Promise<void> {
    try {
      await serializeSqliteWrites(this.dataSource, () =>
        this.dataSource.getRepository(AuditAnchorEntity).insert({ ...anchor }),
      );
    } catch (error) {
      if (violatedUniqueIndex(error) === null) throw error;
    }
  }

  /** Anchors with from ≤ seq ≤ to, in order. */
  async anchors(fromSeq: number, toSeq: number): Promise<AuditAnchor[]> {
    const rows = await this.dataSource
      .getRepository(AuditAnchorEntity)
      .createQueryBuilder('a')
      .where('a.seq >= :fromSeq AND a.seq <= :toSeq', { fromSeq, toSeq })
      .orderBy('a.seq', 'ASC')
      .getMany();
    return rows.map(toAnchor);
  }

  /** The latest anchor, if any. */
  async latestAnchor(): Promise<AuditAnchor | null> {
    const row = await this.dataSource
      .getRepository(AuditAnchorEntity)
      .createQueryBuilder('a')
      .orderBy('a.seq', 'DESC')
      .getOne();
    return row ? toAnchor(row) : null;
  }

  private async lockedHead(manager: EntityManager): Promise<{ seq: number; hash: string }> {
    const type = this.dataSource.options.type;
    const lock = type === 'mysql' || type === 'mariadb' ? ' FOR UPDATE' : '';
    const [row] = await manager.query<{ seq: number | string; hash: string }[]>(
      `SELECT seq, hash FROM audit_head WHERE name = ?${lock}`,
      [CHAIN],
    );
    return { seq: Number(row.seq), hash: row.hash };
  }
}
