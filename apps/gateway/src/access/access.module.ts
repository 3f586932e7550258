import {
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadSharingCatalogue, SharingCatalogue } from '@oncegate/access';
import { GatewayConfig } from '../config/gateway.config';
import { AccessMiddleware } from './access.middleware';
import { AccessService } from './access.service';
import { ConsumerAuthenticator } from './consumer-authenticator';
import { RateLimiter } from './limits/rate-limiter';
import { RolesGuard } from './roles';

/** Consumers, purposes, roles and the sharing catalogue: who may read what (DESIGN.md §7). */
@Global()
@Module({
  providers: [
    {
      provide: SharingCatalogue,
      inject: [GatewayConfig],
      // Read at boot: a bad catalogue stops the gateway with its message.
      useFactory: (config: GatewayConfig) => loadSharingCatalogue(config.sharingCatalogueFile),
    },
    ConsumerAuthenticator,
    AccessService,
    AccessMiddleware,
    RateLimiter,
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [SharingCatalogue, AccessService, ConsumerAuthenticator],
})
export class AccessModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AccessMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
