import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_CONSTRUCTION_PROCEDURES,
  demoConstructionItems,
  type DepartmentSystem,
} from '@oncegate/demo';

/** Every procedure of the demo construction application (stage one and the registrations). */
export const ALL_PROCEDURES = [...DEMO_CONSTRUCTION_PROCEDURES];

/** The cases each application of ALL_PROCEDURES opens at each department. */
export const CASES_PER_APPLICATION: Readonly<Record<DepartmentSystem, number>> = {
  'project-approval': 1,
  'land-planning': 2,
  tax: 1,
  'social-insurance': 1,
};

/** What the applicant types, as `submitApplication` items: every item OnceGate cannot know. */
export function typedItems(): { id: string; value: string }[] {
  return Object.entries(demoConstructionItems()).map(([id, value]) => ({ id, value }));
}

/** The shipped matcher spec with some settings replaced, written into `dir` as `name`. */
export function specFileWith(
  dir: string,
  name: string,
  overrides: Record<string, unknown>,
): string {
  const shipped = JSON.parse(
    readFileSync(
      join(__dirname, '..', '..', 'libs', 'matching', 'specs', 'department-records.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ ...shipped, ...overrides }));
  return file;
}

/**
 * The shipped matcher spec with fewer random pairs for the matcher's weights,
 * written into `dir`: a small county needs no more, and the tests run faster.
 */
export function smallCountySpecFile(dir: string): string {
  return specFileWith(dir, 'spec.json', { em: { randomPairs: 100_000 } });
}
