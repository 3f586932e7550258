import { Injectable } from '@nestjs/common';
import type {
  CircuitBreakerProbe,
  CircuitBreakerState,
  DepartmentCallObserver,
  DepartmentCallRecord,
  DepartmentId,
} from '@oncegate/adapters';
import type { Outcome } from '@oncegate/audit';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { GatewayConfig } from '../config/gateway.config';
import { OperationLabels } from './operation-label';
import { OutboxBacklog } from './outbox-backlog';

/** The gauge's value per breaker state. */
export const CIRCUIT_STATE_VALUES: Readonly<Record<CircuitBreakerState, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

/** The operation type label: `query`, `mutation`, `subscription`, or `unknown` (not parsed). */
export type OperationTypeLabel = 'query' | 'mutation' | 'subscription' | 'unknown';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const FAST_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const BATCH_SIZES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

function instruments(registry: Registry) {
  const registers = [registry];
  return {
    graphqlRequests: new Counter({
      name: 'oncegate_graphql_requests_total',
      help: 'GraphQL operations answered, by operation name and outcome (refusals at the door included)',
      labelNames: ['operation', 'outcome'] as const,
      registers,
    }),
    graphqlDuration: new Histogram({
      name: 'oncegate_graphql_request_duration_seconds',
      help: 'Time from the start of a GraphQL operation until its answer was sent, by operation type',
      labelNames: ['operation_type'] as const,
      buckets: SECONDS,
      registers,
    }),
    departmentDuration: new Histogram({
      name: 'oncegate_department_call_duration_seconds',
      help: 'Department calls (retries included), by department, port operation and outcome',
      labelNames: ['department', 'operation', 'outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    departmentErrors: new Counter({
      name: 'oncegate_department_call_errors_total',
      help: 'Department calls that failed, by department, port operation and kind of failure',
      labelNames: ['department', 'operation', 'kind'] as const,
      registers,
    }),
    auditDuration: new Histogram({
      name: 'oncegate_audit_append_duration_seconds',
      help: 'Time to write one batch of audit records (one transaction), by outcome',
      labelNames: ['outcome'] as const,
      buckets: FAST_SECONDS,
      registers,
    }),
    auditBatchSize: new Histogram({
      name: 'oncegate_audit_batch_size',
      help: 'Exchanges written together in one audit transaction (group commit)',
      buckets: BATCH_SIZES,
      registers,
    }),
    rateLimited: new Counter({
      name: 'oncegate_rate_limit_refusals_total',
      help: 'Requests refused with RATE_LIMITED, by consumer (registered system name)',
      labelNames: ['consumer'] as const,
      registers,
    }),
  };
}

/**
 * The gateway's Prometheus metrics, in a registry of its own (not
 * prom-client's global one: several gateways in one process keep theirs
 * apart). Labels carry fixed names only — operation names bounded, consumer
 * and department names — never an applicant id, an identifier or a value.
 * With METRICS=off nothing is kept and every method does nothing.
 */
@Injectable()
export class Metrics implements DepartmentCallObserver {
  readonly registry = new Registry();
  private readonly instruments: ReturnType<typeof instruments> | null;
  private readonly operationLabels = new OperationLabels();
  private readonly breakers = new Map<DepartmentId, CircuitBreakerProbe>();

  constructor(config: GatewayConfig, backlog: OutboxBacklog) {
    if (!config.metricsEnabled) {
      this.instruments = null;
      return;
    }
    collectDefaultMetrics({ register: this.registry });
    this.instruments = instruments(this.registry);
    const breakers = this.breakers;
    new Gauge({
      name: 'oncegate_department_circuit_state',
      help: "State of a department's circuit breaker: 0 closed, 1 half-open, 2 open",
      labelNames: ['department'] as const,
      registers: [this.registry],
      collect() {
        for (const [department, probe] of breakers)
          this.set({ department }, CIRCUIT_STATE_VALUES[probe.breakerState]);
      },
    });
    this.outboxGauges(backlog);
  }

  get enabled(): boolean {
    return this.instruments !== null;
  }

  /** One GraphQL operation answered (its outcome as the audit trail records it). */
  graphqlOperation(operation: {
    name: string | null | undefined;
    type: OperationTypeLabel;
    outcome: Outcome;
    seconds: number;
  }): void {
    if (!this.instruments) return;
    this.instruments.graphqlRequests.inc({
      operation: this.operationLabels.of(operation.name),
      outcome: operation.outcome,
    });
    this.instruments.graphqlDuration.observe({ operation_type: operation.type }, operation.seconds);
  }

  /** A GraphQL request refused before it ran (no key, no purpose, rate limit, batch too large). */
  graphqlRefused(operationName: string | null | undefined): void {
    this.instruments?.graphqlRequests.inc({
      operation: this.operationLabels.of(operationName),
      outcome: 'DENIED',
    });
  }

  /** A consumer's request refused with RATE_LIMITED. */
  rateLimited(consumer: string): void {
    this.instruments?.rateLimited.inc({ consumer });
  }

  /** One audit transaction: how many exchanges, how long, whether it was written. */
  auditAppended(batchSize: number, seconds: number, written: boolean): void {
    if (!this.instruments) return;
    this.instruments.auditBatchSize.observe(batchSize);
    this.instruments.auditDuration.observe({ outcome: written ? 'ok' : 'error' }, seconds);
  }

  policyCreated(probe: CircuitBreakerProbe): void {
    if (this.instruments) this.breakers.set(probe.source, probe);
  }

  callFinished(record: DepartmentCallRecord): void {
    if (!this.instruments) return;
    const labels = { department: record.department, operation: record.operation };
    this.instruments.departmentDuration.observe(
      { ...labels, outcome: record.outcome },
      record.durationSeconds,
    );
    if (record.outcome !== 'ok')
      this.instruments.departmentErrors.inc({ ...labels, kind: record.outcome });
  }

  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Outbox figures, read from the database at scrape time (cached briefly).
   * When the database cannot be read the series are absent from that scrape,
   * not zero.
   */
  private outboxGauges(backlog: OutboxBacklog): void {
    const registers = [this.registry];
    const read = async (gauge: Gauge<'state'>, pick: (f: OutboxFigures) => [string, number][]) => {
      gauge.reset();
      try {
        for (const [state, value] of pick(await backlog.read())) gauge.set({ state }, value);
      } catch {
        // Logged by OutboxBacklog; the series stay out of this scrape.
      }
    };
    new Gauge({
      name: 'oncegate_outbox_deliveries',
      help: 'Outbox deliveries by state: pending (not delivered yet), due (pending, due now and not being sent), dead (given up)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        return read(this, (f) => [
          ['pending', f.pending],
          ['due', f.due],
          ['dead', f.dead],
        ]);
      },
    });
    new Gauge({
      name: 'oncegate_outbox_oldest_age_seconds',
      help: 'How long the oldest delivery in a state has waited (state="pending": the oldest undelivered one; 0 when none)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        return read(this, (f) => [['pending', f.oldestPendingAgeSeconds]]);
      },
    });
  }
}

type OutboxFigures = Awaited<ReturnType<OutboxBacklog['read']>>;
