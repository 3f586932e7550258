import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { parseMatchSpec } from '@oncegate/matching';
import { findRepositoryFile, loadGoldenCatalogue, RegistryResolver } from '@oncegate/registry';
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
        const specFile =
          config.matchSpecFile ?? findRepositoryFile('libs/matching/specs/department-records.json');
        const spec = parseMatchSpec(JSON.parse(readFileSync(specFile, 'utf8')));
        const catalogue = loadGoldenCatalogue(config.goldenCatalogueFile);
        return new RegistryResolver(dataSource, { spec, catalogue });
      },
    },
    ResolutionResolver,
  ],
  exports: [RegistryResolver],
})
export class ResolutionModule {}
