import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { DepartmentSystem } from '@oncegate/demo';
import { FaultInjector, type FaultConfig } from './fault-injector';
import { SubmissionLedger } from './submission-ledger';

/** One simulated department system: its express app with faults and admin routes in front. */
export interface Simulator {
  readonly department: DepartmentSystem;
  readonly app: Express;
  readonly faults: FaultInjector;
  /** What the department accepted through its submission operation (`GET /__admin/submissions`). */
  readonly submissions: SubmissionLedger;
}

/**
 * Wraps a department's routes: admin routes first (never faulted), then the
 * fault middleware, then the department itself, which records the
 * submissions it accepts in `submissions`.
 */
export function createSimulator(
  department: DepartmentSystem,
  mountRoutes: (app: Express) => void,
  faults: Partial<FaultConfig> = {},
  submissions: SubmissionLedger = new SubmissionLedger(),
): Simulator {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const injector = new FaultInjector(faults);
  app.use(injector.adminRouter());
  app.use(submissions.adminRouter(department));
  app.use(injector.middleware());
  mountRoutes(app);
  return { department, app, faults: injector, submissions };
}

export interface RunningSimulator {
  readonly simulator: Simulator;
  readonly url: string;
  close(): Promise<void>;
}

/** Listens on `port` (0 for any free one) on 127.0.0.1 unless another host is given. */
export function startSimulator(
  simulator: Simulator,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningSimulator> {
  return new Promise((resolve, reject) => {
    const server: Server = simulator.app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      resolve({
        simulator,
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            simulator.faults.releaseHanging();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
