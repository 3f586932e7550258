import {
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import {
  LandPlanningPort,
  ProjectApprovalPort,
  SocialInsurancePort,
  TaxPort,
  createLandPlanningAdapter,
  createProjectApprovalAdapter,
  createSocialInsuranceAdapter,
  createTaxAdapter,
  type DepartmentId,
} from '@oncegate/adapters';
import { DEMO_SOCIAL_INSURANCE_CREDENTIALS } from '@oncegate/simulators';
import { GatewayConfig } from '../config/gateway.config';
import { Metrics } from '../metrics/metrics';
import { DepartmentLoadersFactory } from './department-loaders';
import { DepartmentSimulatorHost } from './department-simulator-host';
import { readDepartmentConfigs, URL_VARIABLES, type DepartmentConfigs } from './departments.config';
import { DepartmentsResolver } from './departments.resolver';

const PORTS = [ProjectApprovalPort, LandPlanningPort, TaxPort, SocialInsurancePort] as const;

/** The environment the adapters read, with the in-process simulators' URLs (and demo credentials) filled in. */
function effectiveEnvironment(
  config: GatewayConfig,
  host: DepartmentSimulatorHost,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...config.raw };
  for (const department of Object.keys(URL_VARIABLES) as DepartmentId[]) {
    const url = host.url(department);
    if (url) env[URL_VARIABLES[department]] = url;
  }
  if (host.url('social-insurance')) {
    env.SOCIAL_INSURANCE_APP_KEY = DEMO_SOCIAL_INSURANCE_CREDENTIALS.appKey;
    env.SOCIAL_INSURANCE_APP_SECRET = DEMO_SOCIAL_INSURANCE_CREDENTIALS.appSecret;
  }
  return env;
}

const CONFIGS = Symbol('DEPARTMENT_CONFIGS');

function required<K extends keyof DepartmentConfigs>(
  configs: DepartmentConfigs,
  department: K,
): NonNullable<DepartmentConfigs[K]> {
  const config = configs[department];
  if (!config) throw new Error(`${department}: ${URL_VARIABLES[department]} is not set`);
  return config;
}

/** Closes the adapters' connection pools when the gateway stops. */
class AdapterShutdown implements OnApplicationShutdown {
  constructor(private readonly adapters: readonly unknown[]) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.adapters.map(async (a) => {
        await (a as { close?: () => Promise<void> }).close?.();
      }),
    );
  }
}

/**
 * The four department adapters behind their ports, the per-request
 * DataLoaders and the Applicant fields that read through them. Real systems
 * where `<DEPT>_URL` is set; in-process simulators for the rest when
 * `DEPARTMENT_SIMULATORS=auto`.
 */
@Module({})
export class DepartmentsModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const providers: Provider[] = [
      { provide: DepartmentSimulatorHost, useFactory: () => DepartmentSimulatorHost.start(config) },
      {
        provide: CONFIGS,
        inject: [DepartmentSimulatorHost],
        useFactory: (host: DepartmentSimulatorHost) =>
          readDepartmentConfigs(effectiveEnvironment(config, host)),
      },
      // Each adapter tells the metrics about its calls and its circuit breaker.
      {
        provide: ProjectApprovalPort,
        inject: [CONFIGS, Metrics],
        useFactory: (c: DepartmentConfigs, metrics: Metrics) =>
          createProjectApprovalAdapter(required(c, 'project-approval'), { observer: metrics }),
      },
      {
        provide: LandPlanningPort,
        inject: [CONFIGS, Metrics],
        useFactory: (c: DepartmentConfigs, metrics: Metrics) =>
          createLandPlanningAdapter(required(c, 'land-planning'), { observer: metrics }),
      },
      {
        provide: TaxPort,
        inject: [CONFIGS, Metrics],
        useFactory: (c: DepartmentConfigs, metrics: Metrics) =>
          createTaxAdapter(required(c, 'tax'), { observer: metrics }),
      },
      {
        provide: SocialInsurancePort,
        inject: [CONFIGS, Metrics],
        useFactory: (c: DepartmentConfigs, metrics: Metrics) =>
          createSocialInsuranceAdapter(required(c, 'social-insurance'), { observer: metrics }),
      },
      {
        provide: AdapterShutdown,
        inject: [...PORTS],
        useFactory: (...adapters: unknown[]) => new AdapterShutdown(adapters),
      },
      DepartmentLoadersFactory,
      DepartmentsResolver,
    ];
    return {
      module: DepartmentsModule,
      global: true,
      providers,
      exports: [DepartmentLoadersFactory, DepartmentSimulatorHost, ...PORTS],
    };
  }
}
