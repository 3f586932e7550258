import { consumerInputProblems } from './consumer-input';

describe('consumerInputProblems', () => {
  it('accepts each role with a sensible department', () => {
    expect(
      consumerInputProblems({ name: 'tax-core', roles: ['department'], department: 'tax' }),
    ).toEqual([]);
    expect(
      consumerInputProblems({ name: 'portal', roles: ['eservice'], department: null }),
    ).toEqual([]);
    expect(
      consumerInputProblems({
        name: 'audit-office',
        roles: ['auditor', 'steward'],
        department: null,
      }),
    ).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(
      consumerInputProblems({
        name: 'Tax System',
        roles: ['department', 'root', 'department'],
        department: null,
      }),
    ).toEqual([
      expect.stringContaining('name must be'),
      expect.stringContaining('unknown role root'),
      'a role is given twice',
      'a consumer with the department role must name its department',
    ]);
    expect(consumerInputProblems({ name: 'x1', roles: [], department: 'police' })).toEqual([
      expect.stringContaining('name must be'),
      'at least one role is needed',
      expect.stringContaining('unknown department police'),
    ]);
  });
});
