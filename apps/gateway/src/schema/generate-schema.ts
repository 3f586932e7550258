import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printGatewaySchema } from './gateway-schema';

/** `--check` fails when contracts/gateway.graphql is not what the code generates. */
async function main(): Promise<void> {
  const target = join(process.cwd(), 'contracts', 'gateway.graphql');
  const sdl = await printGatewaySchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== sdl) {
      process.stderr.write(
        'contracts/gateway.graphql is stale: run `npm run schema:generate` and commit it.\n',
      );
      process.exit(1);
    }
    process.stdout.write('contracts/gateway.graphql is up to date.\n');
    return;
  }
  writeFileSync(target, sdl);
  process.stdout.write(`Wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
