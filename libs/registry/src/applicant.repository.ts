import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { ApplicantIdentifierEntity } from './applicant-identifier.entity';
import { ApplicantEntity } from './applicant.entity';
import { appendChanges, goldenChanges } from './changes/change-log';
import {
  toApplicant,
  toApplicantIdentifier,
  toGoldenAttribute,
  toSourceRecord,
} from './applicant.mapper';
import { GoldenAttributeEntity } from './golden-attribute.entity';
import { escapeLikePattern, LIKE_ESCAPE } from './like-pattern';
import { prepareRegistration, type PreparedRegistration } from './register-applicant.validation';
import { RegistryError, RegistryErrorCode } from './registry.errors';
import type {
  Applicant,
  ApplicantIdentifier,
  GoldenAttribute,
  IdentifierScheme,
  RegisterApplicantInput,
  SourceRecord,
} from './registry.types';
import { SourceRecordEntity } from './source-record.entity';
import { serializeSqliteWrites } from './sqlite-write-queue';
import { violatedUniqueIndex } from './unique-violation';

/** Merges never build chains this long; a longer one means the data was damaged. */
export const MAX_MERGE_CHAIN = 16;

/** The most results one name search returns, whatever the caller asks for. */
export const MAX_SEARCH_RESULTS = 100;

/**
 * Ids per `IN (…)` list. A DataLoader batch is one query up to this size;
 * beyond it, one query per chunk keeps well under SQLite's bound-parameter limit
 * and MySQL's packet size.
 */
const BATCH_CHUNK = 1000;

/**
 * The registry's only door to its tables (STYLE.md §8): reads for the gateway
 * (batch methods answer DataLoaders: one group per requested id, in request
 * order), and the writes `register` and `merge`, each in one transaction.
 * Construct it by hand with an initialized DataSource in tests and the CLI.
 */
@Injectable()
export class ApplicantRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<Applicant | null> {
    // TypeORM drops an undefined condition and would return an arbitrary row.
    if (!isId(id)) {
      return null;
    }
    const row = await this.dataSource.getRepository(ApplicantEntity).findOneBy({ id });
    return row ? toApplicant(row) : null;
  }

  /**
   * The ACTIVE applicant that `id` stands for today: itself when active, else
   * the end of its chain of survivors. Null when no applicant has this id.
   *
   * @throws RegistryError BROKEN_MERGE_CHAIN when the chain is cyclic, longer
   *   than {@link MAX_MERGE_CHAIN}, or a MERGED applicant has no survivor —
   *   damage to report, not an applicant to pretend does not exist.
   */
  async resolveSurvivor(id: string): Promise<Applicant | null> {
    let current = await this.findById(id);
    if (!current) {
      return null;
    }
    const seen = new Set([current.id]);
    while (current.status === 'MERGED') {
      const next = current.mergedIntoId;
      if (next === null) {
        throw brokenChain(id, current.id, 'a merged applicant names no survivor');
      }
      if (seen.has(next)) {
        throw brokenChain(id, current.id, 'the chain is cyclic');
      }
      if (seen.size > MAX_MERGE_CHAIN) {
        throw brokenChain(id, current.id, `the chain is longer than ${MAX_MERGE_CHAIN}`);
      }
      seen.add(next);
      const survivor = await this.findById(next);
      if (!survivor) {
        throw brokenChain(id, current.id, 'a survivor does not exist');
      }
      current = survivor;
    }
    return current;
  }

  /**
   * The active applicant holding an identifier. `value` is the normalized value;
   * a legacy value kept as `originalValue` (a 15-digit 身份证号码) also matches,
   * after any exact match.
   */
  async findActiveByIdentifier(scheme: IdentifierScheme, value: string): Promise<Applicant | null> {
    if (typeof scheme !== 'string' || typeof value !== 'string' || value === '') {
      return null;
    }
    // Hand-written SQL on the hot path (every lookup by identifier): TypeORM's
    // query builder costs more CPU than the query itself. Same SQL on SQLite
    // and MySQL/MariaDB; rows hydrated through TypeORM's own column metadata.
    const sql = this.sql();
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql.activeByIdentifier, [
      scheme,
      value,
      value,
      value,
    ]);
    const row = rows.length > 0 ? this.hydrate(ApplicantEntity, rows[0]) : null;
    return row ? toApplicant(row) : null;
  }

  /**
   * Active applicants whose name contains `query`, ignoring case (Latin letters
   * on every database; MySQL also folds other scripts). `%`, `_` and `\` in the
   * query are plain characters. Exact names first, then names starting with the
   * query, then the rest; within each, by name (code-point order on both
   * databases), then id.
   */
  async searchByName(query: string, limit: number): Promise<Applicant[]> {
    const text = typeof query === 'string' ? query.trim() : '';
    const max = Number.isFinite(limit)
      ? Math.min(Math.max(Math.trunc(limit), 0), MAX_SEARCH_RESULTS)
      : 0;
    if (text === '' || max === 0) {
      return [];
    }
    const escaped = escapeLikePattern(text);
    const rows = await this.dataSource
      .getRepository(ApplicantEntity)
      .createQueryBuilder('a')
      .where('a.status = :active', { active: 'ACTIVE' })
      .andWhere(`LOWER(a.name) LIKE LOWER(:contains) ESCAPE '${LIKE_ESCAPE}'`, {
        contains: `%${escaped}%`,
      })
      .orderBy(
        `CASE WHEN LOWER(a.name) = LOWER(:exact) THEN 0 ` +
          `WHEN LOWER(a.name) LIKE LOWER(:prefix) ESCAPE '${LIKE_ESCAPE}' THEN 1 ELSE 2 END`,
        'ASC',
      )
      .addOrderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .setParameters({ exact: text, prefix: `${escaped}%` })
      .limit(max)
      .getMany();
    return rows.map(toApplicant);
  }

  /** Applicants by id, in input order; null where no applicant has the id. */
  async findByIds(ids: readonly string[]): Promise<(Applicant | null)[]> {
    const rows = await this.loadByIds(ids, (chunk) =>
      this.dataSource.getRepository(ApplicantEntity).findBy({ id: In(chunk) }),
    );
    const byId = new Map(rows.map((row) => [row.id, toApplicant(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Each applicant's identifiers, active or not (a merged applicant keeps its
   * own, inactive), by scheme then value; an empty group for an unknown id.
   */
  async identifiersFor(applicantIds: readonly string[]): Promise<ApplicantIdentifier[][]> {
    const rows = await this.loadByIds(applicantIds, async (chunk) => {
      const raw = await this.dataSource.query<Record<string, unknown>[]>(
        this.sql().identifiersOf(chunk.length),
        chunk,
      );
      return raw.map((r) => this.hydrate(ApplicantIdentifierEntity, r));
    });
    return groupInOrder(applicantIds, rows.map(toApplicantIdentifier), (a, b) =>
      compareKeys([a.scheme, a.value, a.id], [b.scheme, b.value, b.id]),
    );
  }

  /** Each applicant's source records, by system then local id. */
  async sourceRecordsFor(applicantIds: readonly string[]): Promise<SourceRecord[][]> {
    const rows = await this.loadByIds(applicantIds, (chunk) =>
      this.dataSource.getRepository(SourceRecordEntity).findBy({ applicantId: In(chunk) }),
    );
    return groupInOrder(applicantIds, rows.map(toSourceRecord), (a, b) =>
      compareKeys([a.system, a.localId], [b.system, b.localId]),
    );
  }

  /** Source records by their own ids, in input order; null where no record has the id. */
  async sourceRecordsByIds(ids: readonly string[]): Promise<(SourceRecord | null)[]> {
    const rows = await this.loadByIds(ids, (chunk) =>
      this.dataSource.getRepository(SourceRecordEntity).findBy({ id: In(chunk) }),
    );
    const byId = new Map(rows.map((row) => [row.id, toSourceRecord(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Each applicant's golden attributes, by name. */
  async attributesFor(applicantIds: readonly string[]): Promise<GoldenAttribute[][]> {
    const rows = await this.loadByIds(applicantIds, (chunk) =>
      this.dataSource.getRepository(GoldenAttributeEntity).findBy({ applicantId: In(chunk) }),
    );
    return groupInOrder(applicantIds, rows.map(toGoldenAttribute), (a, b) =>
      compareKeys([a.name], [b.name]),
    );
  }

  /** How many ACTIVE applicants there are. */
  async count(): Promise<number> {
    return this.dataSource.getRepository(ApplicantEntity).countBy({ status: 'ACTIVE' });
  }

  /**
   * Registers a new ACTIVE applicant with its identifiers, source records and
   * golden attributes, all or nothing.
   *
   * @throws RegistryError INVALID_REGISTRATION (nothing was written),
   *   DUPLICATE_IDENTIFIER when an active applicant already holds one of the
   *   identifiers, DUPLICATE_SOURCE_RECORD when a (system, localId) is already
   *   linked; `details` name the existing applicant.
   */
  async register(input: RegisterApplicantInput): Promise<Applicant> {
    const prepared = prepareRegistration(input);
    const now = new Date();
    const applicant: Applicant = {
      id: randomUUID(),
      kind: prepared.kind,
      name: prepared.name,
      status: 'ACTIVE',
      mergedIntoId: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.writeTransaction(async (manager) => {
        await manager.insert(ApplicantEntity, { ...applicant });
        if (prepared.identifiers.length > 0) {
          await manager.insert(
            ApplicantIdentifierEntity,
            prepared.identifiers.map((identifier) => ({
              id: randomUUID(),
              applicantId: applicant.id,
              scheme: identifier.scheme,
              value: identifier.value,
              originalValue: identifier.originalValue,
              activeValue: identifier.value,
            })),
          );
        }
        const recordIds = new Map<string, string>();
        if (prepared.sourceRecords.length > 0) {
          await manager.insert(
            SourceRecordEntity,
            prepared.sourceRecords.map((record) => {
              const id = randomUUID();
              recordIds.set(recordKey(record.system, record.localId), id);
              return { id, applicantId: applicant.id, ...record };
            }),
          );
        }
        if (prepared.attributes.length > 0) {
          await manager.insert(
            GoldenAttributeEntity,
            prepared.attributes.map(({ sourceLocalId, ...attribute }) => ({
              id: randomUUID(),
              applicantId: applicant.id,
              ...attribute,
              sourceRecordId:
                sourceLocalId === null
                  ? null
                  : (recordIds.get(recordKey(attribute.sourceSystem, sourceLocalId)) ?? null),
            })),
          );
        }
      });
    } catch (error) {
      throw await this.explainRegistrationFailure(error, prepared);
    }
    return applicant;
  }

  /**
   * Merges `mergedId` into `survivorId`, in one transaction: the merged
   * applicant becomes MERGED and points at the survivor; its identifiers stay on
   * it but inactive, and the survivor gets a copy of each it lacks; its source
   * records move to the survivor; its golden attributes move where the survivor
   * has no value of that name (the survivor's values win until survivorship
   * rules exist, and the merged applicant keeps the ones that lost).
   *
   * @throws RegistryError MERGE_INTO_SELF, APPLICANT_NOT_FOUND,
   *   SURVIVOR_NOT_ACTIVE (merge into the survivor's survivor instead),
   *   ALREADY_MERGED.
   */
  async merge(survivorId: string, mergedId: string): Promise<void> {
    if (survivorId === mergedId) {
      throw new RegistryError(
        RegistryErrorCode.MERGE_INTO_SELF,
        'An applicant cannot be merged into itself',
        { applicantId: survivorId },
      );
    }
    for (const id of [survivorId, mergedId]) {
      if (!isId(id)) {
        throw notFound(String(id));
      }
    }
    await this.writeTransaction(async (manager) => {
      const now = new Date();
      // Write both rows first so that MySQL holds their row locks, taken in key
      // order, before anything is read: two merges of the same pair, in either
      // direction, then queue up instead of both passing the checks below.
      await manager
        .createQueryBuilder()
        .update(ApplicantEntity)
        .set({ updatedAt: now })
        .where({ id: In([survivorId, mergedId].sort()) })
        .execute();
      const rows = await manager.findBy(ApplicantEntity, { id: In([survivorId, mergedId]) });
      const survivor = rows.find((row) => row.id === survivorId);
      const merged = rows.find((row) => row.id === mergedId);
      if (!survivor) {
        throw notFound(survivorId);
      }
      if (!merged) {
        throw notFound(mergedId);
      }
      if (survivor.status !== 'ACTIVE') {
        throw new RegistryError(
          RegistryErrorCode.SURVIVOR_NOT_ACTIVE,
          'The survivor is itself merged; merge into its survivor instead',
          { survivorId, mergedIntoId: survivor.mergedIntoId },
        );
      }
      if (merged.status !== 'ACTIVE') {
        throw new RegistryError(
          RegistryErrorCode.ALREADY_MERGED,
          'The applicant is already merged',
          {
            applicantId: mergedId,
            mergedIntoId: merged.mergedIntoId,
          },
        );
      }

      await manager.update(
        ApplicantEntity,
        { id: mergedId },
        { status: 'MERGED', mergedIntoId: survivorId, updatedAt: now },
      );
      await this.moveIdentifiers(manager, mergedId, survivorId);
      await manager.update(
        SourceRecordEntity,
        { applicantId: mergedId },
        { applicantId: survivorId },
      );
      await this.moveAttributes(manager, mergedId, survivorId, now);
    });
  }

  private async moveIdentifiers(
    manager: EntityManager,
    fromId: string,
    toId: string,
  ): Promise<void> {
    const moving = await manager.findBy(ApplicantIdentifierEntity, {
      applicantId: fromId,
      activeValue: Not(IsNull()),
    });
    const held = await manager.findBy(ApplicantIdentifierEntity, {
      applicantId: toId,
      activeValue: Not(IsNull()),
    });
    // Free the unique (scheme, active_value) slots before the survivor takes them.
    await manager.update(ApplicantIdentifierEntity, { applicantId: fromId }, { activeValue: null });

    // Two active applicants never share an active identifier, so today every
    // moving one is new to the survivor; the check keeps a merge safe should
    // identifiers ever be shared (e.g. a scheme not unique per applicant).
    const heldKeys = new Set(held.map((row) => recordKey(row.scheme, row.value)));
    const copies = moving
      .filter((row) => !heldKeys.has(recordKey(row.scheme, row.value)))
      .map((row) => ({
        id: randomUUID(),
        applicantId: toId,
        scheme: row.scheme,
        value: row.value,
        originalValue: row.originalValue,
        activeValue: row.value,
      }));
    if (copies.length > 0) {
      await manager.insert(ApplicantIdentifierEntity, copies);
    }
  }

  /**
   * Attributes the survivor gains are changes of its golden record, logged
   * in the merge's transaction; the merged applicant's losses are not (it is
   * retired, and its records now belong to the survivor).
   */
  private async moveAttributes(
    manager: EntityManager,
    fromId: string,
    toId: string,
    at: Date,
  ): Promise<void> {
    const held = await manager.findBy(GoldenAttributeEntity, { applicantId: toId });
    const heldNames = new Set(held.map((row) => row.name));
    const moving = (await manager.findBy(GoldenAttributeEntity, { applicantId: fromId })).filter(
      (row) => !heldNames.has(row.name),
    );
    if (moving.length > 0) {
      await manager.update(
        GoldenAttributeEntity,
        { id: In(moving.map((row) => row.id)) },
        { applicantId: toId },
      );
      await appendChanges(manager, goldenChanges(toId, held, [...held, ...moving]), at);
    }
  }

  private writeTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return serializeSqliteWrites(this.dataSource, () => this.dataSource.transaction(work));
  }

  /** Turns a unique-key violation into a coded error naming who already holds the key. */
  private async explainRegistrationFailure(
    error: unknown,
    prepared: PreparedRegistration,
  ): Promise<unknown> {
    const index = violatedUniqueIndex(error);
    if (index === 'UQ_applicant_identifiers_scheme_active_value') {
      const holder = (
        await this.dataSource.getRepository(ApplicantIdentifierEntity).findBy({
          scheme: In(prepared.identifiers.map((identifier) => identifier.scheme)),
          activeValue: In(prepared.identifiers.map((identifier) => identifier.value)),
        })
      ).find((row) =>
        prepared.identifiers.some(
          (identifier) => identifier.scheme === row.scheme && identifier.value === row.value,
        ),
      );
      return new RegistryError(
        RegistryErrorCode.DUPLICATE_IDENTIFIER,
        holder
          ? `An active applicant already holds this ${holder.scheme} identifier`
          : 'An active applicant already holds one of these identifiers',
        { scheme: holder?.scheme ?? null, existingApplicantId: holder?.applicantId ?? null },
      );
    }
    if (index === 'UQ_source_records_system_local_id') {
      const holder = (
        await this.dataSource.getRepository(SourceRecordEntity).findBy({
          system: In(prepared.sourceRecords.map((record) => record.system)),
          localId: In(prepared.sourceRecords.map((record) => record.localId)),
        })
      ).find((row) =>
        prepared.sourceRecords.some(
          (record) => record.system === row.system && record.localId === row.localId,
        ),
      );
      return new RegistryError(
        RegistryErrorCode.DUPLICATE_SOURCE_RECORD,
        `A record of ${holder?.system ?? 'that system'} with this local id is already linked to an applicant`,
        { system: holder?.system ?? null, existingApplicantId: holder?.applicantId ?? null },
      );
    }
    return error;
  }

  /** One query per {@link BATCH_CHUNK} distinct ids; none for an empty batch. */
  private prepared: HotSql | undefined;

  /** The hot reads' SQL, built once from the entities' metadata. */
  private sql(): HotSql {
    if (this.prepared) return this.prepared;
    const q = (name: string) => this.dataSource.driver.escape(name);
    const columns = (entity: EntityTarget, alias: string) =>
      this.dataSource
        .getMetadata(entity)
        .columns.map((c) => `${alias}.${q(c.databaseName)} AS ${q(c.databaseName)}`)
        .join(', ');
    const applicants = q(this.dataSource.getMetadata(ApplicantEntity).tableName);
    const identifiers = q(this.dataSource.getMetadata(ApplicantIdentifierEntity).tableName);
    const activeByIdentifier =
      `SELECT ${columns(ApplicantEntity, 'a')} FROM ${applicants} a ` +
      `INNER JOIN ${identifiers} i ON i.${q('applicant_id')} = a.${q('id')} ` +
      `WHERE a.${q('status')} = 'ACTIVE' AND i.${q('scheme')} = ? ` +
      `AND i.${q('active_value')} IS NOT NULL ` +
      `AND (i.${q('active_value')} = ? OR i.${q('original_value')} = ?) ` +
      `ORDER BY CASE WHEN i.${q('active_value')} = ? THEN 0 ELSE 1 END, ` +
      `a.${q('created_at')}, a.${q('id')} LIMIT 1`;
    const identifiersPrefix =
      `SELECT ${columns(ApplicantIdentifierEntity, 'i')} FROM ${identifiers} i ` +
      `WHERE i.${q('applicant_id')} IN (`;
    this.prepared = {
      activeByIdentifier,
      identifiersOf: (n) => `${identifiersPrefix}${new Array<string>(n).fill('?').join(', ')})`,
    };
    return this.prepared;
  }

  /** A raw row as TypeORM would have hydrated it (dates, nulls) for this database. */
  private hydrate<T extends object>(entity: new () => T, raw: Record<string, unknown>): T {
    const out = new entity() as Record<string, unknown>;
    for (const column of this.dataSource.getMetadata(entity).columns) {
      out[column.propertyName] = this.dataSource.driver.prepareHydratedValue(
        raw[column.databaseName],
        column,
      );
    }
    return out as T;
  }

  private async loadByIds<T>(
    ids: readonly string[],
    load: (chunk: string[]) => Promise<T[]>,
  ): Promise<T[]> {
    const distinct = [...new Set(ids.filter(isId))];
    const rows: T[] = [];
    for (let start = 0; start < distinct.length; start += BATCH_CHUNK) {
      rows.push(...(await load(distinct.slice(start, start + BATCH_CHUNK))));
    }
    return rows;
  }
}

type EntityTarget = new () => object;

interface HotSql {
  activeByIdentifier: string;
  identifiersOf(count: number): string;
}

function isId(id: unknown): id is string {
  return typeof id === 'string' && id !== '';
}

function brokenChain(startId: string, atId: string, reason: string): RegistryError {
  return new RegistryError(
    RegistryErrorCode.BROKEN_MERGE_CHAIN,
    `The merge chain of applicant ${startId} is broken: ${reason}`,
    { applicantId: startId, at: atId, reason },
  );
}

function notFound(id: string): RegistryError {
  return new RegistryError(RegistryErrorCode.APPLICANT_NOT_FOUND, 'No applicant has this id', {
    applicantId: id,
  });
}

function recordKey(first: string, second: string): string {
  return `${first}\u0000${second}`;
}

/** Code-unit order: the same on every database, unlike ORDER BY under a collation. */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const left = a[i] ?? '';
    const right = b[i] ?? '';
    if (left !== right) {
      return left < right ? -1 : 1;
    }
  }
  return 0;
}

function groupInOrder<T extends { readonly applicantId: string }>(
  ids: readonly string[],
  items: readonly T[],
  compare: (a: T, b: T) => number,
): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.applicantId);
    if (group) {
      group.push(item);
    } else {
      groups.set(item.applicantId, [item]);
    }
  }
  for (const group of groups.values()) {
    group.sort(compare);
  }
  return ids.map((id) => [...(groups.get(id) ?? [])]);
}
