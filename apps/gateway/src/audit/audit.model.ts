import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Type } from 'class-transformer';

export enum ExchangeKind {
  QUERY = 'QUERY',
  MUTATION = 'MUTATION',
  SUBSCRIPTION = 'SUBSCRIPTION',
  DENIAL = 'DENIAL',
  DELIVERY = 'DELIVERY',
  SYNC = 'SYNC',
  RETENTION = 'RETENTION',
}
registerEnumType(ExchangeKind, { name: 'ExchangeKind' });

export enum ExchangeOutcome {
  OK = 'OK',
  PARTIAL = 'PARTIAL',
  DENIED = 'DENIED',
  ERROR = 'ERROR',
}
registerEnumType(ExchangeOutcome, { name: 'ExchangeOutcome' });

@ObjectType({
  description:
    'One exchange on the audit trail: who, for what, about whom, which items — never a value.',
})
export class Exchange {
  @Field(() => ID, { description: 'Its number in the chain.' })
  seq!: string;

  @Field()
  at!: Date;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => String, { nullable: true, description: 'The consumer (system) that called.' })
  consumer!: string | null;

  @Field(() => String, { nullable: true, description: 'The official behind it (X-User-Id).' })
  userId!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: '办件编号 (X-Case-Id).' })
  caseId!: string | null;

  @Field(() => ExchangeKind)
  kind!: ExchangeKind;

  @Field(() => String, { nullable: true })
  operationName!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the GraphQL document.' })
  documentHash!: string | null;

  @Field(() => [String], { description: 'Applicants whose data it touched.' })
  applicants!: string[];

  @Field(() => [String], { description: 'Data items of the sharing catalogue it returned.' })
  dataItems!: string[];

  @Field(() => [String], {
    description: 'Departments whose data it returned or to which it delivered.',
  })
  departments!: string[];

  @Field(() => ExchangeOutcome)
  outcome!: ExchangeOutcome;

  @Field(() => [String])
  errorCodes!: string[];

  @Field(() => Int)
  durationMs!: number;

  @Field({ description: 'Its SHA-256 in the chain.' })
  hash!: string;

  @Field()
  prevHash!: string;
}

@ObjectType()
export class ExchangeEdge {
  @Field()
  cursor!: string;

  @Field(() => Exchange)
  node!: Exchange;
}

@ObjectType()
export class ExchangePageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: 'Exchanges, newest first.' })
export class ExchangeConnection {
  @Field(() => [ExchangeEdge])
  edges!: ExchangeEdge[];

  @Field(() => ExchangePageInfo)
  pageInfo!: ExchangePageInfo;
}

@InputType()
export class ExchangeFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  consumer?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID(undefined, { message: 'applicantId must be an applicant id (UUID)' })
  applicantId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/, { message: 'dataItem must be a data item id' })
  dataItem?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  purpose?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  caseId?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date | null;

  @Field(() => ExchangeOutcome, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ExchangeOutcome))
  outcome?: ExchangeOutcome | null;
}

@ArgsType()
export class ExchangesArgs {
  @Field(() => ExchangeFilter, { nullable: true })
  @IsOptional()
  @Type(() => ExchangeFilter)
  filter?: ExchangeFilter | null;

  @Field(() => Int, { defaultValue: 50, description: '1–500.' })
  @IsInt()
  @Min(1)
  @Max(500)
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the page before.' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'after must be a cursor from pageInfo.endCursor' })
  after?: string | null;
}

@ObjectType({ description: 'The chain’s head, and whether its links hold.' })
export class AuditChainStatus {
  @Field(() => ID)
  headSeq!: string;

  @Field()
  headHash!: string;

  @Field({
    description: 'Every record’s hash recomputed and linked to the one before (checked now).',
  })
  intact!: boolean;

  @Field(() => Int)
  recordsChecked!: number;

  @Field(() => ID, {
    description:
      'The record before the stored chain: 0, or the last record a retention run archived and removed (the chain is checked from here).',
  })
  baseSeq!: string;

  @Field({
    description:
      'Whether anchors’ signatures were checked: only with public keys configured (AUDIT_SIGNING_KEY, AUDIT_PUBLIC_KEYS).',
  })
  signaturesChecked!: boolean;

  @Field(() => Int, { description: 'Anchors whose signature and hash were checked.' })
  anchorsVerified!: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The last record covered by a valid anchor: everything up to it is signed.',
  })
  signedThroughSeq!: string | null;

  @Field(() => ID, { nullable: true, description: 'The first record that does not verify.' })
  firstBrokenSeq!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why: RECORD_ALTERED, CHAIN_BROKEN, SEQUENCE_GAP, ANCHOR_SIGNATURE_INVALID, ANCHOR_KEY_UNKNOWN, ANCHOR_MISMATCH or PRUNE_UNDECLARED.',
  })
  firstBrokenReason!: string | null;
}

@ObjectType({
  description:
    'One exchange of an applicant’s data, as the applicant may see it: a system that read it, or their application sent to a department.',
})
export class AccessEvent {
  @Field()
  at!: Date;

  @Field(() => ExchangeKind, {
    description: 'QUERY, SUBSCRIPTION … (a system read it), DELIVERY (sent to a department).',
  })
  kind!: ExchangeKind;

  @Field(() => String, {
    nullable: true,
    description: 'The case: the official’s case number, or the application number of a delivery.',
  })
  caseId!: string | null;

  @Field(() => String, { nullable: true, description: 'The system that read (its consumer name).' })
  consumer!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => [String])
  dataItems!: string[];

  @Field(() => [String])
  departments!: string[];

  @Field(() => ExchangeOutcome)
  outcome!: ExchangeOutcome;
}
