import type { GatewayContext } from './graphql-context';

/** Who acts, until consumers and keys exist: the official named by `X-User-Id`, if well-formed. */
export function actorOf(ctx: GatewayContext): string {
  const user = ctx.req.header('x-user-id');
  return user && /^[\p{L}\p{N}._:@-]{1,100}$/u.test(user) ? `user:${user}` : 'anonymous';
}
