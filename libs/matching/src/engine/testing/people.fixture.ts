import { parseMatchSpec } from '../../spec/match-spec';
import { seededRandom } from '../random';

/** A small person spec for engine tests: name (with pinyin), date of birth, city. */
export const PEOPLE_SPEC = parseMatchSpec({
  id: 'id',
  fields: [
    { name: 'name', type: 'personName' },
    { name: 'born', type: 'date' },
    { name: 'city', type: 'text' },
  ],
  blocking: [['name.pinyin'], ['born']],
  comparisons: [
    { field: 'name', method: 'name', termFrequency: true },
    { field: 'born', method: 'date' },
    { field: 'city', method: 'exact' },
  ],
  thresholds: { link: 0.95, review: 0.5 },
  em: { randomPairs: 20_000 },
});

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'];
const CITIES = ['长兴', '安吉', '德清', '吴兴', '南浔'];

export interface SyntheticPerson {
  id: string;
  name: string;
  /** `YYYY-0M-0D`: month and day are 1–9, so a day/month swap is still a date. */
  born: string;
  city: string;
  year: number;
  month: number;
  day: number;
}

/** `n` people with three-character names from a small stock (so names repeat), seeded. */
export function syntheticPeople(n: number, seed: number): SyntheticPerson[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: n }, (_, k) => {
    const year = 1950 + Math.floor(random() * 50);
    const month = 1 + Math.floor(random() * 9);
    const day = 1 + Math.floor(random() * 9);
    return {
      id: `p${k}`,
      name: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
      born: `${year}-0${month}-0${day}`,
      city: pick(CITIES),
      year,
      month,
      day,
    };
  });
}

/** The record columns of a synthetic person. */
export function personRow(p: SyntheticPerson): Record<string, string> {
  return { id: p.id, name: p.name, born: p.born, city: p.city };
}
