import {
  type DynamicModule,
  Global,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnApplicationShutdown,
  RequestMethod,
} from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway.config';
import { GraphqlSpanMiddleware } from './graphql-span.middleware';
import { shutdownTracing } from './tracing';

const TRACING_ON = Symbol('TRACING_ON');

/** Flushes and stops the tracing `startTracing` started, when the gateway stops. */
class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return shutdownTracing();
  }
}

/**
 * With OTEL_TRACES_EXPORTER=otlp: a server span around every GraphQL HTTP
 * request, and the tracer provider flushed at shutdown. (The SDK itself is
 * started by `startTracing` in main.ts, before the gateway is created.)
 * With `none`: nothing. Global, so that its middleware runs before the
 * access middleware's (Nest registers global modules' middleware first): the
 * span covers the key check and the rate limit, and refusals are traced too.
 */
@Global()
@Module({})
export class TracingModule implements NestModule {
  constructor(@Inject(TRACING_ON) private readonly on: boolean) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    const on = config.tracing.enabled;
    return {
      module: TracingModule,
      providers: [
        { provide: TRACING_ON, useValue: on },
        ...(on ? [TracingShutdown, GraphqlSpanMiddleware] : []),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.on)
      consumer
        .apply(GraphqlSpanMiddleware)
        .forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
