import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's `contracts/departments` folder, found by walking up from
 * this file, so it is the same from `libs/…` under ts-node/jest and from
 * `dist/libs/…` after a build.
 */
export function departmentContractsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'contracts', 'departments');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('contracts/departments not found above ' + __dirname);
    dir = parent;
  }
}

export function departmentContract(file: string): string {
  return join(departmentContractsDir(), file);
}
