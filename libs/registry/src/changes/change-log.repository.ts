import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import { ApplicantIdentifierEntity } from '../applicant-identifier.entity';
import { DeliveryEntity } from '../applications/application.entities';
import { SourceRecordEntity } from '../source-record.entity';
import { serializeSqliteWrites } from '../sqlite-write-queue';
import { ApplicantChangeEntity } from './applicant-change.entity';
import type { ApplicantChange, ChangeNotice } from './applicant-change.types';
import { inChunks } from './change-log';

function toChange(row: ApplicantChangeEntity): ApplicantChange {
  return {
    id: String(row.id),
    applicantId: row.applicantId,
    attribute: row.attribute,
    oldValue: row.oldValue ?? null,
    newValue: row.newValue ?? null,
    source:
      row.sourceSystem && row.observedAt
        ? {
            system: row.sourceSystem,
            recordId: row.sourceRecordId ?? null,
            observedAt: new Date(row.observedAt),
          }
        : null,
    changedAt: new Date(row.changedAt),
  };
}

/** The fan-out lost a change it had claimed: nothing of the batch is written. */
class ClaimLost extends Error {}

/**
 * The change log's readers (STYLE.md §8: the one door to `applicant_changes`
 * outside the writes that log changes). Every gateway process follows the log
 * from its own cursor with {@link after}; the fan-out, in whichever process,
 * leases un-fanned-out changes with a conditional UPDATE ({@link claim}) and
 * turns each into change notices in one transaction ({@link fanOut}), so a
 * change is fanned out exactly once however many processes try.
 */
export class ChangeLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest change's id ('0' when there is none): where a new follower starts. */
  async lastId(): Promise<string> {
    const row = await this.dataSource
      .getRepository(ApplicantChangeEntity)
      .createQueryBuilder('c')
      .select('MAX(c.id)', 'last')
      .getRawOne<{ last: string | number | null }>();
    return String(row?.last ?? 0);
  }

  /** Changes after `id`, oldest first. */
  async after(id: string, limit: number): Promise<ApplicantChange[]> {
    const rows = await this.dataSource.getRepository(ApplicantChangeEntity).find({
      where: { id: MoreThan(Number(id)) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map(toChange);
  }

  /**
   * Leases up to `limit` changes not yet fanned out, and not leased by
   * anyone else, to `owner` until `until`; returns those it now holds,
   * oldest first. Two claimers never get the same change while a lease
   * lasts; a lease that expires (its process died) frees the change again.
   */
  async claim(owner: string, now: Date, until: Date, limit: number): Promise<ApplicantChange[]> {
    const due = await this.dataSource
      .getRepository(ApplicantChangeEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.fanned_out_at IS NULL')
      .andWhere(unleased('c.', now))
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string | number }>();
    if (due.length === 0) return [];
    const ids = due.map((r) => Number(r.id));
    await this.write((manager) =>
      manager
        .createQueryBuilder()
        .update(ApplicantChangeEntity)
        .set({ leaseOwner: owner, leaseUntil: until })
        .where('id IN (:...ids)', { ids })
        .andWhere('fanned_out_at IS NULL')
        .andWhere(unleased('', now))
        .execute(),
    );
    const rows = await this.dataSource.getRepository(ApplicantChangeEntity).find({
      where: { id: In(ids), leaseOwner: owner },
      order: { id: 'ASC' },
    });
    return rows.filter((r) => r.fannedOutAt === null).map(toChange);
  }

  /**
   * In one transaction: marks `changes` (claimed by `owner`) fanned out and
   * enqueues, for each, one CHANGE_NOTICE delivery per department in
   * `departments` that holds a source record of its applicant (idempotency
   * key `change:<changeId>:<department>`). Returns the number of notices
   * enqueued; null, with nothing written and the leases given back, when
   * `owner` no longer holds every one of the changes (its lease expired and
   * another process claimed one).
   */
  async fanOut(
    changes: readonly ApplicantChange[],
    owner: string,
    departments: ReadonlySet<string>,
    at: Date,
  ): Promise<number | null> {
    if (changes.length === 0) return 0;
    const ids = changes.map((c) => Number(c.id));
    try {
      return await this.write(async (manager) => {
        const marked = await manager
          .createQueryBuilder()
          .update(ApplicantChangeEntity)
          .set({ fannedOutAt: at, leaseOwner: null, leaseUntil: null })
          .where('id IN (:...ids)', { ids })
          .andWhere('lease_owner = :owner', { owner })
          .andWhere('fanned_out_at IS NULL')
          .execute();
        if (marked.affected !== ids.length) throw new ClaimLost();
        const notices = await this.notices(manager, changes, departments);
        for (const chunk of inChunks(notices))
          await manager.insert(
            DeliveryEntity,
            chunk.map((notice) => ({
              id: randomUUID(),
              kind: 'CHANGE_NOTICE',
              applicationId: null,
              procedure: null,
              target: notice.department,
              idempotencyKey: `change:${notice.changeId}:${notice.department}`,
              payload: JSON.stringify(notice),
              state: 'PENDING',
              attempts: 0,
              nextAttemptAt: at,
              leaseOwner: null,
              leaseUntil: null,
              lastError: null,
              receiptNo: null,
              createdAt: at,
              deliveredAt: null,
            })),
          );
        return notices.length;
      });
    } catch (error) {
      if (!(error instanceof ClaimLost)) throw error;
      await this.release(owner, ids);
      return null;
    }
  }

  /** Gives back `owner`'s leases (of `ids`, or all): the changes are free to claim at once. */
  async release(owner: string, ids?: readonly number[]): Promise<number> {
    if (ids?.length === 0) return 0;
    const result = await this.write((manager) => {
      const query = manager
        .createQueryBuilder()
        .update(ApplicantChangeEntity)
        .set({ leaseOwner: null, leaseUntil: null })
        .where('lease_owner = :owner', { owner })
        .andWhere('fanned_out_at IS NULL');
      if (ids) query.andWhere('id IN (:...ids)', { ids });
      return query.execute();
    });
    return result.affected ?? 0;
  }

  /** The notices of `changes`, one per change and department holding a record of its applicant. */
  private async notices(
    manager: EntityManager,
    changes: readonly ApplicantChange[],
    departments: ReadonlySet<string>,
  ): Promise<ChangeNotice[]> {
    const applicantIds = [...new Set(changes.map((c) => c.applicantId))];
    const records = new Map<string, Map<string, string[]>>();
    const identifiers = new Map<string, { scheme: string; value: string }[]>();
    for (const chunk of inChunks(applicantIds)) {
      const held = await manager
        .getRepository(SourceRecordEntity)
        .createQueryBuilder('r')
        .select(['r.applicant_id AS applicant_id', 'r.system AS system', 'r.local_id AS local_id'])
        .where('r.applicant_id IN (:...chunk)', { chunk })
        .orderBy('r.system', 'ASC')
        .addOrderBy('r.local_id', 'ASC')
        .getRawMany<{ applicant_id: string; system: string; local_id: string }>();
      for (const r of held) {
        if (!departments.has(r.system)) continue;
        const bySystem = records.get(r.applicant_id) ?? new Map<string, string[]>();
        records.set(r.applicant_id, bySystem);
        bySystem.set(r.system, [...(bySystem.get(r.system) ?? []), r.local_id]);
      }
      // Active identifiers only: an inactive row of an active applicant is one a split took away.
      const active = await manager
        .getRepository(ApplicantIdentifierEntity)
        .createQueryBuilder('i')
        .select(['i.applicant_id AS applicant_id', 'i.scheme AS scheme', 'i.value AS value'])
        .where('i.applicant_id IN (:...chunk)', { chunk })
        .andWhere('i.active_value IS NOT NULL')
        .orderBy('i.scheme', 'ASC')
        .addOrderBy('i.value', 'ASC')
        .getRawMany<{ applicant_id: string; scheme: string; value: string }>();
      for (const i of active)
        identifiers.set(i.applicant_id, [
          ...(identifiers.get(i.applicant_id) ?? []),
          { scheme: i.scheme, value: i.value },
        ]);
    }
    return changes.flatMap((change) =>
      [...(records.get(change.applicantId) ?? new Map<string, string[]>())].map(
        ([department, localIds]): ChangeNotice => ({
          type: 'applicant.changed',
          changeId: change.id,
          department,
          applicant: {
            id: change.applicantId,
            identifiers: identifiers.get(change.applicantId) ?? [],
            records: localIds.map((localId) => ({ localId })),
          },
          attribute: change.attribute,
          oldValue: change.oldValue,
          newValue: change.newValue,
          source: change.source
            ? { system: change.source.system, observedAt: change.source.observedAt.toISOString() }
            : null,
          changedAt: change.changedAt.toISOString(),
        }),
      ),
    );
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return serializeSqliteWrites(this.dataSource, () => this.dataSource.transaction(work));
  }
}

/** A change no live lease holds at `now` (`prefix`: the table alias with its dot, if any). */
function unleased(prefix: string, now: Date): Brackets {
  return new Brackets((q) =>
    q.where(`${prefix}lease_until IS NULL`).orWhere(`${prefix}lease_until < :now`, { now }),
  );
}
