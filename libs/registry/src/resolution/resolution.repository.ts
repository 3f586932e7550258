import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { ApplicantEventEntity } from '../applicant-event.entity';
import { ApplicantIdentifierEntity } from '../applicant-identifier.entity';
import type { NewApplicantChange } from '../changes/applicant-change.types';
import { appendChanges, goldenBefore, goldenChanges } from '../changes/change-log';
import { ApplicantEntity } from '../applicant.entity';
import { GoldenAttributeEntity } from '../golden-attribute.entity';
import { MatchCandidateEntity } from '../match-candidate.entity';
import { ResolutionStateEntity } from '../resolution-state.entity';
import { SourceRecordEntity } from '../source-record.entity';
import { serializeSqliteWrites } from '../sqlite-write-queue';
import { SyncCursorEntity } from '../sync-cursor.entity';
import type { ApplicantKind, IdentifierScheme } from '../registry.types';
import type {
  ApplicantEvent,
  ApplicantEventType,
  MatchCandidate,
  MatchCandidateStatus,
} from './resolution.types';

/** Names of the in-process locks held (SQLite). */
const held = new Set<string>();

/** The one row of `resolution_state` the registry keeps. */
const STATE = 'registry';

/** Rows per INSERT: well inside SQLite's bound-parameter limit and MySQL's packet size. */
const CHUNK = 200;

/** A stored source record as resolution reads it. */
export interface StoredRecord {
  id: string;
  applicantId: string;
  kind: ApplicantKind;
  applicantCreatedAt: Date;
  system: string;
  localId: string;
  normalized: Record<string, unknown>;
  observedAt: Date;
}

export interface NewApplicantRow {
  id: string;
  kind: ApplicantKind;
  name: string;
  createdAt: Date;
  identifiers: { scheme: IdentifierScheme; value: string; originalValue: string | null }[];
}

export interface RecordRow {
  id: string;
  applicantId: string;
  system: string;
  localId: string;
  raw: unknown;
  normalized: Record<string, unknown>;
  observedAt: Date;
}

export interface EventRow {
  applicantId: string;
  type: ApplicantEventType;
  relatedApplicantId?: string | null;
  actor: string;
  reason?: string | null;
  payload: Record<string, unknown>;
}

export interface CandidateRow {
  recordAId: string;
  recordBId: string;
  probability: number;
  weight: number;
  explanation: unknown;
}

/** Everything one ingest writes, applied in one transaction. */
export interface IngestWrites {
  applicants: NewApplicantRow[];
  newRecords: RecordRow[];
  updatedRecords: RecordRow[];
  /** Identifiers to add to existing applicants. */
  identifiers: {
    applicantId: string;
    scheme: IdentifierScheme;
    value: string;
    originalValue: string | null;
  }[];
  candidates: CandidateRow[];
  events: EventRow[];
}

/** Nothing to write yet. */
export function emptyIngestWrites(): IngestWrites {
  return {
    applicants: [],
    newRecords: [],
    updatedRecords: [],
    identifiers: [],
    candidates: [],
    events: [],
  };
}

export interface GoldenRow {
  name: string;
  value: string;
  sourceSystem: string;
  sourceRecordId: string;
  observedAt: Date;
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function parseJson(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function toCandidate(row: MatchCandidateEntity): MatchCandidate {
  return {
    id: row.id,
    recordAId: row.recordAId,
    recordBId: row.recordBId,
    probability: Number(row.probability),
    weight: Number(row.weight),
    explanation: JSON.parse(row.explanation) as unknown,
    status: row.status as MatchCandidateStatus,
    decidedBy: row.decidedBy ?? null,
    reason: row.reason ?? null,
    createdAt: new Date(row.createdAt),
    decidedAt: row.decidedAt ? new Date(row.decidedAt) : null,
  };
}

function toEvent(row: ApplicantEventEntity): ApplicantEvent {
  return {
    id: row.id,
    applicantId: row.applicantId,
    type: row.type as ApplicantEventType,
    relatedApplicantId: row.relatedApplicantId ?? null,
    actor: row.actor,
    reason: row.reason ?? null,
    payload: parseJson(row.payload),
    occurredAt: new Date(row.occurredAt),
  };
}

/**
 * Entity resolution's door to the registry's tables (STYLE.md §8): reads the
 * records to match, writes an ingest in one transaction, the review queue,
 * history, golden attributes and sync cursors.
 */
export class ResolutionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every source record with its applicant's kind (records always sit on an ACTIVE applicant). */
  loadRecords(): Promise<StoredRecord[]> {
    return this.storedRecords(null);
  }

  async recordCount(): Promise<number> {
    return this.dataSource.getRepository(SourceRecordEntity).count();
  }

  /** The stored records with these department keys (those the registry holds). */
  async recordsByKeys(
    keys: readonly { system: string; localId: string }[],
  ): Promise<StoredRecord[]> {
    // By system, then local ids: the unique (system, local_id) index answers it.
    const bySystem = new Map<string, Set<string>>();
    for (const k of keys)
      (bySystem.get(k.system) ?? bySystem.set(k.system, new Set()).get(k.system)!).add(k.localId);
    const out: StoredRecord[] = [];
    for (const [system, localIds] of bySystem)
      for (const chunk of chunks([...localIds]))
        out.push(...(await this.storedRecords({ system, localIds: chunk })));
    return out;
  }

  private async storedRecords(
    where: { system: string; localIds: readonly string[] } | null,
  ): Promise<StoredRecord[]> {
    const query = this.dataSource
      .getRepository(SourceRecordEntity)
      .createQueryBuilder('r')
      .innerJoin(ApplicantEntity, 'a', 'a.id = r.applicantId')
      .select([
        'r.id AS id',
        'r.applicant_id AS applicant_id',
        'a.kind AS kind',
        'a.created_at AS applicant_created_at',
        'r.system AS system',
        'r.local_id AS local_id',
        'r.normalized AS normalized',
        'r.observed_at AS observed_at',
      ]);
    if (where)
      query
        .where('r.system = :system', { system: where.system })
        .andWhere('r.local_id IN (:...localIds)', { localIds: where.localIds });
    const rows = await query.orderBy('r.id').getRawMany<Record<string, unknown>>();
    // Dates hydrated as TypeORM would, for whichever database this is.
    const driver = this.dataSource.driver;
    const observed = this.dataSource
      .getMetadata(SourceRecordEntity)
      .findColumnWithPropertyName('observedAt')!;
    const created = this.dataSource
      .getMetadata(ApplicantEntity)
      .findColumnWithPropertyName('createdAt')!;
    return rows.map((r) => ({
      id: String(r.id),
      applicantId: String(r.applicant_id),
      kind: r.kind as ApplicantKind,
      applicantCreatedAt: new Date(
        driver.prepareHydratedValue(r.applicant_created_at, created) as Date,
      ),
      system: String(r.system),
      localId: String(r.local_id),
      normalized: parseJson(String(r.normalized)),
      observedAt: new Date(driver.prepareHydratedValue(r.observed_at, observed) as Date),
    }));
  }

  /** How far the records have changed, and the parameters last learned (revision 0, none, before any ingest). */
  async state(): Promise<{ revision: number; parameters: unknown }> {
    const row = await this.dataSource
      .getRepository(ResolutionStateEntity)
      .findOneBy({ name: STATE });
    return {
      revision: row ? Number(row.revision) : 0,
      parameters: row?.parameters ? (JSON.parse(row.parameters) as unknown) : null,
    };
  }

  /** Pairs among records touching `recordIds` that a person (or a split) kept apart, as `a|b` keys. */
  async keptApartTouching(recordIds: readonly string[]): Promise<Set<string>> {
    return this.candidateKeysTouching(recordIds, 'KEPT_APART');
  }

  /** Keys `a|b` of the candidate pairs (queued or decided) with a record in `recordIds`. */
  async candidateKeysTouching(
    recordIds: readonly string[],
    status?: MatchCandidateStatus,
  ): Promise<Set<string>> {
    const out = new Set<string>();
    for (const chunk of chunks([...new Set(recordIds)])) {
      const query = this.dataSource
        .getRepository(MatchCandidateEntity)
        .createQueryBuilder('c')
        .select(['c.record_a_id AS a', 'c.record_b_id AS b'])
        .where(
          new Brackets((q) =>
            q
              .where('c.record_a_id IN (:...ids)', { ids: chunk })
              .orWhere('c.record_b_id IN (:...ids)'),
          ),
        );
      if (status) query.andWhere('c.status = :status', { status });
      for (const r of await query.getRawMany<{ a: string; b: string }>()) out.add(`${r.a}|${r.b}`);
    }
    return out;
  }

  /** Which active applicant holds each of these `scheme|value` identifiers. */
  async identifierHolders(keys: readonly string[]): Promise<Map<string, string>> {
    // By scheme, then values: the unique (scheme, active_value) index answers it.
    const byScheme = new Map<string, Set<string>>();
    for (const key of keys) {
      const at = key.indexOf('|');
      const scheme = key.slice(0, at);
      (byScheme.get(scheme) ?? byScheme.set(scheme, new Set()).get(scheme)!).add(key.slice(at + 1));
    }
    const out = new Map<string, string>();
    for (const [scheme, values] of byScheme) {
      for (const chunk of chunks([...values])) {
        const rows = await this.dataSource
          .getRepository(ApplicantIdentifierEntity)
          .createQueryBuilder('i')
          .select(['i.active_value AS value', 'i.applicant_id AS applicant_id'])
          .where('i.scheme = :scheme', { scheme })
          .andWhere('i.active_value IN (:...chunk)', { chunk })
          .getRawMany<{ value: string; applicant_id: string }>();
        for (const r of rows) out.set(`${scheme}|${r.value}`, r.applicant_id);
      }
    }
    return out;
  }

  /** Record pairs a person (or a split) decided to keep apart. */
  async keptApart(): Promise<[string, string][]> {
    const rows = await this.dataSource
      .getRepository(MatchCandidateEntity)
      .findBy({ status: 'KEPT_APART' });
    return rows.map((r) => [r.recordAId, r.recordBId]);
  }

  /** Keys `a|b` of every candidate pair already queued or decided. */
  async candidateKeys(): Promise<Set<string>> {
    const rows = await this.dataSource
      .getRepository(MatchCandidateEntity)
      .createQueryBuilder('c')
      .select(['c.record_a_id AS a', 'c.record_b_id AS b'])
      .getRawMany<{ a: string; b: string }>();
    return new Set(rows.map((r) => `${r.a}|${r.b}`));
  }

  /**
   * Writes an ingest in one transaction and raises the registry's revision;
   * returns the revision it raised to. `parameters`, when given, are kept as
   * the ones the next process's match index scores with.
   */
  async applyIngest(writes: IngestWrites, parameters?: unknown): Promise<number> {
    return this.write(async (manager) => {
      const now = new Date();
      for (const chunk of chunks(writes.applicants)) {
        await manager.insert(
          ApplicantEntity,
          chunk.map((a) => ({
            id: a.id,
            kind: a.kind,
            name: a.name.slice(0, 200),
            status: 'ACTIVE',
            mergedIntoId: null,
            createdAt: a.createdAt,
            updatedAt: a.createdAt,
          })),
        );
      }
      const identifiers = [
        ...writes.applicants.flatMap((a) =>
          a.identifiers.map((i) => ({ applicantId: a.id, ...i })),
        ),
        ...writes.identifiers,
      ];
      for (const chunk of chunks(identifiers)) {
        await manager.insert(
          ApplicantIdentifierEntity,
          chunk.map((i) => ({
            id: randomUUID(),
            applicantId: i.applicantId,
            scheme: i.scheme,
            value: i.value,
            originalValue: i.originalValue,
            activeValue: i.value,
          })),
        );
      }
      for (const chunk of chunks(writes.newRecords)) {
        await manager.insert(
          SourceRecordEntity,
          chunk.map((r) => ({
            id: r.id,
            applicantId: r.applicantId,
            system: r.system,
            localId: r.localId,
            rawPayload: JSON.stringify(r.raw ?? null),
            normalized: JSON.stringify(r.normalized),
            observedAt: r.observedAt,
          })),
        );
      }
      for (const r of writes.updatedRecords) {
        await manager.update(
          SourceRecordEntity,
          { id: r.id },
          {
            rawPayload: JSON.stringify(r.raw ?? null),
            normalized: JSON.stringify(r.normalized),
            observedAt: r.observedAt,
          },
        );
      }
      for (const chunk of chunks(writes.candidates)) {
        await manager.insert(
          MatchCandidateEntity,
          chunk.map((c) => ({
            id: randomUUID(),
            recordAId: c.recordAId,
            recordBId: c.recordBId,
            probability: c.probability,
            weight: c.weight,
            explanation: JSON.stringify(c.explanation),
            status: 'PENDING',
            decidedBy: null,
            reason: null,
            createdAt: now,
            decidedAt: null,
          })),
        );
      }
      await this.insertEvents(manager, writes.events, now);
      return this.raiseRevision(manager, now, parameters);
    });
  }

  private async raiseRevision(
    manager: EntityManager,
    now: Date,
    parameters: unknown,
  ): Promise<number> {
    const changes = {
      updatedAt: now,
      ...(parameters === undefined ? {} : { parameters: JSON.stringify(parameters) }),
    };
    // The increment takes the row's lock: concurrent ingests get one revision each.
    const raised = await manager
      .createQueryBuilder()
      .update(ResolutionStateEntity)
      .set({ ...changes, revision: () => 'revision + 1' })
      .where({ name: STATE })
      .execute();
    if (!raised.affected)
      await manager.insert(ResolutionStateEntity, {
        name: STATE,
        revision: 1,
        parameters: null,
        ...changes,
      });
    const row = await manager.findOneByOrFail(ResolutionStateEntity, { name: STATE });
    return Number(row.revision);
  }

  async appendEvents(events: readonly EventRow[]): Promise<void> {
    await this.write((manager) => this.insertEvents(manager, events, new Date()));
  }

  private async insertEvents(
    manager: EntityManager,
    events: readonly EventRow[],
    at: Date,
  ): Promise<void> {
    for (const chunk of chunks(events)) {
      await manager.insert(
        ApplicantEventEntity,
        chunk.map((e) => ({
          id: randomUUID(),
          applicantId: e.applicantId,
          type: e.type,
          relatedApplicantId: e.relatedApplicantId ?? null,
          actor: e.actor,
          reason: e.reason ?? null,
          payload: JSON.stringify(e.payload),
          occurredAt: at,
        })),
      );
    }
  }

  /**
   * Replaces the golden attributes of each applicant and sets its shown name;
   * what changed on applicants that had golden attributes goes to the change
   * log in the same transaction (one read of the old values per chunk).
   */
  async replaceGolden(golden: ReadonlyMap<string, readonly GoldenRow[]>): Promise<void> {
    const ids = [...golden.keys()];
    await this.write(async (manager) => {
      const now = new Date();
      const changes: NewApplicantChange[] = [];
      for (const chunk of chunks(ids)) {
        const before = await goldenBefore(manager, chunk);
        for (const applicantId of chunk)
          changes.push(
            ...goldenChanges(applicantId, before.get(applicantId) ?? [], golden.get(applicantId)!),
          );
        await manager.delete(GoldenAttributeEntity, { applicantId: In(chunk) });
        const rows = chunk.flatMap((applicantId) =>
          golden.get(applicantId)!.map((g) => ({
            id: randomUUID(),
            applicantId,
            name: g.name,
            value: g.value,
            sourceSystem: g.sourceSystem,
            sourceRecordId: g.sourceRecordId,
            observedAt: g.observedAt,
          })),
        );
        for (const part of chunks(rows)) await manager.insert(GoldenAttributeEntity, part);
      }
      for (const applicantId of ids) {
        const name = golden.get(applicantId)!.find((g) => g.name === 'name')?.value;
        if (name)
          await manager.update(
            ApplicantEntity,
            { id: applicantId },
            { name: name.slice(0, 200), updatedAt: now },
          );
      }
      await appendChanges(manager, changes, now);
    });
  }

  async candidates(status: MatchCandidateStatus | null, limit: number): Promise<MatchCandidate[]> {
    const rows = await this.dataSource.getRepository(MatchCandidateEntity).find({
      where: status ? { status } : {},
      order: { probability: 'DESC', id: 'ASC' },
      take: limit,
    });
    return rows.map(toCandidate);
  }

  async candidate(id: string): Promise<MatchCandidate | null> {
    const row = await this.dataSource.getRepository(MatchCandidateEntity).findOneBy({ id });
    return row ? toCandidate(row) : null;
  }

  /** Decides a PENDING candidate; false when it was not PENDING (someone else decided first). */
  async decide(
    id: string,
    status: Exclude<MatchCandidateStatus, 'PENDING'>,
    decidedBy: string,
    reason: string,
  ): Promise<boolean> {
    return this.write(async (manager) => {
      const result = await manager.update(
        MatchCandidateEntity,
        { id, status: 'PENDING' },
        { status, decidedBy, reason, decidedAt: new Date() },
      );
      return (result.affected ?? 0) === 1;
    });
  }

  /** Records a decision that two groups of records stay apart (a split). */
  async keepApart(
    pairs: readonly (readonly [string, string])[],
    decidedBy: string,
    reason: string,
  ): Promise<void> {
    const existing = await this.candidateKeys();
    await this.write(async (manager) => {
      const now = new Date();
      for (const [a, b] of pairs) {
        const [x, y] = a < b ? [a, b] : [b, a];
        if (existing.has(`${x}|${y}`)) {
          await manager.update(
            MatchCandidateEntity,
            { recordAId: x, recordBId: y },
            { status: 'KEPT_APART', decidedBy, reason, decidedAt: now },
          );
        } else {
          await manager.insert(MatchCandidateEntity, {
            id: randomUUID(),
            recordAId: x,
            recordBId: y,
            probability: 0,
            weight: 0,
            explanation: JSON.stringify({ decidedBy: 'split' }),
            status: 'KEPT_APART',
            decidedBy,
            reason,
            createdAt: now,
            decidedAt: now,
          });
        }
      }
    });
  }

  /**
   * Moves source records to a new applicant (a split), with the identifiers
   * only those records carry.
   */
  async moveToNewApplicant(
    from: string,
    applicant: NewApplicantRow,
    recordIds: readonly string[],
    identifierValues: readonly { scheme: IdentifierScheme; value: string }[],
  ): Promise<void> {
    await this.write(async (manager) => {
      await manager.insert(ApplicantEntity, {
        id: applicant.id,
        kind: applicant.kind,
        name: applicant.name.slice(0, 200),
        status: 'ACTIVE',
        mergedIntoId: null,
        createdAt: applicant.createdAt,
        updatedAt: applicant.createdAt,
      });
      for (const { scheme, value } of identifierValues) {
        const held = await manager.findOneBy(ApplicantIdentifierEntity, {
          applicantId: from,
          scheme,
          activeValue: value,
        });
        if (!held) continue;
        await manager.update(ApplicantIdentifierEntity, { id: held.id }, { activeValue: null });
        await manager.insert(ApplicantIdentifierEntity, {
          id: randomUUID(),
          applicantId: applicant.id,
          scheme,
          value,
          originalValue: held.originalValue,
          activeValue: value,
        });
      }
      await manager.update(
        SourceRecordEntity,
        { id: In([...recordIds]) },
        { applicantId: applicant.id },
      );
      await manager.update(ApplicantEntity, { id: from }, { updatedAt: new Date() });
    });
  }

  /**
   * Undoes a merge: the merged applicant is ACTIVE again under its own id,
   * takes back its records and the identifiers only they carry (its own
   * identifier rows come back; the survivor's copies of them go).
   */
  async reviveMerged(
    mergedId: string,
    survivorId: string,
    recordIds: readonly string[],
    identifierValues: readonly { scheme: IdentifierScheme; value: string }[],
  ): Promise<void> {
    await this.write(async (manager) => {
      const now = new Date();
      for (const { scheme, value } of identifierValues) {
        await manager.delete(ApplicantIdentifierEntity, {
          applicantId: survivorId,
          scheme,
          activeValue: value,
        });
        await manager.update(
          ApplicantIdentifierEntity,
          { applicantId: mergedId, scheme, value },
          { activeValue: value },
        );
      }
      await manager.update(
        ApplicantEntity,
        { id: mergedId },
        { status: 'ACTIVE', mergedIntoId: null, updatedAt: now },
      );
      await manager.update(
        SourceRecordEntity,
        { id: In([...recordIds]) },
        { applicantId: mergedId },
      );
      await manager.update(ApplicantEntity, { id: survivorId }, { updatedAt: now });
    });
  }

  async events(applicantIds: readonly string[]): Promise<ApplicantEvent[][]> {
    const rows = applicantIds.length
      ? await this.dataSource.getRepository(ApplicantEventEntity).find({
          where: { applicantId: In([...new Set(applicantIds)]) },
          order: { occurredAt: 'ASC', id: 'ASC' },
        })
      : [];
    return applicantIds.map((id) => rows.filter((r) => r.applicantId === id).map(toEvent));
  }

  async cursor(system: string): Promise<{ changedAt: Date; localId: string } | null> {
    const row = await this.dataSource.getRepository(SyncCursorEntity).findOneBy({ system });
    return row ? { changedAt: new Date(row.changedAt), localId: row.localId } : null;
  }

  async saveCursor(system: string, cursor: { changedAt: Date; localId: string }): Promise<void> {
    await this.write(async (manager) => {
      const values = {
        changedAt: cursor.changedAt,
        localId: cursor.localId,
        updatedAt: new Date(),
      };
      const existing = await manager.findOneBy(SyncCursorEntity, { system });
      if (existing) await manager.update(SyncCursorEntity, { system }, values);
      else await manager.insert(SyncCursorEntity, { system, ...values });
    });
  }

  /** Active identifier values held by applicants, scheme|value → applicant id. */
  async activeIdentifiers(): Promise<Map<string, string>> {
    const rows = await this.dataSource
      .getRepository(ApplicantIdentifierEntity)
      .createQueryBuilder('i')
      .select(['i.scheme AS scheme', 'i.active_value AS value', 'i.applicant_id AS applicant_id'])
      .where('i.active_value IS NOT NULL')
      .getRawMany<{ scheme: string; value: string; applicant_id: string }>();
    return new Map(rows.map((r) => [`${r.scheme}|${r.value}`, r.applicant_id]));
  }

  /**
   * Runs `work` unless another process (or this one) is already running it:
   * a MySQL/MariaDB named lock held on its own connection, an in-process flag
   * on SQLite (one process per SQLite file). Null when someone else holds it.
   */
  async exclusive<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    const type = this.dataSource.options.type;
    if (type !== 'mysql' && type !== 'mariadb') {
      if (held.has(name)) return null;
      held.add(name);
      try {
        return await work();
      } finally {
        held.delete(name);
      }
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = (await runner.query('SELECT GET_LOCK(?, 0) AS got', [name])) as {
        got: unknown;
      }[];
      if (Number(row?.got) !== 1) return null;
      try {
        return await work();
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [name]);
      }
    } finally {
      await runner.release();
    }
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return serializeSqliteWrites(this.dataSource, () => this.dataSource.transaction(work));
  }
}
