import 'reflect-metadata';
import { Command } from 'commander';
import { buildCli } from './cli';

/** `oncegate` — administration commands that need no running gateway. */
buildCli(new Command())
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`oncegate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
