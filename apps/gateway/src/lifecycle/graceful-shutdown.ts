import type { Server } from 'node:http';
import {
  Injectable,
  type BeforeApplicationShutdown,
  type NestMiddleware,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { DeliveryWorker } from '../applications/delivery.worker';
import { AuditAnchorer } from '../audit/audit-anchorer';
import { ChangeFeed } from '../changes/change-feed';
import { ChangeNotifier } from '../changes/change-notifier';
import { GatewayConfig } from '../config/gateway.config';
import { SyncWorker } from '../sync/sync.worker';

/** Whether this process is shutting down: readiness answers 503 from the first moment. */
@Injectable()
export class ShutdownState {
  draining = false;
  /** HTTP requests being answered now. */
  inFlight = 0;
}

/**
 * Counts the requests in flight, and while draining asks every client to
 * close its keep-alive connection after the answer, so that its next request
 * goes to another replica.
 */
@Injectable()
export class InFlightRequests implements NestMiddleware {
  constructor(private readonly state: ShutdownState) {}

  use(_req: Request, res: Response, next: NextFunction): void {
    this.state.inFlight += 1;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      this.state.inFlight -= 1;
    };
    res.once('finish', finished);
    res.once('close', finished);
    if (this.state.draining) res.setHeader('Connection', 'close');
    next();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The order of a graceful stop (SIGTERM from Kubernetes or compose, or
 * `app.close()`), before Nest's own hooks close the database:
 *
 * 1. readiness answers 503 (`/health/ready`), so the load balancer stops
 *    sending; after `SHUTDOWN_DELAY_MS` the server stops accepting
 *    connections;
 * 2. requests in flight are answered (at most `SHUTDOWN_TIMEOUT_MS`, then
 *    the remaining connections are closed);
 * 3. subscriptions end, and the workers stop taking work: deliveries being
 *    sent finish and this process's leases are given back, a running sync
 *    finishes, claimed change notices are released;
 * 4. the audit trail's last batch is written and the head signed once more.
 *
 * Each step runs once, whichever way the stop began.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private running: Promise<void> | null = null;

  constructor(
    private readonly state: ShutdownState,
    private readonly config: GatewayConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly modules: ModuleRef,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(GracefulShutdown.name);
  }

  /** Runs the stop once; later calls wait for the same one. */
  run(signal?: string): Promise<void> {
    this.running ??= this.steps(signal);
    return this.running;
  }

  beforeApplicationShutdown(signal?: string): Promise<void> {
    return this.run(signal);
  }

  private async steps(signal: string | undefined): Promise<void> {
    const started = Date.now();
    this.state.draining = true;
    this.logger.info({ signal }, 'shutting down: readiness now 503');
    if (this.config.shutdown.delayMs > 0) await sleep(this.config.shutdown.delayMs);
    const unanswered = await this.closeHttp();
    const optional = <T>(type: Type<T>): T | null => {
      try {
        return this.modules.get(type, { strict: false });
      } catch {
        return null;
      }
    };
    await Promise.allSettled([
      optional(ChangeFeed)?.stop(),
      optional(DeliveryWorker)?.stop(),
      optional(SyncWorker)?.stop(),
      optional(ChangeNotifier)?.stop(),
    ]);
    await optional(AuditAnchorer)?.finish();
    this.logger.info(
      { ms: Date.now() - started, unanswered },
      'stopped: requests answered, work handed back, audit trail written',
    );
  }

  /** Stops accepting connections and waits for the requests in flight; returns how many were cut off. */
  private async closeHttp(): Promise<number> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return 0;
    server.close();
    const deadline = Date.now() + this.config.shutdown.timeoutMs;
    while (this.state.inFlight > 0 && Date.now() < deadline) {
      server.closeIdleConnections();
      await sleep(50);
    }
    server.closeIdleConnections();
    const cut = this.state.inFlight;
    if (cut > 0) {
      this.logger.warn(
        { requests: cut },
        'shutdown timeout: closing connections with requests unanswered',
      );
      server.closeAllConnections();
    }
    return cut;
  }
}
