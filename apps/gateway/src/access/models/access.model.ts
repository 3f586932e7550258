import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SharingClass {
  UNCONDITIONAL = 'UNCONDITIONAL',
  CONDITIONAL = 'CONDITIONAL',
  NOT_SHARED = 'NOT_SHARED',
}
registerEnumType(SharingClass, {
  name: 'SharingClass',
  description:
    '无条件共享 (any registered consumer), 有条件共享 (an approved grant for consumer, item and purpose), 不予共享 (never leaves its department).',
});

export enum GrantStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}
registerEnumType(GrantStatus, { name: 'GrantStatus' });

export enum GrantDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(GrantDecision, { name: 'GrantDecision' });

@ObjectType({ description: 'A data item of the sharing catalogue (政务信息资源目录).' })
export class DataItem {
  @Field({ description: 'e.g. tax.credit-rating' })
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The providing department (数源部门), or registry for OnceGate’s own.' })
  provider!: string;

  @Field(() => SharingClass)
  sharingClass!: SharingClass;

  @Field({ description: 'The law or policy that allows (or forbids) sharing it.' })
  legalBasis!: string;

  @Field(() => [String], { description: 'The GraphQL fields it covers (Type.field).' })
  fields!: string[];
}

@ObjectType({ description: 'A purpose a consumer states in X-Purpose.' })
export class Purpose {
  @Field()
  code!: string;

  @Field()
  label!: string;
}

@ObjectType({ description: 'The sharing catalogue in force.' })
export class SharingCatalogueModel {
  @Field()
  version!: string;

  @Field(() => [DataItem])
  items!: DataItem[];

  @Field(() => [Purpose])
  purposes!: Purpose[];
}

@ObjectType({
  description:
    'A consumer’s request for conditional data items (有条件共享) and the providing department’s answer, due in 10 working days.',
})
export class DataGrant {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The consumer the grant is for (its name).' })
  consumer!: string;

  @Field({ description: 'The department that provides the items and decides.' })
  provider!: string;

  @Field(() => [DataItem])
  items!: DataItem[];

  @Field()
  purpose!: string;

  @Field({ description: 'The consumer’s legal or duty basis (申请依据).' })
  basis!: string;

  @Field(() => GrantStatus)
  status!: GrantStatus;

  @Field()
  requestedBy!: string;

  @Field()
  requestedAt!: Date;

  @Field({ description: 'When the answer is due: 10 working days after the request.' })
  dueAt!: Date;

  @Field({ description: 'Still waiting for an answer after its due date.' })
  overdue!: boolean;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The provider’s reasons (required for a refusal).',
  })
  reason!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when an approved grant allows reading.',
  })
  expiresAt!: Date | null;
}
