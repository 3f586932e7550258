import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { signAnchor, signingKeyFromSetting, type AuditAnchor } from '@oncegate/audit';
import { AuditRepository } from '@oncegate/registry';
import type { KeyObject } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config';
import { AuditLog } from './audit-log';

/**
 * Signs the chain's head at intervals (`AUDIT_ANCHOR_INTERVAL_S`) with the
 * Ed25519 key of `AUDIT_SIGNING_KEY`, and once more at shutdown after the
 * last batch is written. Every replica may sign; an anchor another replica
 * wrote for the same head is kept, not duplicated.
 */
@Injectable()
export class AuditAnchorer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AuditAnchorer.name);
  private readonly key: KeyObject | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<AuditAnchor | null> | null = null;

  constructor(
    private readonly config: GatewayConfig,
    private readonly repository: AuditRepository,
    private readonly log: AuditLog,
  ) {
    // A bad key stops the boot here, with its reason.
    this.key = config.auditSigningKey ? signingKeyFromSetting(config.auditSigningKey) : null;
  }

  onModuleInit(): void {
    if (!this.key || !this.log.enabled || this.config.auditAnchorIntervalS === 0) return;
    this.timer = setInterval(() => void this.anchorNow(), this.config.auditAnchorIntervalS * 1000);
    this.timer.unref();
  }

  /** Signs the head if it moved since the last anchor; the anchor, or null when there was nothing new. */
  anchorNow(): Promise<AuditAnchor | null> {
    this.running ??= this.anchor().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async anchor(): Promise<AuditAnchor | null> {
    if (!this.key) return null;
    try {
      const head = await this.repository.head();
      const latest = await this.repository.latestAnchor();
      if (head.seq === 0 || (latest && latest.seq >= head.seq)) return null;
      const anchor = signAnchor(this.key, head.seq, head.hash, new Date().toISOString());
      await this.repository.addAnchor(anchor);
      return anchor;
    } catch (error) {
      this.logger.warn(
        `The audit chain's head was not signed this time: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }

  /** At shutdown: the last batch written, then the head signed once more. */
  async finish(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.log.flush();
    await this.anchorNow();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.finish();
  }
}
