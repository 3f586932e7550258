import { addYears, dayFromYmd, dayOf } from './calendar';
import type { DemoApplicant, DemoOptions } from './demo.types';
import { generateEnterprises, type GeneratedEnterprise } from './enterprise.generator';
import { GenerationContext } from './generation-context';
import { generatePersons, type GeneratedPerson } from './person.generator';
import { Random } from './random';

export const DEMO_DEFAULTS = Object.freeze({
  seed: 20261125,
  persons: 240,
  enterprises: 120,
  /** Fixed, so that the same options always give the same applicants. */
  now: '2026-11-01T00:00:00Z',
});

const EARLIEST_BIRTH = dayFromYmd(1940, 1, 1);
const LATEST_BIRTH = dayFromYmd(2006, 12, 31);

/**
 * Realistic, deterministic demo applicants: persons first, then enterprises.
 * The same options always give deep-equal output; nothing reads the clock or
 * `Math.random`.
 */
export function generateDemoApplicants(options: DemoOptions = {}): DemoApplicant[] {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  const personCount = countOption('persons', options.persons ?? DEMO_DEFAULTS.persons);
  const enterpriseCount = countOption(
    'enterprises',
    options.enterprises ?? DEMO_DEFAULTS.enterprises,
  );
  const now = new Date((options.now ?? new Date(DEMO_DEFAULTS.now)).getTime());
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');

  // Everyone is an adult (18 or older) and born between 1940 and 2006.
  const latestBirth = Math.min(LATEST_BIRTH, addYears(dayOf(now), -18));
  if (latestBirth < EARLIEST_BIRTH) {
    throw new RangeError('now must be 1958-01-01 or later, so that adults born from 1940 exist');
  }
  const context = new GenerationContext(now, { from: EARLIEST_BIRTH, to: latestBirth });

  // Independent streams: adding enterprises never changes who the persons are.
  const persons = generatePersons(Random.derive(seed, 'persons'), context, personCount);
  const enterprises = generateEnterprises(
    Random.derive(seed, 'enterprises'),
    context,
    enterpriseCount,
    persons,
  );
  linkEmployers(Random.derive(seed, 'employers'), persons, enterprises);
  return [...persons.map((p) => p.applicant), ...enterprises.map((e) => e.applicant)];
}

function countOption(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number, 0 or more`);
  }
  return value;
}

/**
 * 在职 persons in social insurance are often insured through a demo employer
 * in their county (one that existed when the person's record was seen), so the
 * data shows person–enterprise links beyond legal representatives. The
 * employer's `insured_count` is raised when it would be below its linked staff.
 */
function linkEmployers(
  rng: Random,
  persons: readonly GeneratedPerson[],
  enterprises: readonly GeneratedEnterprise[],
): void {
  const employersByCounty = new Map<string, GeneratedEnterprise[]>();
  for (const enterprise of enterprises) {
    if (!enterprise.socialInsurance) continue;
    const list = employersByCounty.get(enterprise.county.code) ?? [];
    list.push(enterprise);
    employersByCounty.set(enterprise.county.code, list);
  }
  const staff = new Map<GeneratedEnterprise, number>();
  for (const person of persons) {
    const record = person.socialInsurance;
    if (!record || person.personCategory !== '在职' || !rng.chance(0.6)) continue;
    const seenDay = dayOf(record.observedAt);
    const possible = (employersByCounty.get(person.county.code) ?? []).filter(
      (e) => e.establishedDay < seenDay,
    );
    if (possible.length === 0) continue;
    const employer = rng.pick(possible);
    record.rawPayload.employer_uscc = employer.uscc;
    record.rawPayload.employer_name = employer.applicant.name;
    record.normalized.employerUscc = employer.uscc;
    staff.set(employer, (staff.get(employer) ?? 0) + 1);
  }
  for (const [employer, count] of staff) {
    const record = employer.socialInsurance;
    if (!record) continue;
    const insured = Math.max(Number(record.rawPayload.insured_count), count);
    record.rawPayload.insured_count = insured;
    record.normalized.insuredCount = insured;
  }
}
