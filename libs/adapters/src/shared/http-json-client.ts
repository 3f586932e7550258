import { Pool, errors as undiciErrors } from 'undici';
import type { DepartmentId } from './department';
import { recordHttpStatus, withTraceHeaders } from './department-tracing';
import { SourceError } from './source-error';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, e.g. `/api/v1/xmxx?page=1`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body text; `json()` parses it or throws SOURCE_INVALID_RESPONSE. */
  readonly text: string;
  json(): unknown;
}

/**
 * A pooled keep-alive HTTP client for one department (undici). Network
 * failures and 5xx answers become SOURCE_UNAVAILABLE; an aborted request
 * rethrows the abort so the call policy reports a timeout; 4xx answers are
 * returned for the adapter to interpret (404 usually means "nothing known").
 * With tracing on, each request carries the call's W3C `traceparent` and its
 * status goes on the call's span.
 */
export class HttpJsonClient {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(
    readonly source: DepartmentId,
    baseUrl: string,
    options: { maxConnections: number },
  ) {
    const url = new URL(baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.maxConnections,
      keepAliveTimeout: 30_000,
      pipelining: 1,
    });
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    let res: Awaited<ReturnType<Pool['request']>>;
    try {
      res = await this.pool.request({
        method: req.method,
        path: this.basePath + req.path,
        headers: withTraceHeaders({ accept: 'application/json', ...req.headers }),
        body: req.body,
        signal: req.signal,
      });
    } catch (error) {
      if (req.signal?.aborted) throw error;
      throw SourceError.unavailable(this.source, describeNetworkError(error), error);
    }
    recordHttpStatus(res.statusCode);
    let text: string;
    try {
      text = await res.body.text();
    } catch (error) {
      if (req.signal?.aborted) throw error;
      throw SourceError.unavailable(
        this.source,
        'the connection broke while reading the answer',
        error,
      );
    }
    if (res.statusCode >= 500) {
      throw SourceError.unavailable(this.source, `HTTP ${res.statusCode}`);
    }
    const source = this.source;
    return {
      status: res.statusCode,
      headers: res.headers,
      text,
      json(): unknown {
        try {
          return JSON.parse(text) as unknown;
        } catch (error) {
          throw SourceError.invalidResponse(source, 'the body is not JSON', error);
        }
      },
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof undiciErrors.UndiciError) return error.code;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'network error';
}
