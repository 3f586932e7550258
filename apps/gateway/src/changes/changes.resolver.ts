import { Args, Resolver, Subscription } from '@nestjs/graphql';
import type { ApplicantChange as RegistryChange } from '@oncegate/registry';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { toApplicantChangeModel } from './applicant-change.mapper';
import { ChangeFeed } from './change-feed';
import { ApplicantChangedArgs } from './dto/applicant-changed.args';
import { ApplicantChange } from './models/applicant-change.model';
import { Roles } from '../access/roles';

/** The most applicant ids one subscription may name. */
export const MAX_SUBSCRIBED_APPLICANTS = 1000;

@Resolver()
export class ChangesResolver {
  constructor(private readonly feed: ChangeFeed) {}

  @Roles('department')
  @Subscription(() => ApplicantChange, {
    description:
      'Golden-record changes as they are written (graphql-ws, on the GraphQL path), from the moment of subscribing: the old value, the new value and its source.',
    resolve: (change: RegistryChange) => toApplicantChangeModel(change),
  })
  applicantChanged(@Args() args: ApplicantChangedArgs): AsyncIterableIterator<RegistryChange> {
    const ids = args.applicantIds ?? null;
    if (ids && ids.length > MAX_SUBSCRIBED_APPLICANTS)
      throw new GatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        `Subscribe to at most ${MAX_SUBSCRIBED_APPLICANTS} applicants, or to all (no applicantIds)`,
      );
    return this.feed.subscribe(ids);
  }
}
