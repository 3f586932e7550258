import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsumerRepository } from './access/consumer.repository';
import { GrantRepository } from './access/grant.repository';
import { AuditRepository } from './audit/audit.repository';
import { ApplicantRepository } from './applicant.repository';
import { ApplicationRepository } from './applications/application.repository';
import { databaseOptionsFromUrl, databaseUrlFromEnv } from './database.config';
import { registryEntities } from './registry.entities';
import { RegistryMigrator } from './registry.migrator';

export interface RegistryModuleOptions {
  /** A database URL (see `databaseOptionsFromUrl`); defaults to DATABASE_URL, then the SQLite file. */
  readonly url?: string;
  /**
   * Apply pending migrations when the connection opens, before anything can
   * use it. Right for the single-process SQLite setup (`npm start`); with
   * several replicas on MySQL, migrate once before rolling out instead
   * (`oncegate migrate`, or `RegistryMigrator` in a job), since TypeORM takes
   * no lock around migrations.
   */
  readonly migrationsRun?: boolean;
}

/**
 * Opens the database (the default TypeORM data source) and provides
 * {@link ApplicantRepository} and {@link RegistryMigrator}. Import once, in the
 * composition root.
 */
@Module({})
export class RegistryModule {
  static forRoot(options: RegistryModuleOptions = {}): DynamicModule {
    return {
      module: RegistryModule,
      // Global: the repositories are the registry's public face to every feature module.
      global: true,
      imports: [
        // Async so that a bad URL fails inside Nest's bootstrap, logged, rather
        // than while the application module is being imported.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...databaseOptionsFromUrl(options.url ?? databaseUrlFromEnv()),
            migrationsRun: options.migrationsRun ?? false,
          }),
        }),
        TypeOrmModule.forFeature([...registryEntities]),
      ],
      providers: [
        ApplicantRepository,
        ApplicationRepository,
        ConsumerRepository,
        GrantRepository,
        AuditRepository,
        RegistryMigrator,
      ],
      exports: [
        ApplicantRepository,
        ApplicationRepository,
        ConsumerRepository,
        GrantRepository,
        AuditRepository,
        RegistryMigrator,
      ],
    };
  }
}
