import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { ShutdownState } from '../lifecycle/graceful-shutdown';

/**
 * Health for probes and load balancers, open to all (no key):
 * `/health/live` — the process answers (liveness: restart it when not);
 * `/health/ready` — it should get traffic: the database answers and it is not
 * shutting down (readiness); `/health` — the database check alone.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    if (this.shutdown.draining)
      throw new ServiceUnavailableException({
        status: 'error',
        error: { shutdown: { status: 'down', message: 'shutting down' } },
      });
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
  }
}
