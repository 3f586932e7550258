import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DepartmentSystem } from '../../applicants/models/applicant.model';

@ObjectType({
  description: 'Where a golden value came from: a department system, and when it said so.',
})
export class ChangeSource {
  @Field(() => DepartmentSystem)
  system!: DepartmentSystem;

  @Field({ description: 'When the department last changed the record the value came from.' })
  observedAt!: Date;
}

@ObjectType({
  description:
    'A golden-record attribute of an applicant that changed (a new legal representative, phone, address…). Not sent for a new applicant’s first golden record.',
})
export class ApplicantChange {
  @Field(() => ID, {
    description:
      'Counts up in commit order (decimal digits; compare as integers): the id of a webhook’s `changeId` too.',
  })
  changeId!: string;

  @Field(() => ID)
  applicantId!: string;

  @Field({
    description: 'The attribute, e.g. legalRepresentative, phone, address, name, birthDate.',
  })
  attribute!: string;

  @Field(() => String, { nullable: true, description: 'Null when the attribute appeared.' })
  oldValue!: string | null;

  @Field(() => String, { nullable: true, description: 'Null when the attribute disappeared.' })
  newValue!: string | null;

  @Field(() => ChangeSource, {
    nullable: true,
    description: 'Where the new value came from; null when the attribute disappeared.',
  })
  source!: ChangeSource | null;

  @Field({ description: 'When OnceGate changed the golden record.' })
  changedAt!: Date;
}
