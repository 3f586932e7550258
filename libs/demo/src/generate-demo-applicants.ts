import { addYears, dayFromYmd, dayOf } from './calendar';
import type { DemoApplicant, DemoOptions, DemoSourceRecord } from './demo.types';
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
 *
 * The employer is drawn uniformly from the county's employers (in output
 * order) founded before the day the record was seen. Listing those for every
 * person took time persons × employers; instead the draws are made first —
 * they only need how many there are, a binary search — and the chosen ones
 * are then looked up together, day by day, in a Fenwick tree.
 */
function linkEmployers(
  rng: Random,
  persons: readonly GeneratedPerson[],
  enterprises: readonly GeneratedEnterprise[],
): void {
  const employersByCounty = new Map<string, CountyEmployers>();
  for (const enterprise of enterprises) {
    if (!enterprise.socialInsurance) continue;
    let county = employersByCounty.get(enterprise.county.code);
    if (!county) {
      county = new CountyEmployers();
      employersByCounty.set(enterprise.county.code, county);
    }
    county.add(enterprise);
  }
  const draws: EmployerDraw[] = [];
  for (const person of persons) {
    const record = person.socialInsurance;
    if (!record || person.personCategory !== '在职' || !rng.chance(0.6)) continue;
    const county = employersByCounty.get(person.county.code);
    const seenDay = dayOf(record.observedAt);
    const possible = county ? county.countFoundedBefore(seenDay) : 0;
    if (!county || possible === 0) continue;
    // The draw `rng.pick` makes over a list of `possible` employers.
    const draw: EmployerDraw = { record, day: seenDay, rank: Math.floor(rng.next() * possible) };
    county.ask(draw);
    draws.push(draw);
  }
  for (const county of employersByCounty.values()) county.answer();

  const staff = new Map<GeneratedEnterprise, number>();
  for (const { record, employer } of draws) {
    if (!employer) throw new Error('linkEmployers: an employer draw was not answered');
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

/** A person's employer: the one of `rank` (in output order) among those founded before `day`. */
interface EmployerDraw {
  readonly record: DemoSourceRecord;
  readonly day: number;
  readonly rank: number;
  employer?: GeneratedEnterprise;
}

/**
 * One county's employers in output order, answering "the employer of rank r
 * (in output order) among those founded before day d" for many questions at
 * once, in O((employers + questions) · log employers).
 */
class CountyEmployers {
  private readonly employers: GeneratedEnterprise[] = [];
  private sortedDays: number[] | undefined;
  private readonly questions: EmployerDraw[] = [];

  add(employer: GeneratedEnterprise): void {
    this.employers.push(employer);
    this.sortedDays = undefined;
  }

  countFoundedBefore(day: number): number {
    this.sortedDays ??= this.employers.map((e) => e.establishedDay).sort((a, b) => a - b);
    const days = this.sortedDays;
    let low = 0;
    let high = days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (days[middle] < day) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Queues a draw to answer; its `rank` must be below `countFoundedBefore(day)`. */
  ask(draw: EmployerDraw): void {
    this.questions.push(draw);
  }

  /** Sets the `employer` of every queued draw. */
  answer(): void {
    const size = this.employers.length;
    // Positions (in output order) by founding day, and questions by day.
    const byFounding = this.employers.map((_, position) => position);
    byFounding.sort((a, b) => this.employers[a].establishedDay - this.employers[b].establishedDay);
    const questions = [...this.questions].sort((a, b) => a.day - b.day);
    // tree[i] counts the founded employers at positions (i - lowbit(i), i], 1-based.
    const tree = new Int32Array(size + 1);
    let highBit = 1;
    while (highBit * 2 <= size) highBit *= 2;
    let added = 0;
    for (const question of questions) {
      while (added < size && this.employers[byFounding[added]].establishedDay < question.day) {
        for (let i = byFounding[added] + 1; i <= size; i += i & -i) tree[i] += 1;
        added += 1;
      }
      // The smallest position whose prefix count exceeds `rank`.
      let position = 0;
      let remaining = question.rank;
      for (let step = highBit; step > 0; step >>= 1) {
        const next = position + step;
        if (next <= size && tree[next] <= remaining) {
          position = next;
          remaining -= tree[next];
        }
      }
      question.employer = this.employers[position];
    }
    this.questions.length = 0;
  }
}
