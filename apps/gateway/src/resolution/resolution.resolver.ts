import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ApplicantRepository,
  RegistryResolver,
  type MatchCandidate as RegistryCandidate,
} from '@oncegate/registry';
import DataLoader from 'dataloader';
import { toApplicantModel, toSourceRecordModel, toSystem } from '../applicants/applicant.mapper';
import { Applicant } from '../applicants/models/applicant.model';
import { actorOf } from '../actor';
import type { GatewayContext } from '../graphql-context';
import {
  MatchCandidatesArgs,
  MergeApplicantsArgs,
  ResolveMatchArgs,
  SplitApplicantArgs,
} from './dto/resolution.args';
import {
  ApplicantEvent,
  ApplicantEventType,
  AttributeConflict,
  MatchCandidate,
  MatchCandidateStatus,
  type MatchExplanation,
} from './models/resolution.model';
import { Roles } from '../access/roles';

interface ResolutionLoaders {
  conflicts: DataLoader<string, AttributeConflict[]>;
  history: DataLoader<string, ApplicantEvent[]>;
}

const LOADERS = Symbol('resolution loaders');

@Resolver(() => Applicant)
export class ResolutionResolver {
  constructor(
    private readonly resolver: RegistryResolver,
    private readonly applicants: ApplicantRepository,
  ) {}

  /** Per-request DataLoaders, made on first use: a list of applicants costs one query each. */
  private loaders(ctx: GatewayContext): ResolutionLoaders {
    const holder = ctx as GatewayContext & { [LOADERS]?: ResolutionLoaders };
    holder[LOADERS] ??= {
      conflicts: new DataLoader(async (ids) =>
        (await this.resolver.conflicts([...ids])).map((list) =>
          list.map((c) => ({
            attribute: c.attribute,
            chosen: c.chosen,
            values: c.values.map((v) => ({
              value: v.value,
              source: toSystem(v.system),
              sourceRecordId: v.sourceRecordId,
              observedAt: v.observedAt,
            })),
          })),
        ),
      ),
      history: new DataLoader(async (ids) =>
        (await this.resolver.history([...ids])).map((events) =>
          events.map((e) => ({
            id: e.id,
            type: e.type as ApplicantEventType,
            relatedApplicantId: e.relatedApplicantId,
            actor: e.actor,
            reason: e.reason,
            details: JSON.stringify(e.payload),
            occurredAt: e.occurredAt,
          })),
        ),
      ),
    };
    return holder[LOADERS];
  }

  @ResolveField(() => [AttributeConflict], {
    description:
      'Attributes on which the departments disagree, each value with its source and date; the golden record shows `chosen`.',
  })
  conflicts(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<AttributeConflict[]> {
    return this.loaders(ctx).conflicts.load(applicant.id);
  }

  @ResolveField(() => [ApplicantEvent], {
    description: 'Every link, merge, split and review decision, oldest first, with who and why.',
  })
  history(
    @Parent() applicant: Applicant,
    @Context() ctx: GatewayContext,
  ): Promise<ApplicantEvent[]> {
    return this.loaders(ctx).history.load(applicant.id);
  }

  @Roles('steward')
  @Query(() => [MatchCandidate], {
    description:
      'The review queue: record pairs the matcher could not decide, most probable first.',
  })
  async matchCandidates(@Args() { status, first }: MatchCandidatesArgs): Promise<MatchCandidate[]> {
    return this.toModels(await this.resolver.candidates(status, first));
  }

  @Roles('steward')
  @Mutation(() => MatchCandidate, {
    description:
      'Decide a queued pair: LINK merges their applicants; KEEP_APART keeps them apart in every later sync.',
  })
  async resolveMatch(
    @Args() { id, decision, reason }: ResolveMatchArgs,
    @Context() ctx: GatewayContext,
  ): Promise<MatchCandidate> {
    return (
      await this.toModels([await this.resolver.resolveMatch(id, decision, reason, actorOf(ctx))])
    )[0];
  }

  @Roles('steward')
  @Mutation(() => Applicant, {
    description: 'Two applicants are one: the merged id keeps resolving to the survivor.',
  })
  async mergeApplicants(
    @Args() { survivorId, mergedId, reason }: MergeApplicantsArgs,
    @Context() ctx: GatewayContext,
  ): Promise<Applicant> {
    return toApplicantModel(
      await this.resolver.mergeApplicants(survivorId, mergedId, reason, actorOf(ctx)),
    );
  }

  @Roles('steward')
  @Mutation(() => Applicant, {
    description:
      'Some of an applicant’s records are someone else: they move to a new applicant, which is returned.',
  })
  async splitApplicant(
    @Args() { applicantId, sourceRecordIds, reason }: SplitApplicantArgs,
    @Context() ctx: GatewayContext,
  ): Promise<Applicant> {
    return toApplicantModel(
      await this.resolver.splitApplicant(applicantId, sourceRecordIds, reason, actorOf(ctx)),
    );
  }

  private async toModels(candidates: readonly RegistryCandidate[]): Promise<MatchCandidate[]> {
    const recordIds = candidates.flatMap((c) => [c.recordAId, c.recordBId]);
    const records = await this.applicants.sourceRecordsByIds(recordIds);
    const applicants = await Promise.all(
      records.map((r) =>
        r ? this.applicants.resolveSurvivor(r.applicantId) : Promise.resolve(null),
      ),
    );
    return candidates.map((c, k) => {
      const [a, b] = [records[2 * k], records[2 * k + 1]];
      if (!a || !b) throw new Error(`match candidate ${c.id} names a missing source record`);
      const [applicantA, applicantB] = [applicants[2 * k], applicants[2 * k + 1]];
      return {
        id: c.id,
        status: c.status as MatchCandidateStatus,
        probability: c.probability,
        explanation: isExplanation(c.explanation) ? c.explanation : null,
        recordA: toSourceRecordModel(a),
        recordB: toSourceRecordModel(b),
        applicantA: applicantA && toApplicantModel(applicantA),
        applicantB: applicantB && toApplicantModel(applicantB),
        decidedBy: c.decidedBy,
        reason: c.reason,
        createdAt: c.createdAt,
        decidedAt: c.decidedAt,
      };
    });
  }
}

function isExplanation(value: unknown): value is MatchExplanation {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { evidence?: unknown }).evidence) &&
    typeof (value as { weight?: unknown }).weight === 'number'
  );
}
