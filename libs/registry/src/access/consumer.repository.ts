import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { RegistryError, RegistryErrorCode } from '../registry.errors';
import { serializeSqliteWrites } from '../sqlite-write-queue';
import { violatedUniqueIndex } from '../unique-violation';
import { ConsumerEntity, ConsumerKeyEntity } from './access.entities';
import type { NewConsumerKey, StoredConsumer, StoredConsumerKey } from './access.types';

function toConsumer(row: ConsumerEntity): StoredConsumer {
  return {
    id: row.id,
    name: row.name,
    department: row.department,
    roles: row.roles.split(',').filter(Boolean),
    description: row.description,
    createdAt: new Date(row.createdAt),
    revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
    revokedReason: row.revokedReason,
  };
}

function toKey(row: ConsumerKeyEntity): StoredConsumerKey {
  return {
    keyId: row.keyId,
    consumerId: row.consumerId,
    createdAt: new Date(row.createdAt),
    expiresAt: row.expiresAt ? new Date(row.expiresAt) : null,
    revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
  };
}

/**
 * Consumers and their API keys. Keys are stored as their id and the SHA-256
 * of their secret; a key is live while neither it nor its consumer is
 * revoked and it has not expired.
 */
@Injectable()
export class ConsumerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new consumer with its first key; CONSUMER_EXISTS when the name is taken. */
  async create(
    input: {
      name: string;
      department: string | null;
      roles: readonly string[];
      description?: string | null;
    },
    key: NewConsumerKey,
    now = new Date(),
  ): Promise<StoredConsumer> {
    const row: ConsumerEntity = {
      id: randomUUID(),
      name: input.name,
      department: input.department,
      roles: input.roles.join(','),
      description: input.description ?? null,
      createdAt: now,
      revokedAt: null,
      revokedReason: null,
    };
    try {
      await this.write(async (manager) => {
        await manager.insert(ConsumerEntity, row);
        await this.insertKey(manager, row.id, key, now);
      });
    } catch (error) {
      if (violatedUniqueIndex(error) === 'UQ_consumers_name')
        throw new RegistryError(RegistryErrorCode.CONSUMER_EXISTS, 'A consumer has this name', {
          name: input.name,
        });
      throw error;
    }
    return toConsumer(row);
  }

  async findByName(name: string): Promise<StoredConsumer | null> {
    const row = await this.dataSource.getRepository(ConsumerEntity).findOneBy({ name });
    return row ? toConsumer(row) : null;
  }

  async findById(id: string): Promise<StoredConsumer | null> {
    const row = await this.dataSource.getRepository(ConsumerEntity).findOneBy({ id });
    return row ? toConsumer(row) : null;
  }

  /** Every consumer, by name. */
  async list(): Promise<StoredConsumer[]> {
    const rows = await this.dataSource
      .getRepository(ConsumerEntity)
      .find({ order: { name: 'ASC' } });
    return rows.map(toConsumer);
  }

  /** A consumer's keys, newest first. */
  async keysOf(consumerId: string): Promise<StoredConsumerKey[]> {
    const rows = await this.dataSource
      .getRepository(ConsumerKeyEntity)
      .find({ where: { consumerId }, order: { createdAt: 'DESC' } });
    return rows.map(toKey);
  }

  /**
   * The key with this id, its stored secret hash and its consumer, whatever
   * their state (the caller checks the secret first, then liveness).
   */
  async findKey(
    keyId: string,
  ): Promise<{ key: StoredConsumerKey; secretHash: string; consumer: StoredConsumer } | null> {
    const key = await this.dataSource.getRepository(ConsumerKeyEntity).findOneBy({ keyId });
    if (!key) return null;
    const consumer = await this.dataSource
      .getRepository(ConsumerEntity)
      .findOneBy({ id: key.consumerId });
    if (!consumer) return null;
    return { key: toKey(key), secretHash: key.secretHash, consumer: toConsumer(consumer) };
  }

  /**
   * A new key for a live consumer. Its other live keys expire `graceMs` from
   * now (0: at once), so that a system can switch keys without an outage.
   */
  async rotate(
    name: string,
    key: NewConsumerKey,
    graceMs: number,
    now = new Date(),
  ): Promise<StoredConsumer> {
    return this.write(async (manager) => {
      const consumer = await this.liveConsumer(manager, name);
      const until = new Date(now.getTime() + graceMs);
      const keys = await manager.findBy(ConsumerKeyEntity, {
        consumerId: consumer.id,
        revokedAt: IsNull(),
      });
      for (const k of keys)
        if (!k.expiresAt || new Date(k.expiresAt).getTime() > until.getTime())
          await manager.update(ConsumerKeyEntity, { keyId: k.keyId }, { expiresAt: until });
      await this.insertKey(manager, consumer.id, key, now);
      return toConsumer(consumer);
    });
  }

  /** Revokes a consumer and every key of it, with the reason; CONSUMER_NOT_FOUND for an unknown or revoked one. */
  async revoke(name: string, reason: string, now = new Date()): Promise<StoredConsumer> {
    return this.write(async (manager) => {
      const consumer = await this.liveConsumer(manager, name);
      await manager.update(
        ConsumerEntity,
        { id: consumer.id },
        { revokedAt: now, revokedReason: reason },
      );
      await manager.update(
        ConsumerKeyEntity,
        { consumerId: consumer.id, revokedAt: IsNull() },
        { revokedAt: now },
      );
      return toConsumer({ ...consumer, revokedAt: now, revokedReason: reason });
    });
  }

  private async liveConsumer(manager: EntityManager, name: string): Promise<ConsumerEntity> {
    const consumer = await manager.findOneBy(ConsumerEntity, { name, revokedAt: IsNull() });
    if (!consumer)
      throw new RegistryError(
        RegistryErrorCode.CONSUMER_NOT_FOUND,
        'No live consumer has this name',
        {
          name,
        },
      );
    return consumer;
  }

  private async insertKey(
    manager: EntityManager,
    consumerId: string,
    key: NewConsumerKey,
    now: Date,
  ): Promise<void> {
    await manager.insert(ConsumerKeyEntity, {
      keyId: key.keyId,
      consumerId,
      secretHash: key.secretHash,
      createdAt: now,
      expiresAt: key.expiresAt,
      revokedAt: null,
    });
  }

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return serializeSqliteWrites(this.dataSource, () => this.dataSource.transaction(work));
  }
}
