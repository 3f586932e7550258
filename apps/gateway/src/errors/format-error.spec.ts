import { GraphQLError } from 'graphql';
import { RegistryError, RegistryErrorCode } from '@oncegate/registry';
import { formatGatewayError, isExpectedError } from './format-error';
import { GatewayError, GatewayErrorCode } from './gateway-error';

const formatted = (message: string, code?: string) => ({
  message,
  path: ['q'],
  extensions: code ? { code } : {},
});

describe('formatGatewayError', () => {
  it('keeps the message and extensions of a gateway error', () => {
    const error = new GatewayError(GatewayErrorCode.INVALID_IDENTIFIER, 'bad', {
      reason: 'LENGTH',
    });
    expect(
      formatGatewayError(
        formatted('bad'),
        new GraphQLError('bad', { originalError: error, path: ['q'] }),
      ),
    ).toEqual({
      message: 'bad',
      path: ['q'],
      locations: undefined,
      extensions: { code: 'INVALID_IDENTIFIER', reason: 'LENGTH' },
    });
  });

  it('maps registry codes to stable GraphQL codes', () => {
    const error = new RegistryError(RegistryErrorCode.DUPLICATE_IDENTIFIER, 'already registered');
    expect(formatGatewayError(formatted('x'), error).extensions).toEqual({ code: 'CONFLICT' });
    expect(isExpectedError(error)).toBe(true);
  });

  it('hides the message of a registry error that is ours, not the caller’s', () => {
    const error = new RegistryError(RegistryErrorCode.BROKEN_MERGE_CHAIN, 'cycle at applicant 42');
    const out = formatGatewayError(formatted('cycle at applicant 42'), error);
    expect(out).toMatchObject({
      message: 'Internal error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(isExpectedError(error)).toBe(false);
  });

  it('turns anything unexpected into INTERNAL_SERVER_ERROR without its message', () => {
    const error = new Error("ER_NO_SUCH_TABLE: Table 'oncegate.applicants' doesn't exist");
    const out = formatGatewayError(formatted(error.message, 'INTERNAL_SERVER_ERROR'), error);
    expect(out).toEqual({
      message: 'Internal error',
      path: ['q'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(isExpectedError(error)).toBe(false);
  });

  it('passes request errors of Apollo through with their code', () => {
    const out = formatGatewayError(
      formatted('Syntax Error: Expected Name', 'GRAPHQL_PARSE_FAILED'),
      new Error('x'),
    );
    expect(out).toMatchObject({
      message: 'Syntax Error: Expected Name',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });
});
