import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SharingCatalogue, type DataItem as CatalogueItem } from '@oncegate/access';
import type { StoredDataGrant } from '@oncegate/registry';
import { checkedInput } from '../applications/dto/application.inputs';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import type { GatewayContext } from '../graphql-context';
import { GrantsService } from './grants.service';
import { DataGrantsArgs, DecideDataGrantInput, RequestDataGrantInput } from './grants.inputs';
import {
  DataGrant,
  DataItem,
  GrantDecision,
  GrantStatus,
  SharingCatalogueModel,
  SharingClass,
} from './models/access.model';
import { Roles } from './roles';

function toItem(item: CatalogueItem): DataItem {
  return { ...item, sharingClass: item.sharingClass as SharingClass, fields: [...item.fields] };
}

/** The sharing catalogue, and grants of its conditional items. */
@Resolver(() => DataGrant)
export class GrantsResolver {
  constructor(
    private readonly catalogue: SharingCatalogue,
    private readonly service: GrantsService,
  ) {}

  @Roles('department', 'eservice', 'steward', 'auditor', 'admin')
  @Query(() => SharingCatalogueModel, {
    description: 'The data items (provider, sharing class, legal basis, fields) and the purposes.',
  })
  sharingCatalogue(): SharingCatalogueModel {
    return {
      version: this.catalogue.version,
      items: this.catalogue.items().map(toItem),
      purposes: this.catalogue.purposes().map((p) => ({ ...p })),
    };
  }

  @Roles('department', 'eservice', 'steward', 'auditor', 'admin')
  @Query(() => [DataGrant], {
    description:
      'Grants: your own; a department’s system also those its department decides; auditors all.',
  })
  async dataGrants(
    @Args() raw: DataGrantsArgs,
    @Context() ctx: GatewayContext,
  ): Promise<DataGrant[]> {
    const args = checkedInput(DataGrantsArgs, raw);
    return this.present(
      await this.service.list(
        ctx.access,
        { status: args.status, overdue: args.overdue },
        args.first,
      ),
    );
  }

  @Roles('department', 'eservice', 'steward')
  @Mutation(() => [DataGrant], {
    description:
      'Asks for conditional items, for the purpose stated in X-Purpose: one request per providing department, each due an answer in 10 working days.',
  })
  async requestDataGrant(
    @Args('input', { type: () => RequestDataGrantInput }) raw: RequestDataGrantInput,
    @Context() ctx: GatewayContext,
  ): Promise<DataGrant[]> {
    const input = checkedInput(RequestDataGrantInput, raw);
    return this.present(await this.service.request(ctx.access, input.items, input.basis));
  }

  @Roles('department')
  @Mutation(() => DataGrant, {
    description:
      'The providing department approves a request (until expiresAt) or refuses it, with reasons.',
  })
  async decideDataGrant(
    @Args('input', { type: () => DecideDataGrantInput }) raw: DecideDataGrantInput,
    @Context() ctx: GatewayContext,
  ): Promise<DataGrant> {
    const input = checkedInput(DecideDataGrantInput, raw);
    const grant = await this.service.decide(
      ctx.access,
      input.grantId,
      input.decision === GrantDecision.APPROVE,
      input.reason,
      input.expiresAt ?? null,
    );
    return (await this.present([grant]))[0];
  }

  @Roles('department')
  @Mutation(() => DataGrant, {
    description: 'The providing department ends an approved grant, with reasons.',
  })
  async revokeDataGrant(
    @Args('grantId', { type: () => ID }) grantId: string,
    @Args('reason') reason: string,
    @Context() ctx: GatewayContext,
  ): Promise<DataGrant> {
    if (reason.trim().length < 2)
      throw new GatewayError(GatewayErrorCode.BAD_USER_INPUT, 'reason must say why', {
        field: 'reason',
      });
    return (await this.present([await this.service.revoke(ctx.access, grantId, reason)]))[0];
  }

  private async present(grants: readonly StoredDataGrant[]): Promise<DataGrant[]> {
    const names = await this.service.consumerNames(grants.map((g) => g.consumerId));
    const now = Date.now();
    return grants.map((g) => ({
      id: g.id,
      consumer: names.get(g.consumerId) ?? g.consumerId,
      provider: g.provider,
      items: g.items.flatMap((id) => {
        const item = this.catalogue.item(id);
        return item ? [toItem(item)] : [];
      }),
      purpose: g.purpose,
      basis: g.basis,
      status: g.status as GrantStatus,
      requestedBy: g.requestedBy,
      requestedAt: g.requestedAt,
      dueAt: g.dueAt,
      overdue: g.status === 'REQUESTED' && g.dueAt.getTime() < now,
      decidedBy: g.decidedBy,
      decidedAt: g.decidedAt,
      reason: g.decisionReason,
      expiresAt: g.expiresAt,
    }));
  }
}
