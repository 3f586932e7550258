import 'reflect-metadata';
import { resolve } from 'node:path';
import { Logger, type INestApplication } from '@nestjs/common';
import { describeDatabase } from '@oncegate/registry';
import { DemoApplication } from './applications/demo-application';
import { createGateway } from './bootstrap';
import { GracefulShutdown } from './lifecycle/graceful-shutdown';
import { ConfigValidationError, GatewayConfig } from './config/gateway.config';
import { startTracing } from './tracing/tracing';

async function main(): Promise<void> {
  const config = GatewayConfig.fromProcessEnv();
  startTracing(config); // OTEL_TRACES_EXPORTER=otlp only; flushed when the app closes
  const app = await createGateway(config);
  // The demo (`npm start` with every department simulated): one construction application, delivered.
  await app.get(DemoApplication).submitIfAbsent();
  await app.listen(config.port, config.host);
  stopOnSignals(app, config);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shown}:${config.port}`;
  const logger = new Logger('OnceGate');
  logger.log(`Database: ${describeDatabase(config.databaseUrl)}`);
  logger.log(`GraphQL endpoint: ${url}/graphql`);
  // Also on stdout as plain text: the one line a newcomer looks for.
  process.stdout.write(
    `\nOnceGate is running. GraphiQL: ${url}/graphql   Health: ${url}/health\n` +
      (config.demoSeed
        ? `Demo API keys, one per role: ${resolve(config.demoKeysFile)} (send one as "Authorization: Bearer <key>" with "X-Purpose: ONE_STOP_SERVICE")\n\n`
        : '\n'),
  );
}

/**
 * SIGTERM (Kubernetes, compose) or SIGINT (Ctrl-C): a graceful stop — see
 * GracefulShutdown — then Nest's hooks close the rest and the database. A
 * second signal, or a stop that overruns its budget, ends the process at once.
 */
function stopOnSignals(app: INestApplication, config: GatewayConfig): void {
  const logger = new Logger('OnceGate');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    const budget = config.shutdown.delayMs + config.shutdown.timeoutMs + 30_000;
    setTimeout(() => {
      logger.error(`shutdown took more than ${budget} ms: exiting`);
      process.exit(1);
    }, budget).unref();
    app
      .get(GracefulShutdown)
      .run(signal)
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(
            `shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `OnceGate failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
