import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GatewayContext } from '../graphql-context';
import {
  toApplicantModel,
  toGoldenAttributeModel,
  toIdentifierModel,
  toSourceRecordModel,
} from './applicant.mapper';
import { ApplicantsService } from './applicants.service';
import {
  ApplicantArgs,
  ApplicantByIdentifierArgs,
  SearchApplicantsArgs,
} from './dto/applicant.args';
import { Applicant, GoldenAttribute, Identifier, SourceRecord } from './models/applicant.model';
import { Roles } from '../access/roles';

@Resolver(() => Applicant)
export class ApplicantsResolver {
  constructor(private readonly applicants: ApplicantsService) {}

  @Roles('department', 'eservice', 'steward')
  @Query(() => Applicant, {
    nullable: true,
    description: 'One applicant by id; the id of a merged applicant resolves to its survivor.',
  })
  async applicant(@Args() { id }: ApplicantArgs): Promise<Applicant | null> {
    const found = await this.applicants.findById(id);
    return found && toApplicantModel(found);
  }

  @Roles('department', 'eservice', 'steward')
  @Query(() => Applicant, {
    nullable: true,
    description:
      'One applicant by an identifier, normalized first. An invalid value is an INVALID_IDENTIFIER error with its reason; a valid unknown value is null.',
  })
  async applicantByIdentifier(
    @Args() { scheme, value }: ApplicantByIdentifierArgs,
  ): Promise<Applicant | null> {
    const found = await this.applicants.findByIdentifier(scheme, value);
    return found && toApplicantModel(found);
  }

  @Roles('department', 'eservice', 'steward')
  @Query(() => [Applicant], {
    description:
      'Active applicants whose name contains the given text: exact matches first, then prefixes.',
  })
  async searchApplicants(@Args() { name, first }: SearchApplicantsArgs): Promise<Applicant[]> {
    return (await this.applicants.search(name, first)).map(toApplicantModel);
  }

  @ResolveField(() => [Identifier])
  async identifiers(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<Identifier[]> {
    return (await ctx.loaders.identifiers.load(applicant.id)).map(toIdentifierModel);
  }

  @ResolveField(() => [SourceRecord])
  async sourceRecords(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<SourceRecord[]> {
    return (await ctx.loaders.sourceRecords.load(applicant.id)).map(toSourceRecordModel);
  }

  @ResolveField(() => [GoldenAttribute], {
    description: 'Golden-record values, each with its provenance.',
  })
  async attributes(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<GoldenAttribute[]> {
    const [attributes, records] = await Promise.all([
      ctx.loaders.attributes.load(applicant.id),
      ctx.loaders.sourceRecords.load(applicant.id),
    ]);
    const byId = new Map(records.map((r) => [r.id, r]));
    return attributes.map((a) => toGoldenAttributeModel(a, byId));
  }
}
