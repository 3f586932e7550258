import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { retryLockConflicts } from '../lock-conflict';
import { serializeSqliteWrites } from '../sqlite-write-queue';
import { violatedUniqueIndex } from '../unique-violation';
import {
  ApplicationEntity,
  ApplicationEventEntity,
  ApplicationProcedureEntity,
  DeliveryEntity,
} from './application.entities';
import {
  type ApplicationEventType,
  type ApplicationStatus,
  type DeliveryKind,
  type DeliveryState,
  type ProcedureStatus,
  type StoredApplication,
  type StoredApplicationEvent,
  type StoredDelivery,
  type StoredItem,
  type StoredProcedure,
} from './application.types';

/** An application to store, with its procedures and the deliveries that announce it. */
export interface NewApplication {
  id: string;
  applicationNo: string;
  applicantId: string;
  clientKey: string;
  submittedBy: string;
  requestHash: string;
  procedures: readonly { procedure: string; department: string }[];
  items: Readonly<Record<string, StoredItem>>;
  submittedAt: Date;
  deliveries: readonly NewDelivery[];
}

export interface NewDelivery {
  kind: DeliveryKind;
  applicationId: string | null;
  procedure: string | null;
  target: string;
  idempotencyKey: string;
  payload: unknown;
}

/** One event to append to an application's history. */
export interface NewApplicationEvent {
  procedure?: string | null;
  department?: string | null;
  type: ApplicationEventType;
  actor: string;
  note?: string | null;
  payload?: Record<string, unknown>;
}

/** What a delivery attempt came to. */
export type DeliveryOutcome =
  | { state: 'DELIVERED'; receiptNo: string; receivedAt: Date }
  | { state: 'PENDING'; error: string; nextAttemptAt: Date }
  | { state: 'REJECTED' | 'DEAD'; error: string };

const CHUNK = 200;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

function toApplication(row: ApplicationEntity): StoredApplication {
  return {
    id: row.id,
    applicationNo: row.applicationNo,
    applicantId: row.applicantId,
    clientKey: row.clientKey,
    submittedBy: row.submittedBy,
    requestHash: row.requestHash,
    procedures: JSON.parse(row.procedures) as string[],
    items: JSON.parse(row.items) as Record<string, StoredItem>,
    status: row.status as ApplicationStatus,
    submittedAt: new Date(row.submittedAt),
    updatedAt: new Date(row.updatedAt),
  };
}

function toProcedure(row: ApplicationProcedureEntity): StoredProcedure {
  return {
    applicationId: row.applicationId,
    procedure: row.procedure,
    department: row.department,
    status: row.status as ProcedureStatus,
    statusAt: new Date(row.statusAt),
    receivedAt: row.receivedAt ? new Date(row.receivedAt) : null,
    receiptNo: row.receiptNo ?? null,
  };
}

function toEvent(row: ApplicationEventEntity): StoredApplicationEvent {
  return {
    id: row.id,
    applicationId: row.applicationId,
    seq: Number(row.seq),
    procedure: row.procedure ?? null,
    department: row.department ?? null,
    type: row.type as ApplicationEventType,
    actor: row.actor,
    note: row.note ?? null,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    occurredAt: new Date(row.occurredAt),
  };
}

function toDelivery(row: DeliveryEntity): StoredDelivery {
  return {
    id: row.id,
    kind: row.kind as DeliveryKind,
    applicationId: row.applicationId ?? null,
    procedure: row.procedure ?? null,
    target: row.target,
    idempotencyKey: row.idempotencyKey,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.nextAttemptAt),
    lastError: row.lastError ?? null,
    receiptNo: row.receiptNo ?? null,
    createdAt: new Date(row.createdAt),
    deliveredAt: row.deliveredAt ? new Date(row.deliveredAt) : null,
  };
}

/**
 * Applications and their outbox (STYLE.md §8: the one door to these tables).
 * An application, its procedures, its first event and its deliveries are
 * written in one transaction, so a submission is either wholly stored and
 * due for delivery, or not stored at all. Delivery workers in any number of
 * processes lease rows with a conditional UPDATE: one worker per row at a
 * time, and a row whose worker died becomes due again when its lease expires.
 */
@Injectable()
export class ApplicationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a new application, or finds the one the same caller already
   * stored under the same idempotency key (`created: false`).
   */
  async create(
    application: NewApplication,
  ): Promise<{ created: boolean; application: StoredApplication }> {
    try {
      await this.write(async (manager) => {
        const now = application.submittedAt;
        await manager.insert(ApplicationEntity, {
          id: application.id,
          applicationNo: application.applicationNo,
          applicantId: application.applicantId,
          clientKey: application.clientKey,
          submittedBy: application.submittedBy,
          requestHash: application.requestHash,
          procedures: JSON.stringify(application.procedures.map((p) => p.procedure)),
          items: JSON.stringify(application.items),
          status: 'ACTIVE',
          submittedAt: now,
          updatedAt: now,
        });
        await manager.insert(
          ApplicationProcedureEntity,
          application.procedures.map((p) => ({
            applicationId: application.id,
            procedure: p.procedure,
            department: p.department,
            status: 'SUBMITTED',
            statusAt: now,
            receivedAt: null,
            receiptNo: null,
          })),
        );
        await this.insertEvents(manager, application.id, [
          {
            type: 'SUBMITTED',
            actor: application.submittedBy,
            payload: { procedures: application.procedures.map((p) => p.procedure) },
          },
        ]);
        await this.insertDeliveries(manager, application.deliveries, now);
      });
    } catch (error) {
      if (violatedUniqueIndex(error) !== 'UQ_applications_submitted_by_client_key') throw error;
      const existing = await this.findByClientKey(application.submittedBy, application.clientKey);
      if (!existing) throw error;
      return { created: false, application: existing };
    }
    return { created: true, application: (await this.findById(application.id))! };
  }

  async findById(id: string): Promise<StoredApplication | null> {
    const row = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
    return row ? toApplication(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<(StoredApplication | null)[]> {
    const rows = ids.length
      ? await this.dataSource.getRepository(ApplicationEntity).findBy({ id: In([...ids]) })
      : [];
    const byId = new Map(rows.map((r) => [r.id, toApplication(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async findByClientKey(submittedBy: string, clientKey: string): Promise<StoredApplication | null> {
    const row = await this.dataSource
      .getRepository(ApplicationEntity)
      .findOneBy({ submittedBy, clientKey });
    return row ? toApplication(row) : null;
  }

  /** An applicant's applications, newest first. */
  async byApplicant(applicantId: string, limit: number): Promise<StoredApplication[]> {
    const rows = await this.dataSource.getRepository(ApplicationEntity).find({
      where: { applicantId },
      order: { submittedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
    return rows.map(toApplication);
  }

  /** Each application's procedures, in input order. */
  async proceduresOf(applicationIds: readonly string[]): Promise<StoredProcedure[][]> {
    const rows = applicationIds.length
      ? await this.dataSource
          .getRepository(ApplicationProcedureEntity)
          .findBy({ applicationId: In([...applicationIds]) })
      : [];
    return applicationIds.map((id) => rows.filter((r) => r.applicationId === id).map(toProcedure));
  }

  /** Each application's history, oldest first, in input order. */
  async eventsOf(applicationIds: readonly string[]): Promise<StoredApplicationEvent[][]> {
    const rows = applicationIds.length
      ? await this.dataSource.getRepository(ApplicationEventEntity).find({
          where: { applicationId: In([...applicationIds]) },
          order: { seq: 'ASC' },
        })
      : [];
    return applicationIds.map((id) => rows.filter((r) => r.applicationId === id).map(toEvent));
  }

  /** Each application's deliveries, in input order. */
  async deliveriesOf(applicationIds: readonly string[]): Promise<StoredDelivery[][]> {
    const rows = applicationIds.length
      ? await this.dataSource.getRepository(DeliveryEntity).find({
          where: { applicationId: In([...applicationIds]) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    return applicationIds.map((id) => rows.filter((r) => r.applicationId === id).map(toDelivery));
  }

  /**
   * Changes one procedure's status and appends the event, in one
   * transaction; `check` sees the current row and throws to refuse.
   */
  async changeStatus(
    applicationId: string,
    procedure: string,
    check: (current: StoredProcedure, application: StoredApplication) => void,
    next: {
      status: ProcedureStatus;
      at: Date;
      receivedAt?: Date;
      receiptNo?: string;
      event: NewApplicationEvent;
    },
  ): Promise<void> {
    await this.write(async (manager) => {
      const row = await manager
        .getRepository(ApplicationProcedureEntity)
        .createQueryBuilder('p')
        .setLock(this.mysql ? 'pessimistic_write' : undefined!)
        .where('p.application_id = :applicationId AND p.procedure = :procedure', {
          applicationId,
          procedure,
        })
        .getOne();
      const application = await manager.findOneBy(ApplicationEntity, { id: applicationId });
      if (!row || !application) throw new Error('no such procedure');
      check(toProcedure(row), toApplication(application));
      await manager.update(
        ApplicationProcedureEntity,
        { applicationId, procedure },
        {
          status: next.status,
          statusAt: next.at,
          ...(next.receiptNo ? { receiptNo: next.receiptNo } : {}),
        },
      );
      // The clock starts at the first receipt; a later one (after a return) does not restart it.
      if (next.receivedAt && !row.receivedAt)
        await manager.update(
          ApplicationProcedureEntity,
          { applicationId, procedure },
          { receivedAt: next.receivedAt },
        );
      await manager.update(ApplicationEntity, { id: applicationId }, { updatedAt: next.at });
      await this.insertEvents(manager, applicationId, [next.event], next.at);
    });
  }

  /** Marks a whole application withdrawn and appends the event, unless `check` refuses. */
  async withdraw(
    applicationId: string,
    check: (application: StoredApplication, procedures: StoredProcedure[]) => void,
    event: NewApplicationEvent,
    at: Date,
  ): Promise<void> {
    await this.write(async (manager) => {
      const application = await manager
        .getRepository(ApplicationEntity)
        .createQueryBuilder('a')
        .setLock(this.mysql ? 'pessimistic_write' : undefined!)
        .where('a.id = :applicationId', { applicationId })
        .getOne();
      if (!application) throw new Error('no such application');
      const procedures = await manager.findBy(ApplicationProcedureEntity, { applicationId });
      check(toApplication(application), procedures.map(toProcedure));
      await manager.update(
        ApplicationEntity,
        { id: applicationId },
        { status: 'WITHDRAWN', updatedAt: at },
      );
      await this.insertEvents(manager, applicationId, [event], at);
    });
  }

  /** Adds deliveries on their own (change notices), due now. */
  async enqueue(deliveries: readonly NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.write((manager) => this.insertDeliveries(manager, deliveries, new Date()));
  }

  // ——— the outbox ———

  /** Ids of deliveries due at `now` and not leased, oldest due first. */
  async dueDeliveries(now: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where('d.state = :state', { state: 'PENDING' })
      .andWhere('d.next_attempt_at <= :now', { now })
      .andWhere(
        new Brackets((q) =>
          q.where('d.lease_until IS NULL').orWhere('d.lease_until < :now', { now }),
        ),
      )
      .orderBy('d.next_attempt_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /**
   * Leases one due delivery to `owner` until `until`, counting the attempt:
   * the row when this worker got it, null when another worker was first or
   * it is no longer due.
   */
  async lease(id: string, owner: string, now: Date, until: Date): Promise<StoredDelivery | null> {
    const result = await this.write((manager) =>
      manager
        .createQueryBuilder()
        .update(DeliveryEntity)
        .set({ leaseOwner: owner, leaseUntil: until, attempts: () => 'attempts + 1' })
        .where('id = :id', { id })
        .andWhere('state = :state', { state: 'PENDING' })
        .andWhere('next_attempt_at <= :now', { now })
        .andWhere(
          new Brackets((q) =>
            q.where('lease_until IS NULL').orWhere('lease_until < :now', { now }),
          ),
        )
        .execute(),
    );
    if (result.affected !== 1) return null;
    const row = await this.dataSource.getRepository(DeliveryEntity).findOneBy({ id });
    return row && row.leaseOwner === owner ? toDelivery(row) : null;
  }

  /**
   * Records a delivery attempt's outcome, if `owner` still holds the lease
   * (false when it expired and another worker took over). A delivered
   * submission also records the department's receipt on its procedure; every
   * outcome of a submission is an event in the application's history.
   */
  async settle(
    delivery: StoredDelivery,
    owner: string,
    outcome: DeliveryOutcome,
    event: NewApplicationEvent | null,
  ): Promise<boolean> {
    const now = new Date();
    return this.write(async (manager) => {
      const changes =
        outcome.state === 'DELIVERED'
          ? {
              state: 'DELIVERED',
              receiptNo: outcome.receiptNo,
              deliveredAt: outcome.receivedAt,
              lastError: null,
            }
          : outcome.state === 'PENDING'
            ? { state: 'PENDING', lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt }
            : { state: outcome.state, lastError: outcome.error };
      const result = await manager
        .createQueryBuilder()
        .update(DeliveryEntity)
        .set({ ...changes, leaseOwner: null, leaseUntil: null })
        .where('id = :id AND lease_owner = :owner AND state = :state', {
          id: delivery.id,
          owner,
          state: 'PENDING',
        })
        .execute();
      if (result.affected !== 1) return false;
      if (delivery.applicationId && delivery.procedure && outcome.state !== 'PENDING') {
        // Only a procedure still waiting for its delivery moves: a department
        // may already have reported on it.
        const where = {
          applicationId: delivery.applicationId,
          procedure: delivery.procedure,
          status: 'SUBMITTED',
        };
        if (outcome.state === 'DELIVERED')
          await manager.update(ApplicationProcedureEntity, where, {
            status: 'DELIVERED',
            statusAt: now,
            receivedAt: outcome.receivedAt,
            receiptNo: outcome.receiptNo,
          });
        else
          await manager.update(ApplicationProcedureEntity, where, {
            status: outcome.state === 'REJECTED' ? 'DELIVERY_REJECTED' : 'DELIVERY_FAILED',
            statusAt: now,
          });
      }
      if (delivery.applicationId && event)
        await this.insertEvents(manager, delivery.applicationId, [event], now);
      return true;
    });
  }

  /** Gives back every lease `owner` holds (a worker shutting down): the rows are due again at once. */
  async releaseLeases(owner: string): Promise<number> {
    const result = await this.write((manager) =>
      manager
        .createQueryBuilder()
        .update(DeliveryEntity)
        .set({ leaseOwner: null, leaseUntil: null })
        .where('lease_owner = :owner AND state = :state', { owner, state: 'PENDING' })
        .execute(),
    );
    return result.affected ?? 0;
  }

  /**
   * How many deliveries wait (`pending`: not delivered yet, being sent
   * included), how many of them are due at `now` and not being sent (`due`:
   * what the workers have yet to pick up), how many were given up (`dead`),
   * and since when the oldest pending one waits (for metrics and health).
   */
  async backlog(
    now: Date,
  ): Promise<{ pending: number; due: number; oldest: Date | null; dead: number }> {
    const repo = this.dataSource.getRepository(DeliveryEntity);
    const [pending, due, dead, oldest] = await Promise.all([
      repo.countBy({ state: 'PENDING' }),
      repo
        .createQueryBuilder('d')
        .where('d.state = :state', { state: 'PENDING' })
        .andWhere('d.next_attempt_at <= :now', { now })
        .andWhere(
          new Brackets((q) =>
            q.where('d.lease_until IS NULL').orWhere('d.lease_until < :now', { now }),
          ),
        )
        .getCount(),
      repo.countBy({ state: 'DEAD' }),
      repo.findOne({
        select: { id: true, createdAt: true },
        where: { state: 'PENDING', createdAt: LessThan(now) },
        order: { createdAt: 'ASC' },
      }),
    ]);
    return { pending, due, dead, oldest: oldest ? new Date(oldest.createdAt) : null };
  }

  private get mysql(): boolean {
    const type = this.dataSource.options.type;
    return type === 'mysql' || type === 'mariadb';
  }

  private async insertDeliveries(
    manager: EntityManager,
    deliveries: readonly NewDelivery[],
    now: Date,
  ): Promise<void> {
    for (const chunk of chunks(deliveries)) {
      await manager.insert(
        DeliveryEntity,
        chunk.map((d) => ({
          id: randomUUID(),
          kind: d.kind,
          applicationId: d.applicationId,
          procedure: d.procedure,
          target: d.target,
          idempotencyKey: d.idempotencyKey,
          payload: JSON.stringify(d.payload),
          state: 'PENDING',
          attempts: 0,
          nextAttemptAt: now,
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
          receiptNo: null,
          createdAt: now,
          deliveredAt: null,
        })),
      );
    }
  }

  /**
   * Appends events numbered after the application's last one. On MySQL the
   * application's row is locked first, so that two transactions appending to
   * one application (two procedures delivered or reported at once) number
   * their events one after the other instead of both taking MAX + 1; the
   * unique (application, seq) index is the guard behind it. SQLite writes are
   * serialized already.
   */
  private async insertEvents(
    manager: EntityManager,
    applicationId: string,
    events: readonly NewApplicationEvent[],
    at = new Date(),
  ): Promise<void> {
    if (this.mysql)
      await manager
        .getRepository(ApplicationEntity)
        .createQueryBuilder('a')
        .select('a.id')
        .setLock('pessimistic_write')
        .where('a.id = :applicationId', { applicationId })
        .getOne();
    const last = await manager
      .getRepository(ApplicationEventEntity)
      .createQueryBuilder('e')
      .select('MAX(e.seq)', 'seq')
      .where('e.application_id = :applicationId', { applicationId })
      .getRawOne<{ seq: number | string | null }>();
    let seq = Number(last?.seq ?? 0);
    await manager.insert(
      ApplicationEventEntity,
      events.map((e) => ({
        id: randomUUID(),
        applicationId,
        seq: ++seq,
        procedure: e.procedure ?? null,
        department: e.department ?? null,
        type: e.type,
        actor: e.actor,
        note: e.note ?? null,
        payload: JSON.stringify(e.payload ?? {}),
        occurredAt: at,
      })),
    );
  }

  /**
   * One transaction. On MySQL a transaction InnoDB rolled back as a deadlock
   * victim (or one that waited too long for a lock) is run again from the
   * start: nothing of it was kept.
   */
  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return serializeSqliteWrites(this.dataSource, () =>
      retryLockConflicts.execute(() => this.dataSource.transaction(work)),
    );
  }
}
