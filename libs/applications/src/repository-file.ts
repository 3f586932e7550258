import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A file of the repository (`contracts/procedures.json`), found by walking up
 * from this module's directory: the same answer under jest (`libs/…/src`) and
 * from the build (`dist/libs/…/src`). The registry has the same helper; a pure
 * library may not import it, and this one is four lines.
 */
export function findRepositoryFile(relative: string, from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${relative} not found above ${from}`);
    dir = parent;
  }
}
