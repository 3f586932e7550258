import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Applicant, DepartmentSystem, SourceRecord } from '../../applicants/models/applicant.model';

export enum MatchCandidateStatus {
  PENDING = 'PENDING',
  LINKED = 'LINKED',
  KEPT_APART = 'KEPT_APART',
}
registerEnumType(MatchCandidateStatus, {
  name: 'MatchCandidateStatus',
  valuesMap: {
    PENDING: { description: 'Waiting for a person.' },
    LINKED: { description: 'A person decided: one applicant.' },
    KEPT_APART: { description: 'A person decided: two applicants; later syncs keep them apart.' },
  },
});

export enum MatchDecision {
  LINK = 'LINK',
  KEEP_APART = 'KEEP_APART',
}
registerEnumType(MatchDecision, { name: 'MatchDecision' });

export enum ApplicantEventType {
  CREATED = 'CREATED',
  RECORD_LINKED = 'RECORD_LINKED',
  MERGED = 'MERGED',
  MERGED_INTO = 'MERGED_INTO',
  SPLIT = 'SPLIT',
  SPLIT_FROM = 'SPLIT_FROM',
  REVIEW_DECIDED = 'REVIEW_DECIDED',
}
registerEnumType(ApplicantEventType, { name: 'ApplicantEventType' });

@ObjectType({ description: 'One comparison behind a match score.' })
export class MatchEvidence {
  @Field({ description: 'The comparison, e.g. person_name, uscc, birth_date.' })
  comparison!: string;

  @Field({ description: 'How the two records compared, e.g. "same pinyin", "transposition".' })
  level!: string;

  @Field(() => Float, {
    description: 'Bits of evidence for (positive) or against (negative) a match.',
  })
  weight!: number;
}

@ObjectType({ description: 'Why the matcher scored a pair as it did.' })
export class MatchExplanation {
  @Field(() => Float, { description: 'Match weight in bits: the prior plus every comparison.' })
  weight!: number;

  @Field(() => Float)
  probability!: number;

  @Field(() => Float, {
    description: 'The prior: how likely two random records are one applicant, in bits.',
  })
  prior!: number;

  @Field(() => [MatchEvidence])
  evidence!: MatchEvidence[];
}

@ObjectType({
  description:
    'Two department records the matcher could not decide on (between its review and link thresholds), for a person to resolve.',
})
export class MatchCandidate {
  @Field(() => ID)
  id!: string;

  @Field(() => MatchCandidateStatus)
  status!: MatchCandidateStatus;

  @Field(() => Float)
  probability!: number;

  @Field(() => MatchExplanation, { nullable: true })
  explanation!: MatchExplanation | null;

  @Field(() => SourceRecord)
  recordA!: SourceRecord;

  @Field(() => SourceRecord)
  recordB!: SourceRecord;

  @Field(() => Applicant, { nullable: true, description: 'The applicant record A belongs to now.' })
  applicantA!: Applicant | null;

  @Field(() => Applicant, { nullable: true, description: 'The applicant record B belongs to now.' })
  applicantB!: Applicant | null;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;
}

@ObjectType({ description: 'One value a department holds for an attribute.' })
export class ConflictingValue {
  @Field()
  value!: string;

  @Field(() => DepartmentSystem)
  source!: DepartmentSystem;

  @Field(() => ID, { description: 'The source record holding the value.' })
  sourceRecordId!: string;

  @Field({ description: 'When the department last changed the record.' })
  observedAt!: Date;
}

@ObjectType({
  description:
    'An attribute on which departments disagree: every value with its source and date. Never silently overwritten.',
})
export class AttributeConflict {
  @Field({ description: 'e.g. legalRepresentative, address, phone, birthDate, name.' })
  attribute!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The value the golden record shows (survivorship).',
  })
  chosen!: string | null;

  @Field(() => [ConflictingValue])
  values!: ConflictingValue[];
}

@ObjectType({ description: 'One entry of an applicant’s append-only history.' })
export class ApplicantEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => ApplicantEventType)
  type!: ApplicantEventType;

  @Field(() => ID, { nullable: true, description: 'The other applicant of a merge or split.' })
  relatedApplicantId!: string | null;

  @Field({ description: 'Who did it: a person, or the sync.' })
  actor!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field({ description: 'Details as JSON: records involved, the link explanation.' })
  details!: string;

  @Field()
  occurredAt!: Date;
}
