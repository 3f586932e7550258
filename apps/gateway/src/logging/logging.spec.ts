import { decodeForMasking, loggerParams, maskLogValue } from './logging';

describe('log masking', () => {
  it('masks resident IDs at any depth of a log object, and in errors', () => {
    const masked = maskLogValue({
      msg: 'lookup 33052219981107375X',
      nested: { ids: ['110105491231002', 'uscc 914403001922038216'] },
      err: new Error('no applicant 11010519491231002X'),
    }) as { msg: string; nested: { ids: string[] }; err: { message: string } };
    expect(masked.msg).toBe('lookup 3305************5X');
    expect(masked.nested.ids).toEqual(['1101*********02', 'uscc 914403001922038216']);
    expect(masked.err.message).toBe('no applicant 1101************2X');
  });

  it('decodes percent-encoded GraphQL GET queries before masking', () => {
    expect(decodeForMasking('/graphql?query=%7B+a(value%3A+%2233052219981107375X%22)')).toBe(
      '/graphql?query={ a(value: "33052219981107375X")',
    );
  });

  it('masks IDs in request URLs through the request serializer', () => {
    const params = loggerParams('info');
    const pinoHttp = params.pinoHttp as { serializers: { req: (r: object) => { url: string } } };
    const out = pinoHttp.serializers.req({
      id: '1',
      method: 'GET',
      url: '/graphql?query=%7B+applicantByIdentifier(scheme%3A+RESIDENT_ID%2C+value%3A+%2233052219981107375X%22)+%7B+id+%7D+%7D',
    });
    expect(out.url).not.toContain('33052219981107375X');
    expect(out.url).toContain('3305************5X');
  });
});
