import { parseMatchSpec } from '../spec/match-spec';
import { matchRecords, PAIR_DECISIONS, probabilityOf } from './matcher';
import { seededRandom } from './random';

const spec = parseMatchSpec({
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

/** Two registers of the same 300 people: the second with some homophone and date typos. */
function registers() {
  const random = seededRandom(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const first: Record<string, string>[] = [];
  const second: Record<string, string>[] = [];
  for (let k = 0; k < 300; k++) {
    const name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
    const year = 1950 + Math.floor(random() * 50);
    const month = 1 + Math.floor(random() * 9);
    const day = 1 + Math.floor(random() * 9);
    const born = `${year}-0${month}-0${day}`;
    const city = pick(CITIES);
    first.push({ id: `p${k}`, name, born, city });
    const typo = random();
    second.push({
      id: `p${k}`,
      name: typo < 0.1 ? name.replace('伟', '玮') : name,
      born: typo > 0.9 ? `${year}-0${day}-0${month}` : born,
      city,
    });
  }
  return { first, second };
}

describe('matchRecords', () => {
  const { first, second } = registers();
  const run = matchRecords(spec, [first, second], { mode: 'link' });

  it('in link mode makes only pairs across the inputs', () => {
    for (let p = 0; p < run.pairs.count; p++)
      expect(run.records.source[run.pairs.left[p]]).not.toBe(
        run.records.source[run.pairs.right[p]],
      );
  });

  it('links each person to their own record in the other register', () => {
    let right = 0;
    for (let k = 0; k < 300; k++) if (run.clusterOf[k] === run.clusterOf[300 + k]) right++;
    expect(right).toBeGreaterThan(290);
  });

  it('explains each pair: the prior plus the comparisons make its weight and probability', () => {
    for (let p = 0; p < Math.min(run.pairs.count, 50); p++) {
      const e = run.explain(p);
      const total = e.prior + e.evidence.reduce((s, x) => s + x.weight, 0);
      expect(e.weight).toBeCloseTo(total, 9);
      expect(e.probability).toBeCloseTo(probabilityOf(total), 12);
      expect(e.weight).toBeCloseTo(run.pairs.weight[p], 9);
      expect(PAIR_DECISIONS).toContain(e.decision);
      expect(e.evidence.map((x) => x.comparison)).toEqual(['name', 'born', 'city']);
    }
  });

  it('decides by the thresholds', () => {
    for (let p = 0; p < run.pairs.count; p++) {
      const probability = run.pairs.probability[p];
      const decision = PAIR_DECISIONS[run.pairs.decision[p]];
      if (probability >= 0.95) expect(['LINK', 'CANNOT_LINK']).toContain(decision);
      else if (probability >= 0.5) expect(decision).toBe('REVIEW');
      else expect(decision).toBe('NO_LINK');
    }
  });

  it('is deterministic: the same input gives the same clusters and weights', () => {
    const again = matchRecords(spec, [first, second], { mode: 'link' });
    expect(Array.from(again.clusterOf)).toEqual(Array.from(run.clusterOf));
    expect(Array.from(again.pairs.weight)).toEqual(Array.from(run.pairs.weight));
  });
});
