import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { RegistryModule } from '@oncegate/registry';
import type { Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import { SharingCatalogue } from '@oncegate/access';
import { accessOf } from './access/access.middleware';
import { AccessModule } from './access/access.module';
import { AccessService } from './access/access.service';
import { GrantsModule } from './access/grants.module';
import { catalogueCoverageProblems, guardDataFields } from './access/field-guard';
import { queryCostPlugin, queryShapeRules } from './access/limits/query-limits';
import type { RequestAccess } from './access/request-access';
import { ApplicantLoadersFactory } from './applicants/applicant.loaders';
import { AuditLog } from './audit/audit-log';
import { AuditModule } from './audit/audit.module';
import { auditPlugin } from './audit/audit.plugin';
import { ApplicantsModule } from './applicants/applicants.module';
import { ApplicationsModule } from './applications/applications.module';
import { ChangesModule } from './changes/changes.module';
import { subscriptions } from './changes/subscriptions';
import { GatewayConfig } from './config/gateway.config';
import { ConfigModule } from './config/config.module';
import { DepartmentLoadersFactory } from './departments/department-loaders';
import { DepartmentsModule } from './departments/departments.module';
import { formatGatewayError } from './errors/format-error';
import { GatewayError, GatewayErrorCode } from './errors/gateway-error';
import { GraphqlExceptionFilter } from './errors/graphql-exception.filter';
import { sourceErrorsPlugin } from './errors/source-errors.plugin';
import { DemoModule } from './demo/demo.module';
import { GraphiqlModule } from './graphiql/graphiql.module';
import type { GatewayContext } from './graphql-context';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging/logging';
import { Metrics } from './metrics/metrics';
import { MetricsModule } from './metrics/metrics.module';
import { metricsPlugin } from './metrics/metrics.plugin';
import { SyncModule } from './sync/sync.module';
import { TracingModule } from './tracing/tracing.module';
import { tracingPlugin } from './tracing/tracing.plugin';

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
        MetricsModule.forRoot(config),
        TracingModule.forRoot(config),
        DepartmentsModule.forRoot(config),
        AuditModule,
        AccessModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ApplicantsModule],
          inject: [
            ApplicantLoadersFactory,
            DepartmentLoadersFactory,
            AccessService,
            SharingCatalogue,
            AuditLog,
            Metrics,
          ],
          useFactory: (
            loaders: ApplicantLoadersFactory,
            departments: DepartmentLoadersFactory,
            access: AccessService,
            catalogue: SharingCatalogue,
            audit: AuditLog,
            metrics: Metrics,
          ): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            playground: false,
            introspection: true,
            includeStacktraceInErrorResponses: false,
            subscriptions: subscriptions(access, audit, catalogue),
            // HTTP: the access the middleware checked; graphql-ws: the one checked at
            // connection, one copy per operation (each subscription audits its own reads).
            context: (arg: {
              req?: Request;
              res?: Response;
              extra?: { access?: RequestAccess };
            }): GatewayContext => {
              const checked = arg.req ? accessOf(arg.req) : arg.extra?.access?.forOperation();
              if (!checked)
                throw new GatewayError(GatewayErrorCode.UNAUTHENTICATED, 'Not authenticated');
              return {
                access: checked,
                req: arg.req,
                res: arg.res,
                loaders: loaders.create(),
                departments: departments.create(),
              };
            },
            // Every data field under the sharing catalogue's rule; a field of a data type
            // that no item covers stops the boot.
            transformSchema: (schema) => {
              const problems = catalogueCoverageProblems(schema, catalogue);
              if (problems.length > 0)
                throw new Error(
                  `The sharing catalogue does not cover the schema:\n${problems.join('\n')}`,
                );
              return guardDataFields(schema, catalogue);
            },
            // The audit plugin runs last, on the answer as the caller would get it.
            plugins: [
              sourceErrorsPlugin,
              queryCostPlugin(config.queryLimits),
              auditPlugin(audit, catalogue),
              // Both read the answer once it has gone, after the audit plugin's last word.
              ...(metrics.enabled ? [metricsPlugin(metrics)] : []),
              ...(config.tracing.enabled ? [tracingPlugin()] : []),
            ],
            validationRules: queryShapeRules(config.queryLimits),
            allowBatchedHttpRequests: true,
            formatError: (formatted, error) => formatGatewayError(formatted, error),
          }),
        }),
        ApplicantsModule,
        DemoModule,
        GraphiqlModule,
        LifecycleModule,
        HealthModule,
        SyncModule,
        ApplicationsModule,
        ChangesModule,
        GrantsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GraphqlExceptionFilter }],
    };
  }
}
