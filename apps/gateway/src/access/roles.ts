import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@oncegate/access';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import type { GatewayContext } from '../graphql-context';

const ROLES = 'oncegate:roles';

/** The roles that may call a query, mutation or subscription; one of them suffices. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * Every query, mutation and subscription declares its roles with `@Roles`;
 * one without is refused to everyone (fail closed). Field resolvers are not
 * guarded here: the sharing catalogue guards data fields (field-guard.ts).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<'graphql' | 'http'>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const operation = gql.getInfo<{ fieldName: string; parentType: { name: string } }>();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const where = `${operation.parentType.name}.${operation.fieldName}`;
    if (!roles || roles.length === 0)
      throw new GatewayError(GatewayErrorCode.FORBIDDEN, `${where} is open to no role`);
    const { access } = gql.getContext<GatewayContext>();
    if (!access.hasRole(...roles))
      throw new GatewayError(
        GatewayErrorCode.FORBIDDEN,
        `${where} needs the role ${roles.join(' or ')}`,
        { requiredRoles: roles },
      );
    return true;
  }
}
