import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { RegistryModule } from '@oncegate/registry';
import type { Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import { ApplicantLoadersFactory } from './applicants/applicant.loaders';
import { ApplicantsModule } from './applicants/applicants.module';
import { ApplicationsModule } from './applications/applications.module';
import { ChangesModule } from './changes/changes.module';
import { SUBSCRIPTIONS } from './changes/subscriptions';
import { GatewayConfig } from './config/gateway.config';
import { ConfigModule } from './config/config.module';
import { DepartmentLoadersFactory } from './departments/department-loaders';
import { DepartmentsModule } from './departments/departments.module';
import { formatGatewayError } from './errors/format-error';
import { GraphqlExceptionFilter } from './errors/graphql-exception.filter';
import { sourceErrorsPlugin } from './errors/source-errors.plugin';
import { DemoModule } from './demo/demo.module';
import { GraphiqlModule } from './graphiql/graphiql.module';
import type { GatewayContext } from './graphql-context';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging/logging';
import { SyncModule } from './sync/sync.module';

/** The composition root: wiring only; behaviour lives in the modules and libs. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.logLevel)),
        RegistryModule.forRoot({ url: config.databaseUrl }),
        DepartmentsModule.forRoot(config),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ApplicantsModule],
          inject: [ApplicantLoadersFactory, DepartmentLoadersFactory],
          useFactory: (
            loaders: ApplicantLoadersFactory,
            departments: DepartmentLoadersFactory,
          ): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            playground: false,
            introspection: true,
            includeStacktraceInErrorResponses: false,
            subscriptions: SUBSCRIPTIONS,
            context: ({ req, res }: { req: Request; res: Response }): GatewayContext => ({
              req,
              res,
              loaders: loaders.create(),
              departments: departments.create(),
            }),
            plugins: [sourceErrorsPlugin],
            formatError: (formatted, error) => formatGatewayError(formatted, error),
          }),
        }),
        ApplicantsModule,
        DemoModule,
        GraphiqlModule,
        HealthModule,
        SyncModule,
        ApplicationsModule,
        ChangesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
    };
  }
}
