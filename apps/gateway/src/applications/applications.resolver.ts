import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApplicationRepository, type StoredApplication } from '@oncegate/registry';
import { toSystem } from '../applicants/applicant.mapper';
import type { GatewayContext } from '../graphql-context';
import { actorOf, consumerOf } from '../actor';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { toApplicationModel, toProcedureModel } from './application.presenter';
import { ApplicationsService } from './applications.service';
import { DeliveryWorker } from './delivery.worker';
import {
  ApplicationFormArgs,
  ApplicationsArgs,
  checkedInput,
  ReportApplicationStatusInput,
  SubmitApplicationInput,
} from './dto/application.inputs';
import {
  Application,
  ApplicationForm,
  FormItemStatus,
  Procedure,
} from './models/application.model';
import { Roles } from '../access/roles';

/**
 * The one form, end to end: the catalogue, an applicant's prefilled form,
 * submission (fanned out to each procedure's department through the outbox),
 * department status reports, withdrawal, and each application's timeline and
 * once-only measure.
 */
@Resolver(() => Application)
export class ApplicationsResolver {
  constructor(
    private readonly service: ApplicationsService,
    private readonly store: ApplicationRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  @Roles('department', 'eservice', 'steward', 'auditor', 'admin')
  @Query(() => [Procedure], {
    description: 'The procedures (办事事项) an application can include.',
  })
  procedures(): Procedure[] {
    return this.service.catalogue.procedures.map((p) =>
      toProcedureModel(p, this.service.catalogue),
    );
  }

  @Roles('eservice')
  @Query(() => ApplicationForm, {
    description:
      'The one form for an applicant and some procedures: every item they need, prefilled from what the departments already hold, or missing.',
  })
  async applicationForm(@Args() raw: ApplicationFormArgs): Promise<ApplicationForm> {
    const args = checkedInput(ApplicationFormArgs, raw);
    const procedures = this.service.procedures(args.procedures);
    const { applicant, fields, prefill } = await this.service.form(
      args.applicantId,
      args.procedures,
    );
    const items = fields.map((f) => {
      const pre = prefill.get(f.item.id);
      return {
        id: f.item.id,
        label: f.item.label,
        type: f.item.type,
        required: f.required,
        requiredBy: [...f.requiredBy],
        usedBy: [...f.usedBy],
        status: pre ? FormItemStatus.PREFILLED : FormItemStatus.MISSING,
        value: pre?.value ?? null,
        source: pre
          ? { system: pre.system ? toSystem(pre.system) : null, observedAt: pre.observedAt }
          : null,
        codes: Object.entries(f.item.codes ?? {}).map(([code, label]) => ({ code, label })),
      };
    });
    const prefilled = items.filter((i) => i.status === FormItemStatus.PREFILLED).length;
    return {
      applicantId: applicant.id,
      procedures: procedures.map((p) => toProcedureModel(p, this.service.catalogue)),
      items,
      prefilled,
      missing: items.length - prefilled,
    };
  }

  @Roles('department', 'eservice', 'steward')
  @Query(() => Application, {
    description: 'An application with its procedures, history, timeline and reuse.',
  })
  async application(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GatewayContext,
  ): Promise<Application> {
    const application = await this.service.get(id);
    if (!this.visible(ctx, application))
      throw new GatewayError(GatewayErrorCode.NOT_FOUND, 'No application has this id', { id });
    return (await this.present([application]))[0];
  }

  @Roles('department', 'eservice', 'steward')
  @Query(() => [Application], { description: 'An applicant’s applications, newest first.' })
  async applications(
    @Args() raw: ApplicationsArgs,
    @Context() ctx: GatewayContext,
  ): Promise<Application[]> {
    const args = checkedInput(ApplicationsArgs, raw);
    const applicant = await this.service.applicant(args.applicantId);
    const applications = await this.store.byApplicant(applicant.id, args.first);
    return this.present(applications.filter((a) => this.visible(ctx, a)));
  }

  /**
   * E-services and stewards see every application; a department system sees
   * those that include one of its department's procedures.
   */
  private visible(ctx: GatewayContext, application: StoredApplication): boolean {
    if (ctx.access.hasRole('eservice', 'steward')) return true;
    const department = ctx.access.consumer.department;
    return application.procedures.some(
      (code) =>
        this.service.catalogue.has(code) &&
        this.service.catalogue.procedure(code).department === department,
    );
  }

  @Roles('eservice')
  @Mutation(() => Application, {
    description:
      'Submits one application: validates every item, stores it with one delivery per procedure in one transaction, and returns at once; delivery to the departments follows. The same idempotency key again returns the same application.',
  })
  async submitApplication(
    @Args('input', { type: () => SubmitApplicationInput }) raw: SubmitApplicationInput,
    @Context() ctx: GatewayContext,
  ): Promise<Application> {
    const input = checkedInput(SubmitApplicationInput, raw);
    // Idempotency keys are the calling system's, whichever official sends the request.
    const { application, created } = await this.service.submit(input, consumerOf(ctx));
    if (created) this.worker.nudge();
    return (await this.present([application]))[0];
  }

  @Roles('department')
  @Mutation(() => Application, {
    description:
      'A department reports where a procedure stands: received, accepted, returned for correction, approved or rejected. Appends to the history; never rewrites it.',
  })
  async reportApplicationStatus(
    @Args('input', { type: () => ReportApplicationStatusInput }) raw: ReportApplicationStatusInput,
    @Context() ctx: GatewayContext,
  ): Promise<Application> {
    const input = checkedInput(ReportApplicationStatusInput, raw);
    const department = this.service.procedures([input.procedure])[0].department;
    if (ctx.access.consumer.department !== department)
      throw new GatewayError(
        GatewayErrorCode.FORBIDDEN,
        `Only a ${department} system reports on ${input.procedure}`,
        { procedure: input.procedure, department },
      );
    const application = await this.service.report(
      input.applicationId,
      input.procedure,
      input.status,
      actorOf(ctx),
      input.note ?? null,
      input.departmentCaseNo ?? null,
    );
    return (await this.present([application]))[0];
  }

  @Roles('eservice')
  @Mutation(() => Application, {
    description: 'The applicant withdraws (撤回) an application; its history is kept.',
  })
  async withdrawApplication(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @Context() ctx: GatewayContext,
  ): Promise<Application> {
    return (await this.present([await this.service.withdraw(id, reason, actorOf(ctx))]))[0];
  }

  private async present(applications: readonly StoredApplication[]): Promise<Application[]> {
    const ids = applications.map((a) => a.id);
    const [procedures, deliveries, events] = await Promise.all([
      this.store.proceduresOf(ids),
      this.store.deliveriesOf(ids),
      this.store.eventsOf(ids),
    ]);
    const now = new Date();
    return applications.map((a, k) =>
      toApplicationModel(
        a,
        procedures[k],
        deliveries[k],
        events[k],
        this.service.catalogue,
        this.service.calendar,
        now,
      ),
    );
  }
}
