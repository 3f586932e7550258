import { Injectable } from '@nestjs/common';
import { isRole, parseApiKey, secretMatches, type Role } from '@oncegate/access';
import {
  ConsumerRepository,
  type StoredConsumer,
  type StoredConsumerKey,
} from '@oncegate/registry';
import { LRUCache } from 'lru-cache';
import { GatewayConfig } from '../config/gateway.config';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';

/** A consumer whose key was checked: what the rest of the request needs of it. */
export interface AuthenticatedConsumer {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department: string | null;
  readonly keyId: string;
}

interface CachedKey {
  readonly key: StoredConsumerKey;
  readonly secretHash: string;
  readonly consumer: StoredConsumer;
}

const MISSING = 'Send the API key as "Authorization: Bearer <key>"';
const INVALID = 'The API key is not valid';
const ENDED = 'The API key has expired or was revoked';

/**
 * Checks `Authorization: Bearer og_<id>_<secret>`: the key id finds the
 * stored key, the secret must match its SHA-256, and neither the key nor its
 * consumer may be revoked or expired. Keys read from the database are kept
 * for `CONSUMER_CACHE_TTL_MS` (a revocation reaches every replica within
 * it); the secret is checked on every request.
 */
@Injectable()
export class ConsumerAuthenticator {
  private readonly cache: LRUCache<string, CachedKey>;

  constructor(
    private readonly consumers: ConsumerRepository,
    config: GatewayConfig,
  ) {
    this.cache = new LRUCache<string, CachedKey>({
      max: 10_000,
      ttl: Math.max(1, config.consumerCacheTtlMs),
      ttlAutopurge: false,
    });
  }

  /** The consumer of an Authorization header value, or UNAUTHENTICATED saying why. */
  async authenticate(
    authorization: string | undefined,
    now = new Date(),
  ): Promise<AuthenticatedConsumer> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization?.trim() ?? '');
    if (!match) throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, MISSING);
    const parsed = parseApiKey(match[1]);
    if (!parsed) throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, INVALID);
    let found = this.cache.get(parsed.keyId);
    if (!found) {
      found = (await this.consumers.findKey(parsed.keyId)) ?? undefined;
      if (!found) throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, INVALID);
      this.cache.set(parsed.keyId, found);
    }
    if (!secretMatches(parsed.secret, found.secretHash))
      throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, INVALID);
    const { key, consumer } = found;
    if (
      key.revokedAt ||
      consumer.revokedAt ||
      (key.expiresAt && key.expiresAt.getTime() <= now.getTime())
    )
      throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, ENDED);
    return {
      id: consumer.id,
      name: consumer.name,
      roles: consumer.roles.filter(isRole),
      department: consumer.department,
      keyId: key.keyId,
    };
  }
}
