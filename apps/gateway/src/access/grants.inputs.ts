import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';
import { GrantDecision, GrantStatus } from './models/access.model';

const ITEM_ID = /^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/;

@InputType({ description: 'Conditional items a consumer asks to read, for its stated purpose.' })
export class RequestDataGrantInput {
  @Field(() => [String], {
    description: 'Data item ids of the sharing catalogue (CONDITIONAL ones).',
  })
  @ArrayMinSize(1, { message: 'items must name at least one data item' })
  @ArrayMaxSize(50)
  @Matches(ITEM_ID, {
    each: true,
    message: 'each item must be a data item id (e.g. tax.credit-rating)',
  })
  items!: string[];

  @Field({ description: 'The legal or duty basis for reading them (申请依据).' })
  @IsString()
  @MinLength(4, { message: 'basis must say on what legal or duty basis the items are needed' })
  @MaxLength(2000)
  basis!: string;
}

@InputType({ description: 'The providing department’s answer to a grant request.' })
export class DecideDataGrantInput {
  @Field(() => ID)
  @IsUUID(undefined, { message: 'grantId must be a grant id (UUID)' })
  grantId!: string;

  @Field(() => GrantDecision)
  @IsEnum(GrantDecision)
  decision!: GrantDecision;

  @Field({ description: 'Why: required for a refusal, and kept for an approval.' })
  @IsString()
  @MinLength(2, { message: 'reason must say why' })
  @MaxLength(2000)
  reason!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'Until when an approval allows reading (required to approve; at most 3 years ahead).',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date | null;
}

@ArgsType()
export class DataGrantsArgs {
  @Field(() => GrantStatus, { nullable: true })
  @IsOptional()
  @IsEnum(GrantStatus)
  status?: GrantStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only requests still unanswered after their due date.',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;

  @Field(() => Int, {
    defaultValue: 50,
    description: 'Newest request first, at most this many (1–200).',
  })
  @IsInt()
  @Min(1)
  @Max(200)
  first!: number;
}
