import { Command } from 'commander';
import { buildCli } from '../cli';

/** Runs `oncegate <args>` in-process against `databaseUrl` and returns what it printed. */
export async function runCli(databaseUrl: string, ...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await buildCli(new Command().exitOverride(), (l) => lines.push(l)).parseAsync(
    ['--database-url', databaseUrl, ...args],
    { from: 'user' },
  );
  return lines;
}
