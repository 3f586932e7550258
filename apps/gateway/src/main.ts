import 'reflect-metadata';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { describeDatabase } from '@oncegate/registry';
import { DemoApplication } from './applications/demo-application';
import { createGateway } from './bootstrap';
import { ConfigValidationError, GatewayConfig } from './config/gateway.config';

async function main(): Promise<void> {
  const config = GatewayConfig.fromProcessEnv();
  const app = await createGateway(config);
  // The demo (`npm start` with every department simulated): one construction application, delivered.
  await app.get(DemoApplication).submitIfAbsent();
  await app.listen(config.port, config.host);
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
