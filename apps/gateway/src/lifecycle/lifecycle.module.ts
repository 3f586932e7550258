import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GracefulShutdown, InFlightRequests, ShutdownState } from './graceful-shutdown';

/** Graceful shutdown and the state readiness reports (see GracefulShutdown). */
@Global()
@Module({
  providers: [ShutdownState, GracefulShutdown, InFlightRequests],
  exports: [ShutdownState, GracefulShutdown],
})
export class LifecycleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(InFlightRequests).forRoutes('{*path}');
  }
}
