import 'reflect-metadata';
import { Command } from 'commander';
import { runDeptSim } from './dept-sim';

runDeptSim(new Command(), process.argv).catch((error: unknown) => {
  process.stderr.write(`dept-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
