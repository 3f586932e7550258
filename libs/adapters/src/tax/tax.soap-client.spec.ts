import { SourceError, SourceErrorCode } from '../shared';
import { toTaxSourceError } from './tax.soap-client';

/** How failures the `soap` package reports become SourceErrors (the live cases run against the simulator). */
describe('toTaxSourceError', () => {
  it('reports a SOAP Fault as an invalid response, with its codes', () => {
    const error = Object.assign(new Error('soap:Client: …'), {
      root: {
        Envelope: {
          Body: {
            Fault: {
              faultcode: 'soap:Client',
              faultstring: '批量查询超过100户上限',
              detail: { TaxServiceFault: { CWDM: '1003', CWXX: '批量查询超过100户上限' } },
            },
          },
        },
      },
      response: { status: 500 },
    });
    const mapped = toTaxSourceError(error);
    expect(mapped).toMatchObject({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE, source: 'tax' });
    expect(mapped.message).toContain('soap:Client (CWDM 1003)');
  });

  it('reports HTTP 5xx without a Fault as unavailable', () => {
    const error = { Fault: { faultstring: 'Invalid XML' }, response: { status: 503 } };
    expect(toTaxSourceError(error)).toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('HTTP 503') as unknown,
    });
  });

  it('reports a network failure as unavailable, naming its code', () => {
    const error = Object.assign(new Error('socket hang up'), {
      isAxiosError: true,
      code: 'ECONNRESET',
    });
    expect(toTaxSourceError(error)).toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
      message: expect.stringContaining('ECONNRESET') as unknown,
    });
  });

  it('reports XML that does not parse, and other answers, as invalid', () => {
    expect(
      toTaxSourceError({ Fault: { faultstring: 'Invalid XML' }, response: { status: 200 } }),
    ).toMatchObject({
      code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
      message: expect.stringContaining('not well-formed XML') as unknown,
    });
    expect(toTaxSourceError({ response: { status: 404 } }).message).toContain('HTTP 404');
    expect(toTaxSourceError(new Error('Cannot parse response')).code).toBe(
      SourceErrorCode.SOURCE_INVALID_RESPONSE,
    );
  });

  it('passes a SourceError through', () => {
    const error = SourceError.unavailable('tax', 'x');
    expect(toTaxSourceError(error)).toBe(error);
  });
});
