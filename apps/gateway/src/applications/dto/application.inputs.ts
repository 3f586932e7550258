import { Field, ID, InputType, Int, ArgsType } from '@nestjs/graphql';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { GatewayError, GatewayErrorCode } from '../../errors/gateway-error';
import { ReportedStatus } from '../models/application.model';

const PROCEDURE_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const ITEM_ID = /^[a-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/;

@InputType({ description: 'One item’s value, as the applicant typed it.' })
export class ItemValueInput {
  @Field({ description: 'Item id from the catalogue, e.g. `project.totalInvestment`.' })
  @IsString()
  @Matches(ITEM_ID, { message: 'id must be a catalogue item id such as project.name' })
  id!: string;

  @Field()
  @IsString()
  @MaxLength(2000)
  value!: string;
}

@InputType({ description: 'One application: the applicant, the procedures and the items typed.' })
export class SubmitApplicationInput {
  @Field({
    description:
      'Chosen by the caller, unique per application (8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the same application; never a second one.',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/, {
    message: 'idempotencyKey must be 8–128 characters of A–Z a–z 0–9 . _ : -',
  })
  idempotencyKey!: string;

  @Field(() => ID)
  @IsUUID(undefined, { message: 'applicantId must be an applicant id (UUID)' })
  applicantId!: string;

  @Field(() => [String], { description: 'Procedure codes from `procedures`.' })
  @IsArray()
  @ArrayNotEmpty({ message: 'choose at least one procedure' })
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'a procedure is listed twice' })
  @Matches(PROCEDURE_CODE, { each: true, message: 'procedures must be procedure codes' })
  procedures!: string[];

  @Field(() => [ItemValueInput], {
    description:
      'The items the applicant typed: the missing ones, and any prefilled value to correct.',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ItemValueInput)
  items!: ItemValueInput[];
}

@InputType({ description: 'A department’s report on one procedure of an application.' })
export class ReportApplicationStatusInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'applicationId must be an application id (UUID)' })
  applicationId!: string;

  @Field()
  @Matches(PROCEDURE_CODE, { message: 'procedure must be a procedure code' })
  procedure!: string;

  @Field(() => ReportedStatus)
  @IsEnum(ReportedStatus)
  status!: ReportedStatus;

  @Field(() => String, {
    nullable: true,
    description: 'What the department says (reasons for a return or a refusal).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The department’s own case number (办件编号).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  departmentCaseNo?: string | null;
}

@ArgsType()
export class ApplicationFormArgs {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'applicantId must be an applicant id (UUID)' })
  applicantId!: string;

  @Field(() => [String])
  @IsArray()
  @ArrayNotEmpty({ message: 'choose at least one procedure' })
  @ArrayMaxSize(20)
  @Matches(PROCEDURE_CODE, { each: true, message: 'procedures must be procedure codes' })
  procedures!: string[];
}

@ArgsType()
export class ApplicationsArgs {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'applicantId must be an applicant id (UUID)' })
  applicantId!: string;

  @Field(() => Int, { defaultValue: 20, description: 'Newest first, at most this many (1–100).' })
  @IsInt()
  @Min(1)
  @Max(100)
  first!: number;
}

function flatten(
  errors: readonly ValidationError[],
  prefix = '',
): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((message) => ({ field, message })),
      ...flatten(e.children ?? [], field),
    ];
  });
}

/** The input as an instance of its class, checked; BAD_USER_INPUT listing every problem otherwise. */
export function checkedInput<T extends object>(cls: new () => T, plain: unknown): T {
  const input = plainToInstance(cls, plain);
  const problems = flatten(validateSync(input, { forbidUnknownValues: true }));
  if (problems.length > 0)
    throw new GatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      `Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      { problems },
    );
  return input;
}
