import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ApplicantKind {
  PERSON = 'PERSON',
  ENTERPRISE = 'ENTERPRISE',
}
registerEnumType(ApplicantKind, {
  name: 'ApplicantKind',
  description: 'A natural person (自然人) or an enterprise or other organisation (法人及其他组织).',
});

export enum IdentifierScheme {
  RESIDENT_ID = 'RESIDENT_ID',
  USCC = 'USCC',
}
registerEnumType(IdentifierScheme, {
  name: 'IdentifierScheme',
  description: 'Identifier schemes that key applicants across departments.',
  valuesMap: {
    RESIDENT_ID: {
      description: '居民身份证号码 (GB 11643-1999), 18 characters; 15-digit numbers are upgraded.',
    },
    USCC: { description: '统一社会信用代码 (GB 32100-2015), 18 characters.' },
  },
});

/** The department systems that records come from. */
export enum DepartmentSystem {
  PROJECT_APPROVAL = 'project-approval',
  LAND_PLANNING = 'land-planning',
  TAX = 'tax',
  SOCIAL_INSURANCE = 'social-insurance',
}
registerEnumType(DepartmentSystem, {
  name: 'DepartmentSystem',
  valuesMap: {
    PROJECT_APPROVAL: { description: '投资项目在线审批监管平台 (发改)' },
    LAND_PLANNING: { description: '自然资源和规划 (用地、规划许可、不动产)' },
    TAX: { description: '税务' },
    SOCIAL_INSURANCE: { description: '人社 / 医保' },
  },
});

@ObjectType({ description: 'An identifier of an applicant, in its normalized form.' })
export class Identifier {
  @Field(() => IdentifierScheme)
  scheme!: IdentifierScheme;

  @Field({
    description: 'Normalized value (upper case, no spaces; resident IDs in 18-digit form).',
  })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The legacy form this value was upgraded from, e.g. a 15-digit resident ID.',
  })
  legacyValue!: string | null;
}

@ObjectType({ description: 'One record of one department system, linked to this applicant.' })
export class SourceRecord {
  @Field(() => ID, { description: 'OnceGate’s id of the record (what `splitApplicant` takes).' })
  id!: string;

  @Field(() => DepartmentSystem)
  system!: DepartmentSystem;

  @Field({ description: "The record's key in its own system." })
  localId!: string;

  @Field({ description: 'When OnceGate last observed this record.' })
  observedAt!: Date;
}

@ObjectType({ description: 'A golden-record value and where it came from (provenance).' })
export class GoldenAttribute {
  @Field({ description: 'Attribute name, e.g. legalRepresentative, address, phone, birthDate.' })
  name!: string;

  @Field()
  value!: string;

  @Field(() => DepartmentSystem, { description: 'The department system the value was taken from.' })
  source!: DepartmentSystem;

  @Field(() => SourceRecord, {
    nullable: true,
    description: 'The source record the value was taken from.',
  })
  sourceRecord!: SourceRecord | null;

  @Field({ description: 'When the source observed the value.' })
  observedAt!: Date;
}

@ObjectType({
  description: 'A person or enterprise known to one or more departments: the golden record.',
})
export class Applicant {
  @Field(() => ID, {
    description: 'Stable id. Ids of applicants merged into this one keep resolving to it.',
  })
  id!: string;

  @Field(() => ApplicantKind)
  kind!: ApplicantKind;

  @Field()
  name!: string;
}
