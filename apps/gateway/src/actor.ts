import type { GatewayContext } from './graphql-context';

/** Who acts, as history records it: the official (`X-User-Id`) through their system, or the system. */
export function actorOf(ctx: GatewayContext): string {
  return ctx.access.actor;
}

/** The calling system itself: the scope of its idempotency keys, whichever official sends the request. */
export function consumerOf(ctx: GatewayContext): string {
  return `consumer:${ctx.access.consumer.name}`;
}
