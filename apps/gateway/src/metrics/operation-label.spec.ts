import { OperationLabels } from './operation-label';

describe('OperationLabels', () => {
  it('keeps plain operation names, and calls a missing one anonymous', () => {
    const labels = new OperationLabels();
    expect(labels.of('ApplicantByIdentifier')).toBe('ApplicantByIdentifier');
    expect(labels.of('_private_2')).toBe('_private_2');
    expect(labels.of(null)).toBe('anonymous');
    expect(labels.of(undefined)).toBe('anonymous');
    expect(labels.of('')).toBe('anonymous');
  });

  it.each([
    ['an identifier', '110105194912310020'],
    ['a USCC', '91340123MA2D5HHA6P'],
    ['a name with spaces', 'get applicant'],
    ['Chinese', '查询申请人'],
    ['65 characters', `Q${'x'.repeat(64)}`],
  ])('calls %s "other"', (_what, name) => {
    expect(new OperationLabels().of(name)).toBe('other');
  });

  it('takes 64 characters', () => {
    const name = `Q${'x'.repeat(63)}`;
    expect(new OperationLabels().of(name)).toBe(name);
  });

  it('stops taking new names at its limit, and keeps the ones it has', () => {
    const labels = new OperationLabels(3);
    expect(['A', 'B', 'C', 'D', 'A', 'C'].map((n) => labels.of(n))).toEqual([
      'A',
      'B',
      'C',
      'other',
      'A',
      'C',
    ]);
  });
});
