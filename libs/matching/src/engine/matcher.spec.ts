import { matchRecords, PAIR_DECISIONS, probabilityOf } from './matcher';
import { seededRandom } from './random';
import { personRow, PEOPLE_SPEC as spec, syntheticPeople } from './testing/people.fixture';

/** Two registers of the same 300 people: the second with some homophone and date typos. */
function registers() {
  const people = syntheticPeople(300, 42);
  const random = seededRandom(43);
  const first = people.map(personRow);
  const second = people.map((p) => {
    const typo = random();
    return {
      ...personRow(p),
      name: typo < 0.1 ? p.name.replace('伟', '玮') : p.name,
      // Day and month swapped, as clerks do.
      born: typo > 0.9 ? `${p.year}-0${p.day}-0${p.month}` : p.born,
    };
  });
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
