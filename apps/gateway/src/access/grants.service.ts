import { Injectable } from '@nestjs/common';
import { SharingCatalogue, type DataItem } from '@oncegate/access';
import { WorkingCalendar } from '@oncegate/applications';
import {
  ConsumerRepository,
  GrantRepository,
  type GrantFilter,
  type StoredDataGrant,
} from '@oncegate/registry';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import type { RequestAccess } from './request-access';

/** 有条件共享: the provider answers within 10 working days (国发〔2016〕51号). */
export const ANSWER_WITHIN_WORKING_DAYS = 10;
/** The longest an approval may run before it must be asked for again. */
const MAX_GRANT_MS = 3 * 366 * 86_400_000;

/**
 * Grants of conditional data items: a consumer requests items for its
 * stated purpose and a basis, one request per providing department; the
 * provider's system approves (until a date) or refuses, always with reasons;
 * the provider may revoke an approval. Requests unanswered after 10 working
 * days are overdue, and show so.
 */
@Injectable()
export class GrantsService {
  constructor(
    private readonly catalogue: SharingCatalogue,
    private readonly calendar: WorkingCalendar,
    private readonly grants: GrantRepository,
    private readonly consumers: ConsumerRepository,
  ) {}

  async request(
    access: RequestAccess,
    itemIds: readonly string[],
    basis: string,
  ): Promise<StoredDataGrant[]> {
    const problems: { item: string; message: string }[] = [];
    const items: DataItem[] = [];
    for (const id of new Set(itemIds)) {
      const item = this.catalogue.item(id);
      if (!item) problems.push({ item: id, message: 'not an item of the sharing catalogue' });
      else if (item.sharingClass === 'UNCONDITIONAL')
        problems.push({ item: id, message: 'unconditional: readable without a grant' });
      else if (item.sharingClass === 'NOT_SHARED')
        problems.push({ item: id, message: 'not shared (不予共享): no grant can allow it' });
      else items.push(item);
    }
    if (problems.length > 0)
      throw new GatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        `The request names ${problems.length} item${problems.length === 1 ? '' : 's'} no grant can cover: nothing was requested`,
        { problems },
      );
    const now = new Date();
    const dueAt = this.calendar.addWorkingDays(now, ANSWER_WITHIN_WORKING_DAYS).deadline;
    const byProvider = new Map<string, string[]>();
    for (const item of items)
      byProvider.set(item.provider, [...(byProvider.get(item.provider) ?? []), item.id]);
    const created: StoredDataGrant[] = [];
    for (const [provider, ids] of byProvider)
      created.push(
        await this.grants.request({
          consumerId: access.consumer.id,
          provider,
          items: ids,
          purpose: access.purpose,
          basis: basis.trim(),
          requestedBy: access.actor,
          requestedAt: now,
          dueAt,
        }),
      );
    return created;
  }

  async decide(
    access: RequestAccess,
    grantId: string,
    approve: boolean,
    reason: string,
    expiresAt: Date | null,
  ): Promise<StoredDataGrant> {
    await this.providerOnly(access, grantId);
    const now = new Date();
    if (approve) {
      if (!expiresAt)
        throw new GatewayError(GatewayErrorCode.BAD_USER_INPUT, 'An approval needs expiresAt', {
          field: 'expiresAt',
        });
      if (
        expiresAt.getTime() <= now.getTime() ||
        expiresAt.getTime() - now.getTime() > MAX_GRANT_MS
      )
        throw new GatewayError(
          GatewayErrorCode.BAD_USER_INPUT,
          'expiresAt must be in the future and at most 3 years ahead',
          { field: 'expiresAt' },
        );
    }
    return this.grants.decide(grantId, 'REQUESTED', {
      status: approve ? 'APPROVED' : 'REJECTED',
      decidedBy: access.actor,
      decidedAt: now,
      reason: reason.trim(),
      expiresAt: approve ? expiresAt : null,
    });
  }

  async revoke(access: RequestAccess, grantId: string, reason: string): Promise<StoredDataGrant> {
    await this.providerOnly(access, grantId);
    return this.grants.decide(grantId, 'APPROVED', {
      status: 'REVOKED',
      decidedBy: access.actor,
      decidedAt: new Date(),
      reason: reason.trim(),
      expiresAt: null,
    });
  }

  /**
   * The grants a consumer may see: auditors and administrators all of them;
   * a department system those its department decides and its own; anyone
   * else its own.
   */
  async list(
    access: RequestAccess,
    filter: { status?: StoredDataGrant['status'] | null; overdue?: boolean | null },
    first: number,
  ): Promise<StoredDataGrant[]> {
    const base: GrantFilter = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.overdue ? { overdueAt: new Date() } : {}),
    };
    if (access.hasRole('auditor', 'admin')) return this.grants.list(base, first);
    const own = await this.grants.list({ ...base, consumerId: access.consumer.id }, first);
    const department = access.consumer.department;
    if (!access.hasRole('department') || !department) return own;
    const decided = await this.grants.list({ ...base, provider: department }, first);
    const all = new Map([...own, ...decided].map((g) => [g.id, g]));
    return [...all.values()]
      .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, first);
  }

  /** Consumer names by id, for showing grants. */
  async consumerNames(ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const consumer = await this.consumers.findById(id);
      if (consumer) names.set(id, consumer.name);
    }
    return names;
  }

  /** Only a system of the providing department decides or revokes. */
  private async providerOnly(access: RequestAccess, grantId: string): Promise<StoredDataGrant> {
    const grant = await this.grants.findById(grantId);
    if (!grant)
      throw new GatewayError(GatewayErrorCode.NOT_FOUND, 'No grant has this id', { grantId });
    if (access.consumer.department !== grant.provider)
      throw new GatewayError(
        GatewayErrorCode.FORBIDDEN,
        `Only a ${grant.provider} system decides this grant`,
        { grantId, provider: grant.provider },
      );
    return grant;
  }
}
