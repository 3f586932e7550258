import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { MatchCandidateStatus, MatchDecision } from '../models/resolution.model';

@ArgsType()
export class MatchCandidatesArgs {
  @Field(() => MatchCandidateStatus, { defaultValue: MatchCandidateStatus.PENDING })
  status!: MatchCandidateStatus;

  @Field(() => Int, {
    defaultValue: 50,
    description: 'At most this many (1–500), most probable first.',
  })
  first!: number;
}

@ArgsType()
export class ResolveMatchArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => MatchDecision)
  decision!: MatchDecision;

  @Field({ description: 'Why: kept in the history.' })
  reason!: string;
}

@ArgsType()
export class MergeApplicantsArgs {
  @Field(() => ID, { description: 'The applicant that stays.' })
  survivorId!: string;

  @Field(() => ID, {
    description: 'The applicant merged into it; its id keeps resolving to the survivor.',
  })
  mergedId!: string;

  @Field()
  reason!: string;
}

@ArgsType()
export class SplitApplicantArgs {
  @Field(() => ID)
  applicantId!: string;

  @Field(() => [ID], {
    description: 'The source records that are someone else: they move to a new applicant.',
  })
  sourceRecordIds!: string[];

  @Field()
  reason!: string;
}
