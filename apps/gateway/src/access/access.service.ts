import { Injectable } from '@nestjs/common';
import { SharingCatalogue, type ActiveGrant } from '@oncegate/access';
import { GrantRepository } from '@oncegate/registry';
import { ConsumerAuthenticator, type AuthenticatedConsumer } from './consumer-authenticator';
import { checkedTrace, RequestAccess, type AccessHeaders } from './request-access';

/** Turns a request's headers into its `RequestAccess`, or the error that refuses it. */
@Injectable()
export class AccessService {
  constructor(
    readonly catalogue: SharingCatalogue,
    private readonly authenticator: ConsumerAuthenticator,
    private readonly grants: GrantRepository,
  ) {}

  /** UNAUTHENTICATED first (no key, no answer about purposes), then PURPOSE_REQUIRED. */
  async access(headers: AccessHeaders): Promise<RequestAccess> {
    return this.forConsumer(await this.authenticate(headers), headers);
  }

  /** The consumer of the request's key, or UNAUTHENTICATED. */
  authenticate(headers: AccessHeaders): Promise<AuthenticatedConsumer> {
    return this.authenticator.authenticate(headers.authorization);
  }

  /** An authenticated consumer's access for this request's purpose, case and official. */
  forConsumer(consumer: AuthenticatedConsumer, headers: AccessHeaders): RequestAccess {
    const trace = checkedTrace(headers, this.catalogue);
    return new RequestAccess(consumer, trace.purpose, trace.caseId, trace.userId, (id) =>
      this.activeGrants(id),
    );
  }

  private async activeGrants(consumerId: string): Promise<readonly ActiveGrant[]> {
    const grants = await this.grants.approvedFor(consumerId);
    return grants.map((g) => ({
      consumerId: g.consumerId,
      items: g.items,
      purpose: g.purpose,
      expiresAt: g.expiresAt!,
    }));
  }
}
