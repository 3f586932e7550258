import { Pool, errors as undiciErrors } from 'undici';
import { WSSecurity, createClientAsync, type Client, type IOptions } from 'soap';
import { SourceError, departmentContract, recordHttpStatus, withTraceHeaders } from '../shared';
import type { TaxConfig } from './tax.config';
import {
  mapSubmissionFault,
  mapTaxFault,
  type TaxChangesRequest,
  type TaxInfoConfirmationRequest,
} from './tax.mapper';

/** The operations of tax.wsdl. */
export type TaxOperation =
  | 'GetTaxpayerInfo'
  | 'BatchGetTaxpayerInfo'
  | 'GetTaxpayerInfoChanges'
  | 'SubmitTaxInfoConfirmation';

/** How a SOAP Fault answering an operation is reported: a submission's refusals are final, a query's faults are ours. */
function faultMapperOf(operation: TaxOperation): (fault: unknown) => SourceError {
  return operation === 'SubmitTaxInfoConfirmation' ? mapSubmissionFault : mapTaxFault;
}

const keepText = (text: string): string => text;

/**
 * Parse options: every leaf stays the text the service sent. The `soap`
 * package would otherwise turn xs:date into a Date (shifting days with a
 * timezone suffix) and decimals into floats before the mapper could check them.
 */
const PARSE_OPTIONS = {
  customDeserializer: Object.fromEntries(
    [
      'date',
      'dateTime',
      'decimal',
      'double',
      'float',
      'int',
      'integer',
      'long',
      'short',
      'boolean',
    ].map((type) => [type, keepText]),
  ),
};

/** What the `soap` package hands its HTTP transport (an axios request config). */
interface SoapHttpRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string | number>;
  readonly data?: string;
  readonly timeout?: number;
  readonly signal?: AbortSignal;
}

/** What the `soap` package reads back from its transport (an axios response). */
interface SoapHttpResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly data: string;
  readonly config: { readonly headers: SoapHttpRequest['headers'] };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof undiciErrors.UndiciError) return error.code;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'network error';
}

type SoapCall = (
  args: unknown,
  options: Record<string, unknown>,
) => Promise<[unknown, ...unknown[]]>;

interface SoapFailure {
  readonly root?: { Envelope?: { Body?: { Fault?: unknown } } };
  readonly response?: { status?: unknown };
  readonly isAxiosError?: boolean;
  readonly code?: unknown;
  readonly Fault?: unknown;
}

/**
 * How a failed SOAP call is reported: a SOAP Fault as `mapFault` says (for
 * a query: our request broke the contract, or the system failed inside —
 * SOURCE_INVALID_RESPONSE; for a submission see `mapSubmissionFault`) and
 * anything unreadable is SOURCE_INVALID_RESPONSE; HTTP 5xx without a Fault
 * and network failures are SOURCE_UNAVAILABLE (worth a retry).
 */
export function toTaxSourceError(
  error: unknown,
  mapFault: (fault: unknown) => SourceError = mapTaxFault,
): SourceError {
  if (error instanceof SourceError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SoapFailure;
  const fault = failure.root?.Envelope?.Body?.Fault;
  if (fault !== undefined && fault !== null) return mapFault(fault);
  const status = typeof failure.response?.status === 'number' ? failure.response.status : null;
  if (status !== null && status >= 500) return SourceError.unavailable('tax', `HTTP ${status}`);
  if (failure.isAxiosError && status === null) {
    const code = typeof failure.code === 'string' ? failure.code : 'network error';
    return SourceError.unavailable('tax', code, error);
  }
  if (status !== null && status >= 400) {
    return SourceError.invalidResponse('tax', `HTTP ${status} without a SOAP Fault`, error);
  }
  if (failure.Fault !== undefined) {
    // The `soap` package reports XML it cannot parse as a pseudo-fault object.
    return SourceError.invalidResponse('tax', 'the body is not well-formed XML', error);
  }
  return SourceError.invalidResponse('tax', 'the answer is not a readable SOAP envelope', error);
}

/**
 * The `soap` package's client for tax.wsdl, created once (lazily: building it
 * reads the WSDL) and reused, with the endpoint taken from config, a
 * keep-alive connection pool and a per-request timeout. Returns the SOAP body
 * element of the answer as parsed; shapes are checked by the mapper. The
 * package builds the envelope and parses the answer; the HTTP exchange goes
 * through an undici pool (as for the REST departments) instead of the
 * package's default axios instance, which cost the gateway more CPU per call.
 */
export class TaxSoapClient {
  private client: Promise<Client> | null = null;
  private readonly pool: Pool;
  readonly endpoint: string;

  constructor(
    private readonly config: Pick<
      TaxConfig,
      'baseUrl' | 'servicePath' | 'timeoutMs' | 'maxConnections' | 'credentials'
    >,
  ) {
    this.endpoint = config.baseUrl + config.servicePath;
    this.pool = new Pool(new URL(this.endpoint).origin, {
      connections: config.maxConnections,
      keepAliveTimeout: 30_000,
      pipelining: 1,
    });
  }

  /** `BatchGetTaxpayerInfo` for 1–100 numbers. */
  batchGetTaxpayerInfo(taxpayerIds: readonly string[], signal: AbortSignal): Promise<unknown> {
    return this.call('BatchGetTaxpayerInfo', { NSRSBH: [...taxpayerIds] }, signal);
  }

  /** `GetTaxpayerInfo` for one number. */
  getTaxpayerInfo(taxpayerId: string, signal: AbortSignal): Promise<unknown> {
    return this.call('GetTaxpayerInfo', { NSRSBH: taxpayerId }, signal);
  }

  /** `GetTaxpayerInfoChanges`: one page of the change feed. */
  getTaxpayerInfoChanges(request: TaxChangesRequest, signal: AbortSignal): Promise<unknown> {
    return this.call('GetTaxpayerInfoChanges', { ...request }, signal);
  }

  /** `SubmitTaxInfoConfirmation`: one submission. */
  submitTaxInfoConfirmation(
    request: TaxInfoConfirmationRequest,
    signal: AbortSignal,
  ): Promise<unknown> {
    return this.call('SubmitTaxInfoConfirmation', { ...request }, signal);
  }

  /**
   * A whole SOAP response document (e.g. an example of the contract) parsed
   * exactly as a live answer is: the body element of `operation`'s response,
   * or the SourceError a live answer like it would give.
   */
  async parseResponse(operation: TaxOperation, xml: string): Promise<unknown> {
    const client = await this.soapClient();
    let envelope: unknown;
    try {
      envelope = client.wsdl.xmlToObject(xml);
    } catch (error) {
      throw toTaxSourceError(error, faultMapperOf(operation));
    }
    const body = (envelope as { Body?: Record<string, unknown> } | undefined)?.Body;
    return body?.[`${operation}Response`];
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }

  private async call(
    operation: TaxOperation,
    args: unknown,
    signal: AbortSignal,
  ): Promise<unknown> {
    const client = await this.soapClient();
    const method = (client as unknown as Record<string, SoapCall | undefined>)[`${operation}Async`];
    if (!method) throw SourceError.invalidResponse('tax', `the WSDL has no operation ${operation}`);
    try {
      const [result] = await method.call(client, args, {
        timeout: this.config.timeoutMs,
        signal,
      });
      return result;
    } catch (error) {
      // Aborted by the call policy's budget: let it report the timeout.
      if (signal.aborted) throw error;
      throw toTaxSourceError(error, faultMapperOf(operation));
    }
  }

  /**
   * The transport the `soap` package calls (in place of axios, with
   * `validateStatus: null` semantics: every HTTP status is an answer for the
   * package to read, a Fault in a 500 included). A network failure or a
   * transport timeout is SOURCE_UNAVAILABLE, naming its code; an abort is
   * rethrown for the call policy.
   */
  private async send(req: SoapHttpRequest): Promise<SoapHttpResponse> {
    const url = new URL(req.url);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = String(value);
    withTraceHeaders(headers);
    try {
      const res = await this.pool.request({
        method: req.method === 'GET' ? 'GET' : 'POST',
        path: url.pathname + url.search,
        headers,
        body: req.data,
        signal: req.signal,
        headersTimeout: req.timeout,
        bodyTimeout: req.timeout,
      });
      recordHttpStatus(res.statusCode);
      const data = await res.body.text();
      return {
        status: res.statusCode,
        headers: res.headers,
        data,
        config: { headers: req.headers },
      };
    } catch (error) {
      if (req.signal?.aborted) throw error;
      throw SourceError.unavailable('tax', describeNetworkError(error), error);
    }
  }

  private soapClient(): Promise<Client> {
    if (!this.client) {
      this.client = createClientAsync(departmentContract('tax.wsdl'), {
        endpoint: this.endpoint,
        // Our parse options belong to this client's WSDL only, not to a process-wide cached one.
        disableCache: true,
        // The package calls `request(config)` and reads status, headers and data back.
        request: ((req: SoapHttpRequest) => this.send(req)) as unknown as IOptions['request'],
        ...PARSE_OPTIONS,
      }).then(
        (client) => {
          const credentials = this.config.credentials;
          if (credentials) {
            client.setSecurity(
              new WSSecurity(credentials.username, credentials.password, {
                passwordType: 'PasswordText',
                hasTimeStamp: false,
                hasTokenCreated: false,
              }),
            );
          }
          return client;
        },
        (error: unknown) => {
          this.client = null;
          throw SourceError.unavailable('tax', 'the WSDL could not be loaded', error);
        },
      );
    }
    return this.client;
  }
}
