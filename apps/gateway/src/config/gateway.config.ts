import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Everything the gateway reads from its environment, validated once at boot.
 * A bad value stops the process with a message naming the variable, rather
 * than surfacing later as a confusing runtime failure.
 */
export class GatewayEnvironment {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** `mysql://user:pass@host:3306/db`; unset means the embedded SQLite file under var/. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Seed the demo applicants into an empty registry at boot. */
  @Type(() => String)
  @IsIn(['true', 'false'])
  DEMO_SEED: 'true' | 'false' = 'true';

  /** Run pending migrations at boot (a single replica or the first one; otherwise run `oncegate migrate`). */
  @Type(() => String)
  @IsIn(['true', 'false'])
  MIGRATE_ON_BOOT: 'true' | 'false' = 'true';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  SEARCH_MAX_RESULTS = 100;

  /**
   * `auto`: every department without a `<DEPT>_URL` is served by a simulator
   * started in this process (the demo of `npm start`); `off`: none, and a
   * department without a URL is a boot error.
   */
  @IsIn(['auto', 'off'])
  DEPARTMENT_SIMULATORS: 'auto' | 'off' = 'auto';

  /**
   * Pull every department's changes into the registry every this many
   * seconds (entity resolution); 0 turns the worker off. Replicas take turns:
   * one sync at a time per database.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400)
  SYNC_INTERVAL_S = 0;

  /** The matcher's comparison spec for department records; default `libs/matching/specs/department-records.json`. */
  @IsOptional()
  @IsString()
  MATCH_SPEC_FILE?: string;

  /** 数源部门 per golden-record attribute; default `contracts/golden-record.json`. */
  @IsOptional()
  @IsString()
  GOLDEN_CATALOGUE_FILE?: string;
}

export class ConfigValidationError extends Error {}

export function validateGatewayEnvironment(env: Record<string, unknown>): GatewayEnvironment {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const config = plainToInstance(GatewayEnvironment, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid gateway configuration:\n${lines.join('\n')}`);
  }
  return config;
}

/** Typed read access to the validated configuration; the only way code reads settings. */
export class GatewayConfig {
  constructor(
    private readonly env: GatewayEnvironment,
    /** The whole environment, for the department adapters' own settings (`TAX_URL`, …), which they validate. */
    readonly raw: Readonly<Record<string, string | undefined>>,
  ) {}

  static fromProcessEnv(): GatewayConfig {
    return GatewayConfig.from(process.env);
  }

  static from(env: Record<string, string | undefined>): GatewayConfig {
    return new GatewayConfig(validateGatewayEnvironment(env), { ...env });
  }

  get port(): number {
    return this.env.PORT;
  }
  get host(): string {
    return this.env.HOST;
  }
  get databaseUrl(): string | undefined {
    return this.env.DATABASE_URL;
  }
  get logLevel(): LogLevel {
    return this.env.LOG_LEVEL;
  }
  get demoSeed(): boolean {
    return this.env.DEMO_SEED === 'true';
  }
  get migrateOnBoot(): boolean {
    return this.env.MIGRATE_ON_BOOT === 'true';
  }
  get searchMaxResults(): number {
    return this.env.SEARCH_MAX_RESULTS;
  }
  get departmentSimulators(): 'auto' | 'off' {
    return this.env.DEPARTMENT_SIMULATORS;
  }
  get syncIntervalS(): number {
    return this.env.SYNC_INTERVAL_S;
  }
  get matchSpecFile(): string | undefined {
    return this.env.MATCH_SPEC_FILE;
  }
  get goldenCatalogueFile(): string | undefined {
    return this.env.GOLDEN_CATALOGUE_FILE;
  }
}
