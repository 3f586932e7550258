import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

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

  /** The procedures and form items; default `contracts/procedures.json`. */
  @IsOptional()
  @IsString()
  PROCEDURE_CATALOGUE_FILE?: string;

  /** China's public holidays and make-up working days; default `contracts/working-calendar.json`. */
  @IsOptional()
  @IsString()
  WORKING_CALENDAR_FILE?: string;

  /** The sharing catalogue (data items, sharing classes, purposes); default `contracts/sharing-catalogue.json`. */
  @IsOptional()
  @IsString()
  SHARING_CATALOGUE_FILE?: string;

  /** Where demo mode writes the demo consumers' API keys (readable by the owner only). */
  @IsString()
  DEMO_KEYS_FILE = 'var/demo-keys.json';

  /**
   * How long a checked API key is trusted before the database is asked
   * again, in milliseconds: a revoked or rotated key stops working within
   * this time on every replica.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300000)
  CONSUMER_CACHE_TTL_MS = 5000;

  /** Deepest selection a query may have (introspection exempt). */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  /** Most aliases one operation may use. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  GRAPHQL_MAX_ALIASES = 15;

  /** Highest cost of one operation: 1 per field, times `first` (or GRAPHQL_ASSUMED_LIST_SIZE) under lists. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(10000000)
  GRAPHQL_MAX_COST = 25000;

  /** What an unbounded list field is taken to hold when costing a query. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_ASSUMED_LIST_SIZE = 5;

  /** Most operations in one batched HTTP request (a JSON array). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  GRAPHQL_MAX_BATCH = 5;

  /** Largest request body, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(16777216)
  GRAPHQL_MAX_BODY_BYTES = 262144;

  /** Requests per consumer per minute; 0 = no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Redis for state shared by replicas (rate limits): `redis://host:6379/0`; none = in memory. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Keep the audit trail (`off` only to measure what it costs: `npm run bench:audit`). */
  @Type(() => String)
  @IsIn(['on', 'off'])
  AUDIT: 'on' | 'off' = 'on';

  /** Most exchanges written in one audit transaction (group commit). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  AUDIT_BATCH_MAX = 500;

  /**
   * The Ed25519 private key (PKCS#8 PEM) that signs the audit chain's
   * anchors, or `file:<path>` to read it from a file (a mounted secret).
   * Without it no anchors are signed.
   */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  /**
   * More Ed25519 public keys (PEM, several blocks one after another, or
   * `file:<path>`) whose anchors `auditChainStatus` accepts: the keys the
   * signing key replaced. The signing key's own is always accepted.
   */
  @IsOptional()
  @IsString()
  AUDIT_PUBLIC_KEYS?: string;

  /**
   * Days an audit record is kept in the database; `oncegate audit prune`
   * archives and removes older ones (run it daily, e.g. as a CronJob).
   * Unset: records are kept for ever.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36500)
  AUDIT_RETENTION_DAYS?: number;

  /** How often the chain's head is signed as an anchor, in seconds; 0 = never. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400)
  AUDIT_ANCHOR_INTERVAL_S = 60;

  /**
   * After SIGTERM, how long readiness answers 503 before the server stops
   * accepting connections (for load balancers that poll readiness; on
   * Kubernetes a preStop sleep does the same).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300000)
  SHUTDOWN_DELAY_MS = 0;

  /** After SIGTERM, how long requests in flight may take before their connections are closed. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 20000;

  /** Deliver the outbox (applications to departments, change notices) from this process. */
  @Type(() => String)
  @IsIn(['true', 'false'])
  DELIVERY_WORKER: 'true' | 'false' = 'true';

  /** How often the delivery worker looks for due deliveries, in milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60000)
  DELIVERY_POLL_MS = 500;

  /** Deliveries one process sends at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  DELIVERY_CONCURRENCY = 4;

  /** Attempts before a delivery is dead-lettered. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DELIVERY_MAX_ATTEMPTS = 12;

  /** First retry delay (exponential backoff with jitter from there), milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3600000)
  DELIVERY_BACKOFF_INITIAL_MS = 2000;

  /** Longest retry delay, milliseconds. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86400000)
  DELIVERY_BACKOFF_MAX_MS = 600000;

  /** How long a worker holds a delivery it is sending; must exceed the slowest department's timeout. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  DELIVERY_LEASE_S = 120;

  /**
   * How often each process reads the change log for its subscribers and
   * fans new changes out to department webhooks, in milliseconds.
   */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60000)
  CHANGE_POLL_MS = 1000;

  /** Turn golden-record changes into webhook deliveries from this process (any number of processes may). */
  @Type(() => String)
  @IsIn(['true', 'false'])
  CHANGE_FANOUT: 'true' | 'false' = 'true';

  /** Budget of one webhook call, milliseconds; keep it well under DELIVERY_LEASE_S. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120000)
  WEBHOOK_TIMEOUT_MS = 5000;

  /** Serve Prometheus metrics at `GET /metrics` (no key) and keep them. */
  @Type(() => String)
  @IsIn(['on', 'off'])
  METRICS: 'on' | 'off' = 'on';

  /**
   * OpenTelemetry traces: `otlp` sends them (OTLP over HTTP, JSON) to
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT;
   * `none` starts no tracing SDK at all.
   */
  @IsIn(['otlp', 'none'])
  OTEL_TRACES_EXPORTER: 'otlp' | 'none' = 'none';

  /** The collector's base URL; traces go to `<it>/v1/traces`. Default `http://localhost:4318`. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL',
  })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full URL traces are sent to, used as it is (overrides OTEL_EXPORTER_OTLP_ENDPOINT). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http:// or https:// URL',
  })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** `service.name` of the traces. */
  @Matches(/^\S{1,128}$/, { message: 'OTEL_SERVICE_NAME must be 1–128 characters without spaces' })
  OTEL_SERVICE_NAME = 'oncegate-gateway';
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
  get procedureCatalogueFile(): string | undefined {
    return this.env.PROCEDURE_CATALOGUE_FILE;
  }
  get workingCalendarFile(): string | undefined {
    return this.env.WORKING_CALENDAR_FILE;
  }
  get sharingCatalogueFile(): string | undefined {
    return this.env.SHARING_CATALOGUE_FILE;
  }
  get demoKeysFile(): string {
    return this.env.DEMO_KEYS_FILE;
  }
  get consumerCacheTtlMs(): number {
    return this.env.CONSUMER_CACHE_TTL_MS;
  }
  get queryLimits(): {
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    assumedListSize: number;
  } {
    return {
      maxDepth: this.env.GRAPHQL_MAX_DEPTH,
      maxAliases: this.env.GRAPHQL_MAX_ALIASES,
      maxCost: this.env.GRAPHQL_MAX_COST,
      assumedListSize: this.env.GRAPHQL_ASSUMED_LIST_SIZE,
    };
  }
  get maxBatch(): number {
    return this.env.GRAPHQL_MAX_BATCH;
  }
  get maxBodyBytes(): number {
    return this.env.GRAPHQL_MAX_BODY_BYTES;
  }
  get rateLimitPerMinute(): number {
    return this.env.RATE_LIMIT_PER_MINUTE;
  }
  get auditEnabled(): boolean {
    return this.env.AUDIT === 'on';
  }
  get auditBatchMax(): number {
    return this.env.AUDIT_BATCH_MAX;
  }
  get auditSigningKey(): string | undefined {
    return this.env.AUDIT_SIGNING_KEY;
  }
  get shutdown(): { delayMs: number; timeoutMs: number } {
    return { delayMs: this.env.SHUTDOWN_DELAY_MS, timeoutMs: this.env.SHUTDOWN_TIMEOUT_MS };
  }
  get auditPublicKeys(): string | undefined {
    return this.env.AUDIT_PUBLIC_KEYS;
  }
  get auditRetentionDays(): number | undefined {
    return this.env.AUDIT_RETENTION_DAYS;
  }
  get auditAnchorIntervalS(): number {
    return this.env.AUDIT_ANCHOR_INTERVAL_S;
  }
  get redisUrl(): string | undefined {
    return this.env.REDIS_URL;
  }
  get delivery(): {
    worker: boolean;
    pollMs: number;
    concurrency: number;
    maxAttempts: number;
    backoffInitialMs: number;
    backoffMaxMs: number;
    leaseS: number;
  } {
    return {
      worker: this.env.DELIVERY_WORKER === 'true',
      pollMs: this.env.DELIVERY_POLL_MS,
      concurrency: this.env.DELIVERY_CONCURRENCY,
      maxAttempts: this.env.DELIVERY_MAX_ATTEMPTS,
      backoffInitialMs: this.env.DELIVERY_BACKOFF_INITIAL_MS,
      backoffMaxMs: this.env.DELIVERY_BACKOFF_MAX_MS,
      leaseS: this.env.DELIVERY_LEASE_S,
    };
  }
  /** Change notifications; each department's webhook (`<DEPT>_WEBHOOK_URL`, …) is read by the changes module. */
  get changes(): { pollMs: number; fanOut: boolean; webhookTimeoutMs: number } {
    return {
      pollMs: this.env.CHANGE_POLL_MS,
      fanOut: this.env.CHANGE_FANOUT === 'true',
      webhookTimeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
    };
  }
  get metricsEnabled(): boolean {
    return this.env.METRICS === 'on';
  }
  /** OpenTelemetry tracing; `url` is where the OTLP exporter sends (undefined: its default). */
  get tracing(): { enabled: boolean; serviceName: string; url: string | undefined } {
    const base = this.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    return {
      enabled: this.env.OTEL_TRACES_EXPORTER === 'otlp',
      serviceName: this.env.OTEL_SERVICE_NAME,
      url:
        this.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
        (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined),
    };
  }
}
