import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MatchingError, MatchingErrorCode } from '../matching.errors';
import { parseMatchSpec } from './match-spec';

const minimal = {
  id: 'id',
  fields: [
    { name: 'name', type: 'personName' },
    { name: 'uscc', type: 'uscc' },
    { name: 'born', type: 'date' },
  ],
  blocking: [['name.pinyin', 'born.year'], ['uscc']],
  comparisons: [
    { field: 'name', method: 'name', termFrequency: true },
    { field: 'uscc', method: 'identifier' },
  ],
  thresholds: { link: 0.95, review: 0.5 },
};

function problems(spec: unknown): readonly string[] {
  try {
    parseMatchSpec(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(MatchingError);
    expect((error as MatchingError).code).toBe(MatchingErrorCode.INVALID_SPEC);
    return (error as MatchingError).problems;
  }
  throw new Error('the spec was accepted');
}

describe('parseMatchSpec', () => {
  it('accepts a valid spec and returns it', () => {
    expect(parseMatchSpec(minimal)).toEqual(minimal);
  });

  it('accepts the shipped specs', () => {
    for (const file of ['febrl.json', 'department-records.json']) {
      const json: unknown = JSON.parse(
        readFileSync(join(__dirname, '..', '..', 'specs', file), 'utf8'),
      );
      expect(() => parseMatchSpec(json)).not.toThrow();
    }
  });

  it('names a missing member and an unknown one', () => {
    const { thresholds: _dropped, ...rest } = minimal;
    expect(problems({ ...rest, colour: 'red' })).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must have required property 'thresholds'"),
        expect.stringContaining('colour'),
      ]),
    );
  });

  it('refuses a method that does not fit the field type', () => {
    expect(
      problems({ ...minimal, comparisons: [{ field: 'born', method: 'jaroWinkler' }] }),
    ).toEqual([expect.stringContaining('method jaroWinkler does not apply to date field born')]);
  });

  it('refuses unknown fields and transforms in blocking', () => {
    const found = problems({
      ...minimal,
      blocking: [['nobody'], ['born.pinyin'], ['name.sorted']],
    });
    expect(found).toEqual([
      expect.stringContaining('unknown key nobody'),
      expect.stringContaining('pinyin does not apply to date field born'),
      expect.stringContaining('unknown transform sorted'),
    ]);
  });

  it('refuses thresholds out of order and review above link', () => {
    const found = problems({
      ...minimal,
      comparisons: [
        { field: 'name', method: 'name', thresholds: [0.8, 0.9] },
        { field: 'uscc', method: 'identifier', thresholds: [1] },
      ],
      thresholds: { link: 0.5, review: 0.9 },
    });
    expect(found).toEqual([
      expect.stringContaining('descending'),
      expect.stringContaining('takes no thresholds'),
      'thresholds: review must not be above link',
    ]);
  });

  it('refuses a cannot-link rule on the wrong field type', () => {
    expect(
      problems({ ...minimal, cannotLink: [{ field: 'name', rule: 'differentValidIdentifiers' }] }),
    ).toEqual([expect.stringContaining('needs a residentId or uscc field')]);
  });

  it('refuses two comparisons with one name', () => {
    expect(
      problems({
        ...minimal,
        comparisons: [
          { field: 'name', method: 'name' },
          { field: 'name', method: 'exact' },
        ],
      }),
    ).toEqual([expect.stringContaining('the name name is used twice')]);
  });
});
