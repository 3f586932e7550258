import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { WSSecurity, createClientAsync, type Client } from 'soap';
import { SourceError, departmentContract } from '../shared';
import type { TaxConfig } from './tax.config';
import { mapTaxFault } from './tax.mapper';

/** The operations of tax.wsdl. */
export type TaxOperation = 'GetTaxpayerInfo' | 'BatchGetTaxpayerInfo';

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
 * How a failed SOAP call is reported: a SOAP Fault (our request broke the
 * contract, or the system failed inside) and anything unreadable are
 * SOURCE_INVALID_RESPONSE; HTTP 5xx without a Fault and network failures are
 * SOURCE_UNAVAILABLE (worth a retry).
 */
export function toTaxSourceError(error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SoapFailure;
  const fault = failure.root?.Envelope?.Body?.Fault;
  if (fault !== undefined && fault !== null) return mapTaxFault(fault);
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
 * element of the answer as parsed; shapes are checked by the mapper.
 */
export class TaxSoapClient {
  private client: Promise<Client> | null = null;
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly agentOption: 'httpAgent' | 'httpsAgent';
  readonly endpoint: string;

  constructor(
    private readonly config: Pick<
      TaxConfig,
      'baseUrl' | 'servicePath' | 'timeoutMs' | 'maxConnections' | 'credentials'
    >,
  ) {
    this.endpoint = config.baseUrl + config.servicePath;
    const https = this.endpoint.startsWith('https:');
    const agentOptions = { keepAlive: true, maxSockets: config.maxConnections };
    this.agent = https ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.agentOption = https ? 'httpsAgent' : 'httpAgent';
  }

  /** `BatchGetTaxpayerInfo` for 1–100 numbers. */
  batchGetTaxpayerInfo(taxpayerIds: readonly string[], signal: AbortSignal): Promise<unknown> {
    return this.call('BatchGetTaxpayerInfo', { NSRSBH: [...taxpayerIds] }, signal);
  }

  /** `GetTaxpayerInfo` for one number. */
  getTaxpayerInfo(taxpayerId: string, signal: AbortSignal): Promise<unknown> {
    return this.call('GetTaxpayerInfo', { NSRSBH: taxpayerId }, signal);
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
      throw toTaxSourceError(error);
    }
    const body = (envelope as { Body?: Record<string, unknown> } | undefined)?.Body;
    return body?.[`${operation}Response`];
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
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
        [this.agentOption]: this.agent,
        timeout: this.config.timeoutMs,
        signal,
      });
      return result;
    } catch (error) {
      // Aborted by the call policy's budget: let it report the timeout.
      if (signal.aborted) throw error;
      throw toTaxSourceError(error);
    }
  }

  private soapClient(): Promise<Client> {
    if (!this.client) {
      this.client = createClientAsync(departmentContract('tax.wsdl'), {
        endpoint: this.endpoint,
        // Our parse options belong to this client's WSDL only, not to a process-wide cached one.
        disableCache: true,
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
