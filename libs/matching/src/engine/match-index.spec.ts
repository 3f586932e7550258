import { MatchIndex } from './match-index';
import { matchRecords } from './matcher';
import { personRow, PEOPLE_SPEC as spec, syntheticPeople } from './testing/people.fixture';

function people(n: number, seed: number) {
  return syntheticPeople(n, seed).map(personRow);
}

describe('MatchIndex', () => {
  const known = people(400, 9);
  // Parameters learned once over the known records and a second register of them.
  const parameters = matchRecords(spec, [known, known.map((p) => ({ ...p, id: `${p.id}b` }))], {
    mode: 'link',
  }).parameters;
  const index = MatchIndex.build(spec, parameters, known);

  it('finds the known record a new one is, first', () => {
    let found = 0;
    for (const person of known.slice(0, 100)) {
      const [best] = index.query({ ...person, id: 'new', name: person.name.replace('伟', '玮') });
      if (best?.id === person.id) found++;
    }
    expect(found).toBeGreaterThanOrEqual(98);
  });

  it('links a certain match and leaves a stranger alone', () => {
    const person = known[7];
    expect(index.query({ ...person, id: 'new' })[0]).toMatchObject({
      id: person.id,
      decision: 'LINK',
    });
    expect(index.query({ id: 'new', name: '欧阳修', born: '1007-08-01', city: '庐陵' })).toEqual(
      [],
    );
  });

  it('answers each query on its own: an earlier query leaves no trace', () => {
    const a = index.query({ ...known[3], id: 'q1' });
    index.query({ ...known[4], id: 'q2' });
    expect(index.query({ ...known[3], id: 'q1' })).toEqual(a);
    expect(index.size).toBe(400);
  });

  it('finds a record added after the build, and follows it when it is replaced', () => {
    const grown = MatchIndex.build(spec, parameters, known.slice(0, 200));
    const person = known[300];
    expect(grown.query({ ...person, id: 'q' })).toEqual([]);
    const at = grown.add(person);
    expect(grown.size).toBe(201);
    expect(grown.positionOf(person.id)).toBe(at);
    expect(grown.query({ ...person, id: 'q' })[0]).toMatchObject({ id: person.id, index: at });
    // Replaced by someone else entirely: the old values no longer find it.
    const stranger = { id: person.id, name: '欧阳修', born: '1007-08-01', city: '庐陵' };
    expect(grown.add(stranger)).toBe(at);
    expect(grown.size).toBe(201);
    expect(grown.query({ ...person, id: 'q' })).toEqual([]);
    expect(grown.query({ ...stranger, id: 'q' })[0]).toMatchObject({ id: person.id });
  });

  it('explains a match against the record last queried, as its weight says', () => {
    const [best] = index.query({ ...known[11], id: 'q' });
    const explanation = index.explain(best.index);
    expect(explanation.weight).toBeCloseTo(best.weight, 9);
    expect(explanation.decision).toBe(best.decision);
    expect(explanation.evidence.length).toBe(spec.comparisons.length);
  });
});
