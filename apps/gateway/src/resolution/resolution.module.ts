import { Module } from '@nestjs/common';
import {
  loadDepartmentRecordsSpec,
  loadGoldenCatalogue,
  RegistryResolver,
} from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { ResolutionResolver } from './resolution.resolver';

/** Entity resolution over the registry: review queue, merges, splits, conflicts, history. */
@Module({
  providers: [
    {
      provide: RegistryResolver,
      inject: [DataSource, GatewayConfig],
      useFactory: (dataSource: DataSource, config: GatewayConfig) => {
        // Read at boot: a bad spec or catalogue stops the gateway with its message.
        return new RegistryResolver(dataSource, {
          spec: loadDepartmentRecordsSpec(config.matchSpecFile),
          catalogue: loadGoldenCatalogue(config.goldenCatalogueFile),
        });
      },
    },
    ResolutionResolver,
  ],
  exports: [RegistryResolver],
})
export class ResolutionModule {}
