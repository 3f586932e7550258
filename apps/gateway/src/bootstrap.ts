import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RegistryMigrator } from '@oncegate/registry';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { GatewayConfig } from './config/gateway.config';
import { DemoConsumers } from './demo/demo-consumers';
import { DemoSeeder } from './demo/demo-seeder';

/**
 * Builds a ready gateway: migrated database, demo data when asked for, JSON
 * logs. Shared by `main.ts` and the e2e tests so that both run the same boot.
 */
export async function createGateway(config: GatewayConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  // Request bodies beyond the limit are refused before they are parsed (413).
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.useLogger(app.get(PinoLogger));
  // No enableShutdownHooks: main.ts stops on signals in its own order (GracefulShutdown).
  const logger = new Logger('Boot');
  if (config.migrateOnBoot) {
    const applied = await app.get(RegistryMigrator).migrate();
    if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
  if (config.demoSeed) {
    const seeded = await app.get(DemoSeeder).seedIfEmpty();
    if (seeded > 0) logger.log(`Seeded ${seeded} demo applicants`);
    await app.get(DemoConsumers).ensureKeys();
  }
  return app;
}
