import { once } from 'node:events';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { GatewayConfig } from '../../config/gateway.config';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * Requests per consumer per minute (`RATE_LIMIT_PER_MINUTE`, 0 = off). With
 * `REDIS_URL` every replica counts in Redis, so the limit holds however many
 * run; without it each process counts in memory. When Redis cannot be
 * reached, the in-memory count takes over (an insurance limiter) rather than
 * refusing or allowing everything.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly limiter: RateLimiterAbstract | null;
  private readonly redis: Redis | null;

  constructor(config: GatewayConfig) {
    const points = config.rateLimitPerMinute;
    this.redis = null;
    if (points === 0) {
      this.limiter = null;
      return;
    }
    const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix: 'oncegate-rl' });
    if (!config.redisUrl) {
      this.limiter = memory;
      return;
    }
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    this.redis.on('error', (error: Error) =>
      this.logger.warn(`Redis for rate limits: ${error.message}; counting in memory meanwhile`),
    );
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      points,
      duration: 60,
      keyPrefix: 'oncegate-rl',
      insuranceLimiter: memory,
    });
  }

  /**
   * Waits (up to 2 s) for Redis, so that the first requests are counted
   * where every replica counts them; if it does not come, the in-memory count
   * serves until it does.
   */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), 2_000);
    try {
      await once(redis, 'ready', { signal: timeout.signal });
    } catch {
      this.logger.warn('Redis for rate limits is not reachable; counting in memory until it is');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Counts one request of a consumer; refused with the seconds until it may try again. */
  async consume(consumerId: string): Promise<RateDecision> {
    if (!this.limiter) return { allowed: true };
    try {
      await this.limiter.consume(consumerId);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        return {
          allowed: false,
          retryAfterS: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        };
      throw rejection;
    }
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
