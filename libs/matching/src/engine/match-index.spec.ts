import { parseMatchSpec } from '../spec/match-spec';
import { MatchIndex } from './match-index';
import { matchRecords } from './matcher';
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

function people(n: number, seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: n }, (_, k) => ({
    id: `p${k}`,
    name: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
    born: `${1950 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-0${1 + Math.floor(random() * 9)}`,
    city: pick(['长兴', '安吉', '德清']),
  }));
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
});
