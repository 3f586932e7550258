import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DepartmentSystem } from '../../applicants/models/applicant.model';

export enum TimeLimitUnit {
  WORKING = 'WORKING',
  CALENDAR = 'CALENDAR',
}
registerEnumType(TimeLimitUnit, {
  name: 'TimeLimitUnit',
  description: 'Working days (工作日, China’s official calendar) or calendar days (自然日).',
});

export enum FormItemStatus {
  PREFILLED = 'PREFILLED',
  MISSING = 'MISSING',
}
registerEnumType(FormItemStatus, {
  name: 'FormItemStatus',
  description: 'Whether OnceGate already knows the item (prefilled) or the applicant must give it.',
});

export enum ItemOrigin {
  TYPED = 'TYPED',
  PREFILLED = 'PREFILLED',
}
registerEnumType(ItemOrigin, {
  name: 'ItemOrigin',
  description: 'Typed by the applicant, or prefilled from what a department already holds.',
});

export enum ApplicationStatus {
  ACTIVE = 'ACTIVE',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ApplicationStatus, { name: 'ApplicationStatus' });

export enum ProcedureStatus {
  SUBMITTED = 'SUBMITTED',
  DELIVERED = 'DELIVERED',
  DELIVERY_REJECTED = 'DELIVERY_REJECTED',
  DELIVERY_FAILED = 'DELIVERY_FAILED',
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(ProcedureStatus, {
  name: 'ProcedureStatus',
  description: 'Where a procedure stands at its department.',
  valuesMap: {
    SUBMITTED: { description: 'Stored by OnceGate; waiting for delivery to the department.' },
    DELIVERED: { description: 'The department’s system acknowledged it (receipt number).' },
    DELIVERY_REJECTED: {
      description: 'The department’s system refused the submission (see events).',
    },
    DELIVERY_FAILED: { description: 'Never delivered: every attempt failed (dead-lettered).' },
    RECEIVED: { description: '收件: the department has received it.' },
    ACCEPTED: { description: '受理: the department has accepted it for decision.' },
    RETURNED: { description: '补正: returned to the applicant for correction; the clock stops.' },
    APPROVED: { description: '办结 (准予): approved.' },
    REJECTED: { description: '办结 (不予): refused.' },
  },
});

export enum ReportedStatus {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(ReportedStatus, {
  name: 'ReportedStatus',
  description: 'What a department may report about a procedure.',
});

export enum DeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  REJECTED = 'REJECTED',
  DEAD = 'DEAD',
}
registerEnumType(DeliveryState, {
  name: 'DeliveryState',
  valuesMap: {
    PENDING: { description: 'Waiting to be sent, or to be sent again after a failure.' },
    DELIVERED: { description: 'The receiver acknowledged it.' },
    REJECTED: { description: 'The receiver refused it (4xx / client fault): final, not retried.' },
    DEAD: { description: 'Dead-lettered: every allowed attempt failed.' },
  },
});

@ObjectType({ description: 'A legal time limit (法定时限) and what it rests on.' })
export class TimeLimit {
  @Field(() => Int)
  days!: number;

  @Field(() => TimeLimitUnit)
  unit!: TimeLimitUnit;

  @Field()
  basis!: string;
}

@ObjectType({ description: 'A code of a coded item and its label.' })
export class ItemCode {
  @Field()
  code!: string;

  @Field()
  label!: string;
}

@ObjectType({ description: 'An item a procedure needs.' })
export class ProcedureItem {
  @Field()
  id!: string;

  @Field()
  label!: string;

  @Field()
  required!: boolean;
}

@ObjectType({ description: 'A procedure (办事事项) of the catalogue, at one department.' })
export class Procedure {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  stage!: string;

  @Field(() => DepartmentSystem)
  department!: DepartmentSystem;

  @Field(() => TimeLimit)
  timeLimit!: TimeLimit;

  @Field(() => [ProcedureItem])
  items!: ProcedureItem[];
}

@ObjectType({ description: 'Where a prefilled value came from.' })
export class ItemSource {
  @Field(() => DepartmentSystem, {
    nullable: true,
    description: 'The department whose record it is; null for OnceGate’s own registry.',
  })
  system!: DepartmentSystem | null;

  @Field(() => Date, { nullable: true })
  observedAt!: Date | null;
}

@ObjectType({
  description:
    'One item of the one form: what it is, who needs it, and what OnceGate already knows.',
})
export class FormItem {
  @Field()
  id!: string;

  @Field()
  label!: string;

  @Field({ description: 'The item’s type, e.g. text, uscc, residentId, date, decimal, code.' })
  type!: string;

  @Field({ description: 'True when at least one chosen procedure requires it.' })
  required!: boolean;

  @Field(() => [String], { description: 'The chosen procedures that require it.' })
  requiredBy!: string[];

  @Field(() => [String], { description: 'The chosen procedures that receive it.' })
  usedBy!: string[];

  @Field(() => FormItemStatus)
  status!: FormItemStatus;

  @Field(() => String, { nullable: true, description: 'The prefilled value; null when missing.' })
  value!: string | null;

  @Field(() => ItemSource, { nullable: true })
  source!: ItemSource | null;

  @Field(() => [ItemCode], { description: 'The allowed codes of a coded item (empty otherwise).' })
  codes!: ItemCode[];
}

@ObjectType({ description: 'The one form for an applicant and a set of procedures.' })
export class ApplicationForm {
  @Field(() => ID)
  applicantId!: string;

  @Field(() => [Procedure])
  procedures!: Procedure[];

  @Field(() => [FormItem])
  items!: FormItem[];

  @Field(() => Int, { description: 'Items OnceGate prefilled.' })
  prefilled!: number;

  @Field(() => Int, { description: 'Items the applicant still has to give (required or not).' })
  missing!: number;
}

@ObjectType({ description: 'One item of a submitted application.' })
export class ApplicationItem {
  @Field()
  id!: string;

  @Field()
  label!: string;

  @Field()
  value!: string;

  @Field(() => ItemOrigin)
  origin!: ItemOrigin;

  @Field(() => ItemSource, { nullable: true })
  source!: ItemSource | null;
}

@ObjectType({ description: 'Sending one procedure to its department (the outbox row).' })
export class Delivery {
  @Field(() => DeliveryState)
  state!: DeliveryState;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When it is tried again (PENDING after a failure).',
  })
  nextAttemptAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The last failure: code and message.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The department’s receipt (case) number.' })
  receiptNo!: string | null;
}

@ObjectType({ description: 'A procedure’s clock against its legal time limit.' })
export class ProcedureTimeline {
  @Field(() => TimeLimit)
  limit!: TimeLimit;

  @Field(() => Date, {
    nullable: true,
    description: 'When the clock started: the department’s receipt.',
  })
  startedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The deadline, moved on by any time returned for correction.',
  })
  dueAt!: Date | null;

  @Field(() => Int, { description: 'Days elapsed in the limit’s unit, not counting returns.' })
  elapsedDays!: number;

  @Field(() => Int, { nullable: true, description: 'Days left; negative once overdue.' })
  remainingDays!: number | null;

  @Field({ description: 'Past the limit and not decided.' })
  overdue!: boolean;

  @Field({ description: 'Returned for correction: the clock is stopped.' })
  paused!: boolean;

  @Field({ description: 'Decided (approved or rejected): the clock stopped for good.' })
  finished!: boolean;

  @Field({
    description:
      'False when the period reaches beyond the years the working calendar covers (counted Monday–Friday there).',
  })
  calendarCovered!: boolean;
}

@ObjectType({ description: 'One event of an application’s history (append-only).' })
export class ApplicationEvent {
  @Field(() => Int)
  seq!: number;

  @Field()
  type!: string;

  @Field(() => String, { nullable: true })
  procedure!: string | null;

  @Field(() => DepartmentSystem, { nullable: true })
  department!: DepartmentSystem | null;

  @Field()
  actor!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field({ description: 'Details as JSON (receipt number, attempt, error code, …).' })
  details!: string;

  @Field()
  occurredAt!: Date;
}

@ObjectType({
  description: 'A procedure of an application: its department’s status, delivery and clock.',
})
export class ApplicationProcedure {
  @Field(() => Procedure)
  procedure!: Procedure;

  @Field(() => DepartmentSystem)
  department!: DepartmentSystem;

  @Field(() => ProcedureStatus)
  status!: ProcedureStatus;

  @Field()
  statusAt!: Date;

  @Field(() => String, { nullable: true, description: 'The department’s receipt (case) number.' })
  receiptNo!: string | null;

  @Field(() => Delivery, { nullable: true })
  delivery!: Delivery | null;

  @Field(() => ProcedureTimeline)
  timeline!: ProcedureTimeline;

  @Field(() => Int, { description: 'Items this department received.' })
  itemsReceived!: number;
}

@ObjectType({
  description: 'What one department received, and how much of it the applicant typed.',
})
export class DepartmentReuse {
  @Field(() => DepartmentSystem)
  department!: DepartmentSystem;

  @Field()
  procedure!: string;

  @Field(() => Int)
  items!: number;

  @Field(() => Int)
  prefilled!: number;

  @Field(() => Int)
  typed!: number;
}

@ObjectType({
  description:
    'The once-only measure: items typed once, items prefilled, items each department received. Without OnceGate the applicant would have typed every item of every department.',
})
export class ApplicationReuse {
  @Field(() => Int, { description: 'Items the applicant typed (once).' })
  typed!: number;

  @Field(() => Int, { description: 'Items OnceGate prefilled from department records.' })
  prefilled!: number;

  @Field(() => Int, { description: 'Items delivered across all departments.' })
  delivered!: number;

  @Field(() => Int, {
    description: 'Entries the applicant did not have to make: delivered minus typed.',
  })
  entriesSaved!: number;

  @Field(() => [DepartmentReuse])
  perDepartment!: DepartmentReuse[];
}

@ObjectType({ description: 'An application: one form, fanned out to each procedure’s department.' })
export class Application {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The public number, e.g. OG-20261125-7KQ2MX.' })
  applicationNo!: string;

  @Field(() => ID)
  applicantId!: string;

  @Field(() => ApplicationStatus)
  status!: ApplicationStatus;

  @Field()
  submittedAt!: Date;

  @Field()
  submittedBy!: string;

  @Field(() => [ApplicationItem])
  items!: ApplicationItem[];

  @Field(() => [ApplicationProcedure])
  procedures!: ApplicationProcedure[];

  @Field(() => [ApplicationEvent])
  events!: ApplicationEvent[];

  @Field(() => ApplicationReuse)
  reuse!: ApplicationReuse;
}
