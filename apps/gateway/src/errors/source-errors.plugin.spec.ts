import { collapseSourceErrors } from './source-errors.plugin';

describe('collapseSourceErrors', () => {
  it('keeps one error per department and failure, listing every path', () => {
    const tax = (i: number) => ({
      message: 'tax is unavailable: ECONNREFUSED',
      path: ['searchApplicants', i, 'tax'],
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'tax' },
    });
    const land = {
      message: 'land-planning did not answer',
      path: ['a', 'landParcels'],
      extensions: { code: 'SOURCE_TIMEOUT', source: 'land-planning' },
    };
    const other = { message: 'bad', extensions: { code: 'BAD_USER_INPUT' } };
    const out = collapseSourceErrors([tax(0), land, tax(1), other, tax(2)]);
    expect(out).toEqual([
      {
        ...tax(0),
        extensions: { ...tax(0).extensions, paths: [tax(0).path, tax(1).path, tax(2).path] },
      },
      { ...land, extensions: { ...land.extensions, paths: [land.path] } },
      other,
    ]);
  });

  it('keeps different failures of one department apart', () => {
    const a = { message: 'x', path: ['a'], extensions: { code: 'SOURCE_TIMEOUT', source: 'tax' } };
    const b = {
      message: 'y',
      path: ['b'],
      extensions: { code: 'SOURCE_INVALID_RESPONSE', source: 'tax' },
    };
    expect(collapseSourceErrors([a, b])).toHaveLength(2);
  });
});
