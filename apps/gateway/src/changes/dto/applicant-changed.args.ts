import { ArgsType, Field, ID } from '@nestjs/graphql';

@ArgsType()
export class ApplicantChangedArgs {
  @Field(() => [ID], {
    nullable: true,
    description:
      'Only these applicants’ changes (at most 1000 ids); null or empty: every applicant.',
  })
  applicantIds?: string[] | null;
}
