import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type FindOptionsWhere } from 'typeorm';
import { RegistryError, RegistryErrorCode } from '../registry.errors';
import { serializeSqliteWrites } from '../sqlite-write-queue';
import { DataGrantEntity } from './access.entities';
import type { GrantStatus, StoredDataGrant } from './access.types';

function toGrant(row: DataGrantEntity): StoredDataGrant {
  return {
    id: row.id,
    consumerId: row.consumerId,
    provider: row.provider,
    items: JSON.parse(row.items) as string[],
    purpose: row.purpose,
    basis: row.basis,
    status: row.status as GrantStatus,
    requestedBy: row.requestedBy,
    requestedAt: new Date(row.requestedAt),
    dueAt: new Date(row.dueAt),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt ? new Date(row.decidedAt) : null,
    decisionReason: row.decisionReason,
    expiresAt: row.expiresAt ? new Date(row.expiresAt) : null,
  };
}

export interface GrantFilter {
  consumerId?: string;
  provider?: string;
  status?: GrantStatus;
  /** Only requests still waiting after their due date. */
  overdueAt?: Date;
}

/**
 * Grants of conditional data items: requested by a consumer, decided once by
 * the providing department (a conditional UPDATE: the first decision wins),
 * revocable. History is kept: nothing is deleted.
 */
@Injectable()
export class GrantRepository {
  constructor(private readonly dataSource: DataSource) {}

  async request(input: {
    consumerId: string;
    provider: string;
    items: readonly string[];
    purpose: string;
    basis: string;
    requestedBy: string;
    requestedAt: Date;
    dueAt: Date;
  }): Promise<StoredDataGrant> {
    const row: DataGrantEntity = {
      id: randomUUID(),
      consumerId: input.consumerId,
      provider: input.provider,
      items: JSON.stringify([...input.items].sort()),
      purpose: input.purpose,
      basis: input.basis,
      status: 'REQUESTED',
      requestedBy: input.requestedBy,
      requestedAt: input.requestedAt,
      dueAt: input.dueAt,
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      expiresAt: null,
    };
    await serializeSqliteWrites(this.dataSource, () =>
      this.dataSource.getRepository(DataGrantEntity).insert(row),
    );
    return toGrant(row);
  }

  async findById(id: string): Promise<StoredDataGrant | null> {
    const row = await this.dataSource.getRepository(DataGrantEntity).findOneBy({ id });
    return row ? toGrant(row) : null;
  }

  /**
   * Moves a grant from `from` to its decision. GRANT_ALREADY_DECIDED when it
   * is no longer in `from` (someone decided first), GRANT_NOT_FOUND when it
   * does not exist.
   */
  async decide(
    id: string,
    from: GrantStatus,
    decision: {
      status: GrantStatus;
      decidedBy: string;
      decidedAt: Date;
      reason: string;
      expiresAt: Date | null;
    },
  ): Promise<StoredDataGrant> {
    const result = await serializeSqliteWrites(this.dataSource, () =>
      this.dataSource
        .createQueryBuilder()
        .update(DataGrantEntity)
        .set({
          status: decision.status,
          decidedBy: decision.decidedBy,
          decidedAt: decision.decidedAt,
          decisionReason: decision.reason,
          ...(decision.expiresAt !== null ? { expiresAt: decision.expiresAt } : {}),
        })
        .where('id = :id AND status = :from', { id, from })
        .execute(),
    );
    const grant = await this.findById(id);
    if (!grant)
      throw new RegistryError(RegistryErrorCode.GRANT_NOT_FOUND, 'No grant has this id', { id });
    if (result.affected !== 1)
      throw new RegistryError(
        RegistryErrorCode.GRANT_ALREADY_DECIDED,
        `The grant is ${grant.status}`,
        {
          id,
          status: grant.status,
        },
      );
    return grant;
  }

  /**
   * The consumer's approved grants, expired ones included: the access
   * decision tells an expired grant from none.
   */
  async approvedFor(consumerId: string): Promise<StoredDataGrant[]> {
    const rows = await this.dataSource
      .getRepository(DataGrantEntity)
      .findBy({ consumerId, status: 'APPROVED' });
    return rows.map(toGrant);
  }

  /** Grants by filter, newest request first, at most `limit`. */
  async list(filter: GrantFilter, limit: number): Promise<StoredDataGrant[]> {
    const where: FindOptionsWhere<DataGrantEntity> = {};
    if (filter.consumerId) where.consumerId = filter.consumerId;
    if (filter.provider) where.provider = filter.provider;
    if (filter.status) where.status = filter.status;
    const query = this.dataSource
      .getRepository(DataGrantEntity)
      .createQueryBuilder('g')
      .where(where)
      .orderBy('g.requested_at', 'DESC')
      .addOrderBy('g.id', 'ASC')
      .take(limit);
    if (filter.overdueAt)
      query
        .andWhere('g.status = :requested', { requested: 'REQUESTED' })
        .andWhere('g.due_at < :now', { now: filter.overdueAt });
    return (await query.getMany()).map(toGrant);
  }

  /** Grants by id, in the order asked (null for unknown ids). */
  async findByIds(ids: readonly string[]): Promise<(StoredDataGrant | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(DataGrantEntity).findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((r) => [r.id, toGrant(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
