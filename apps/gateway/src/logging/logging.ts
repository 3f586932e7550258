import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskPersonalIdentifiers } from '@oncegate/identifiers';
import type { Params } from 'nestjs-pino';
import type { LogLevel } from '../config/gateway.config';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * URLs carry GraphQL GET queries percent-encoded (`%22330522…%22`), which
 * hides an ID number from the masking pattern: decode the ASCII escapes
 * first. Byte by byte, so a malformed escape cannot stop the rest.
 */
export function decodeForMasking(url: string): string {
  return url
    .replace(/\+/g, ' ')
    .replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Deep copy of a log object with every string's resident ID numbers masked. */
export function maskLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalIdentifiers(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskPersonalIdentifiers(value.message),
      stack: value.stack && maskPersonalIdentifiers(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((v) => maskLogValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskLogValue(v, depth + 1);
  return out;
}

/**
 * JSON logs (pino) with one request id per HTTP request — taken from a sane
 * `X-Request-Id` header or made up, and echoed back — and ID numbers masked
 * wherever they appear: URLs (GET queries), messages and objects.
 */
export function loggerParams(level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Probes and scrapes come every few seconds: not logged.
      autoLogging: {
        ignore: (req) => /^\/(health(\/live|\/ready)?|metrics)(\?|$)/.test(req.url ?? ''),
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: maskPersonalIdentifiers(decodeForMasking(req.url)),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      formatters: {
        log: (object: Record<string, unknown>) => maskLogValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args: unknown[], method: (...a: unknown[]) => void) {
          method.apply(
            this,
            args.map((a) => maskLogValue(a)),
          );
        },
      },
    },
  };
}
