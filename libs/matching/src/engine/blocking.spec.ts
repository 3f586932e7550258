import { parseMatchSpec } from '../spec/match-spec';
import { blockingRecall, blockRecords } from './blocking';
import { prepareRecords } from './prepare';

const spec = parseMatchSpec({
  id: 'id',
  fields: [
    { name: 'name', type: 'personName' },
    { name: 'born', type: 'date' },
    { name: 'code', type: 'identifier' },
  ],
  blocking: [['code'], ['name.pinyin', 'born.year']],
  comparisons: [{ field: 'name', method: 'name' }],
  thresholds: { link: 0.9, review: 0.5 },
});

const rows = [
  { id: 'a', name: '王伟', born: '1980-01-02', code: 'X1' },
  { id: 'b', name: '王玮', born: '1980-05-06', code: 'X1' },
  { id: 'c', name: '王伟', born: '1980-01-02', code: '' },
  { id: 'd', name: '李娜', born: '1990-01-01', code: 'X2' },
  { id: 'e', name: '李娜', born: '', code: 'X2' },
];

function pairs(result: ReturnType<typeof blockRecords>): string[] {
  const ids = rows.map((r) => r.id);
  return Array.from(
    { length: result.pairs.count },
    (_, k) => `${ids[result.pairs.left[k]]}${ids[result.pairs.right[k]]}`,
  );
}

describe('blockRecords', () => {
  const records = prepareRecords(spec, [rows]);

  it('makes each pair once, from the first rule that blocks it', () => {
    const result = blockRecords(records, spec);
    // code: ab, de. pinyin+year: ab (already made), ac, bc.
    expect(pairs(result).sort()).toEqual(['ab', 'ac', 'bc', 'de']);
    expect(result.rules.map((r) => r.pairs)).toEqual([2, 2]);
  });

  it('skips blocks over the size cap and reports them', () => {
    const result = blockRecords(records, { ...spec, maxBlockSize: 2 });
    expect(pairs(result).sort()).toEqual(['ab', 'de']);
    expect(result.rules[1]).toMatchObject({ oversizedBlocks: 1, recordsInOversizedBlocks: 3 });
  });

  it('in link mode pairs only records from different inputs', () => {
    const linked = prepareRecords(spec, [rows.slice(0, 2), rows.slice(2)]);
    const result = blockRecords(linked, spec, 'link');
    expect(pairs(result).sort()).toEqual(['ac', 'bc']);
  });

  it('measures blocking recall against truth', () => {
    const result = blockRecords(records, spec);
    // a, c, e are one entity: ac is a candidate, ae and ce are not.
    expect(blockingRecall(result.pairs, ['p', 'q', 'p', 'r', 'p'], rows.length)).toEqual({
      truePairs: 3,
      found: 1,
      recall: 1 / 3,
    });
  });
});
