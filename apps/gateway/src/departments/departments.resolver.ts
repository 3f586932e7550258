import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import type { GatewayContext } from '../graphql-context';
import { Applicant, ApplicantKind, IdentifierScheme } from '../applicants/models/applicant.model';
import { LandParcelModel, toLandParcelModel } from './land-planning.model';
import { ProjectModel, toProjectModel } from './project-approval.model';
import {
  SocialInsuranceModel,
  toInsuredEmployerModel,
  toInsuredPersonModel,
} from './social-insurance.model';
import { TaxProfileModel, toTaxProfileModel } from './tax.model';

/**
 * What the departments know about an applicant, read live through the
 * adapters. Each field fails alone: a department that is down leaves its own
 * field null with a SOURCE_* error while the others arrive.
 */
@Resolver(() => Applicant)
export class DepartmentsResolver {
  /**
   * Loads a department's answer for every identifier of the applicant in the
   * given scheme (a merged applicant may hold several), through the request's
   * DataLoader so that rows of a list are batched.
   */
  private async loadAll<V>(
    applicant: Applicant,
    ctx: GatewayContext,
    scheme: IdentifierScheme,
    loader: DataLoader<string, V>,
  ): Promise<V[]> {
    const identifiers = await ctx.loaders.identifiers.load(applicant.id);
    // The registry's scheme is a plain string union; the GraphQL enum carries the same strings.
    const wanted: string = scheme;
    const keys = identifiers.filter((i) => i.scheme === wanted).map((i) => i.value);
    return Promise.all(keys.map((k) => loader.load(k)));
  }

  /** Enterprises are known to departments by their USCC, persons by their resident ID. */
  private static ownScheme(applicant: Applicant): IdentifierScheme {
    return applicant.kind === ApplicantKind.ENTERPRISE
      ? IdentifierScheme.USCC
      : IdentifierScheme.RESIDENT_ID;
  }

  @ResolveField(() => [ProjectModel], {
    nullable: true,
    description:
      '投资项目: projects this enterprise declared on the investment-project platform (发改).',
  })
  async projects(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<ProjectModel[]> {
    if (applicant.kind !== ApplicantKind.ENTERPRISE) return [];
    const lists = await this.loadAll(
      applicant,
      ctx,
      IdentifierScheme.USCC,
      ctx.departments.projects,
    );
    return lists.flat().map(toProjectModel);
  }

  @ResolveField(() => [LandParcelModel], {
    nullable: true,
    description:
      '宗地/不动产单元 held by this applicant, with their planning permits and land contracts (自然资源).',
  })
  async landParcels(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<LandParcelModel[]> {
    const scheme = DepartmentsResolver.ownScheme(applicant);
    const lists = await this.loadAll(applicant, ctx, scheme, ctx.departments.landParcels);
    return lists.flat().map(toLandParcelModel);
  }

  @ResolveField(() => TaxProfileModel, {
    nullable: true,
    description:
      '税务: registration, status, 纳税信用等级 and 欠税. Null when the tax office does not know the applicant.',
  })
  async tax(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<TaxProfileModel | null> {
    const scheme = DepartmentsResolver.ownScheme(applicant);
    const profiles = await this.loadAll(applicant, ctx, scheme, ctx.departments.tax);
    const found = profiles.find((p) => p !== null);
    return found ? toTaxProfileModel(found) : null;
  }

  @ResolveField(() => SocialInsuranceModel, {
    nullable: true,
    description:
      '社会保险: the employer record of an enterprise or the insured-person record of a person (人社/医保).',
  })
  async socialInsurance(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<SocialInsuranceModel | null> {
    if (applicant.kind === ApplicantKind.ENTERPRISE) {
      const employers = await this.loadAll(
        applicant,
        ctx,
        IdentifierScheme.USCC,
        ctx.departments.employers,
      );
      const employer = employers.find((e) => e !== null);
      return employer ? { employer: toInsuredEmployerModel(employer), person: null } : null;
    }
    const persons = await this.loadAll(
      applicant,
      ctx,
      IdentifierScheme.RESIDENT_ID,
      ctx.departments.persons,
    );
    const person = persons.find((p) => p !== null);
    return person ? { employer: null, person: toInsuredPersonModel(person) } : null;
  }
}
