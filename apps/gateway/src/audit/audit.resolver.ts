import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { ChainVerifier, verifyingKeysFromSettings, type AuditRecord } from '@oncegate/audit';
import { AuditRepository } from '@oncegate/registry';
import type { KeyObject } from 'node:crypto';
import { Roles } from '../access/roles';
import { GatewayConfig } from '../config/gateway.config';
import { checkedInput } from '../applications/dto/application.inputs';
import {
  AccessEvent,
  AuditChainStatus,
  Exchange,
  ExchangeConnection,
  ExchangeKind,
  ExchangeOutcome,
  ExchangesArgs,
} from './audit.model';

const PAGE = 5_000;

function toExchange(r: AuditRecord): Exchange {
  return {
    ...r,
    seq: String(r.seq),
    at: new Date(r.at),
    kind: r.kind as ExchangeKind,
    outcome: r.outcome as ExchangeOutcome,
    applicants: [...r.applicants],
    dataItems: [...r.dataItems],
    departments: [...r.departments],
    errorCodes: [...r.errorCodes],
  };
}

/** What auditors ask of the trail, and the applicant's own view of who read their data. */
@Resolver(() => Exchange)
export class AuditResolver {
  private readonly publicKeys: readonly KeyObject[];

  constructor(
    private readonly audit: AuditRepository,
    config: GatewayConfig,
  ) {
    this.publicKeys = verifyingKeysFromSettings({
      publicKeys: config.auditPublicKeys,
      signingKey: config.auditSigningKey,
    });
  }

  @Roles('auditor')
  @Query(() => ExchangeConnection, {
    description:
      'Exchanges on the audit trail matching the filter, newest first, a page at a time.',
  })
  async exchanges(@Args() raw: ExchangesArgs): Promise<ExchangeConnection> {
    const args = checkedInput(ExchangesArgs, raw);
    const f = args.filter ?? {};
    const records = await this.audit.find(
      {
        ...(f.consumer ? { consumer: f.consumer } : {}),
        ...(f.applicantId ? { applicantId: f.applicantId } : {}),
        ...(f.dataItem ? { dataItem: f.dataItem } : {}),
        ...(f.purpose ? { purpose: f.purpose } : {}),
        ...(f.caseId ? { caseId: f.caseId } : {}),
        ...(f.outcome ? { outcome: f.outcome } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
      },
      args.after ? Number(args.after) : null,
      args.first + 1,
    );
    const page = records.slice(0, args.first);
    return {
      edges: page.map((r) => ({ cursor: String(r.seq), node: toExchange(r) })),
      pageInfo: {
        hasNextPage: records.length > args.first,
        endCursor: page.length > 0 ? String(page[page.length - 1].seq) : null,
      },
    };
  }

  @Roles('auditor')
  @Query(() => AuditChainStatus, {
    description:
      'The chain’s head, with every stored record’s hash recomputed, its link to the one before and every anchor’s signature (with the configured public keys) checked now.',
  })
  async auditChainStatus(): Promise<AuditChainStatus> {
    const head = await this.audit.head();
    const base = await this.audit.base();
    const verifier = new ChainVerifier(
      this.publicKeys,
      base,
      await this.audit.anchors(base.seq + 1, head.seq),
      { startsAtBase: true },
    );
    for (let from = base.seq + 1; from <= head.seq; from += PAGE) {
      const records = await this.audit.range(from, Math.min(head.seq, from + PAGE - 1), PAGE);
      if (!records.every((r) => verifier.push(r))) break;
    }
    const result = verifier.result();
    // Records missing at the end (the head names more than are stored) break it too.
    const missing = result.ok && result.records < head.seq - base.seq;
    const firstBreak = missing
      ? { seq: base.seq + result.records + 1, reason: 'SEQUENCE_GAP' }
      : result.firstBreak;
    return {
      headSeq: String(head.seq),
      headHash: head.hash,
      intact: firstBreak === null,
      recordsChecked: result.records,
      baseSeq: String(base.seq),
      signaturesChecked: this.publicKeys.length > 0,
      anchorsVerified: result.anchors,
      signedThroughSeq: result.lastAnchoredSeq === null ? null : String(result.lastAnchoredSeq),
      firstBrokenSeq: firstBreak ? String(firstBreak.seq) : null,
      firstBrokenReason: firstBreak?.reason ?? null,
    };
  }

  @Roles('eservice', 'auditor')
  @Query(() => [AccessEvent], {
    description:
      'Who read an applicant’s data — which system, when, for what purpose, which items — and which departments their applications went to: for e-services to show the applicant. Newest first.',
  })
  async accessHistory(
    @Args('applicantId', { type: () => ID }) applicantId: string,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<AccessEvent[]> {
    const records = await this.audit.find({ applicantId }, null, Math.max(1, Math.min(first, 500)));
    return records
      .filter((r) => r.dataItems.length > 0 || r.kind === 'DELIVERY')
      .map((r) => ({
        at: new Date(r.at),
        kind: r.kind as ExchangeKind,
        caseId: r.caseId,
        consumer: r.consumer,
        purpose: r.purpose,
        dataItems: [...r.dataItems],
        departments: [...r.departments],
        outcome: r.outcome as ExchangeOutcome,
      }));
  }
}
