import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IdentifierScheme } from '../models/applicant.model';

@ArgsType()
export class ApplicantArgs {
  @Field(() => ID)
  id!: string;
}

@ArgsType()
export class ApplicantByIdentifierArgs {
  @Field(() => IdentifierScheme)
  scheme!: IdentifierScheme;

  @Field({
    description:
      'As typed: full-width characters, spaces, hyphens, a lower-case x and 15-digit resident IDs are accepted and normalized.',
  })
  value!: string;
}

@ArgsType()
export class SearchApplicantsArgs {
  @Field({ description: 'A part of the name; case-insensitive for Latin letters.' })
  name!: string;

  @Field(() => Int, { defaultValue: 20, description: 'At most this many results (1–100).' })
  first!: number;
}
