import { readFileSync } from 'node:fs';
import { Router, text, type NextFunction, type Request, type Response } from 'express';
import { listen } from 'soap';
import { departmentContract } from '@oncegate/adapters';
import { createSimulator, type FaultConfig, type Simulator } from '../shared';
import {
  TAX_CHANGES_DEFAULT_PAGE,
  TAX_CHANGES_MAX_PAGE,
  TaxChangeFeed,
  withChangeTime,
  type TaxFeedCursor,
} from './tax.changes';
import type { TaxData } from './tax.data';
import { escapeXml, parseXml, XmlSyntaxError } from './tax-xml';
import { TAX_NAMESPACE, toSoapTaxpayerInfo, type TaxpayerInfoRecord } from './tax.record';
import { leafText } from './tax.soap-args';
import { isRefusal, readTaxInfoConfirmation, taxSubmissionLedger } from './tax.submissions';
import { formatTaxTime, parseTaxTime } from './tax.time';

/** Where the SOAP endpoint is served (`?wsdl` on it returns the WSDL). */
export const TAX_SERVICE_PATH = '/ws/TaxpayerInfoService';

/** tax.wsdl's limit for one BatchGetTaxpayerInfo. */
export const TAX_BATCH_LIMIT = 100;

/** The documented fault codes (错误代码, CWDM) of tax.wsdl. */
export const TAX_FAULT_CODES = {
  /** 身份认证失败 (only when the simulator requires a WS-Security UsernameToken). */
  AUTHENTICATION: '1000',
  /** 请求缺少纳税人识别号 */
  MISSING_NSRSBH: '1001',
  /** 纳税人识别号格式不正确 */
  INVALID_NSRSBH: '1002',
  /** 批量查询超过100户上限 */
  BATCH_TOO_LARGE: '1003',
  /** 请求报文格式错误: not XML, not a SOAP 1.1 envelope, or no request element of this service. */
  MALFORMED_REQUEST: '1004',
  /** 变更查询参数不正确: GetTaxpayerInfoChanges with a bad QSGXSJ, QSDJXH or MYTS. */
  INVALID_CHANGES_QUERY: '1005',
  /** 请求流水号缺失或格式不正确 (SubmitTaxInfoConfirmation). */
  MISSING_QQLSH: '1006',
  /** 申报信息校验不通过 (SubmitTaxInfoConfirmation): an element missing or not of its type. */
  INVALID_SUBMISSION: '1007',
  /** 请求流水号重复但申报内容不一致 (SubmitTaxInfoConfirmation). */
  IDEMPOTENCY_CONFLICT: '1008',
  /** 系统内部错误 */
  INTERNAL: '9999',
} as const;

export interface TaxSimulatorOptions {
  readonly faults?: Partial<FaultConfig>;
  /** When set, every request must carry this WS-Security UsernameToken (PasswordText). */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** The tax office's clock (epoch ms) for 受理时间 and 回执号. */
  readonly clock?: () => number;
}

const NSRSBH = /^[0-9A-Za-z]{15,20}$/;

/**
 * How the tax system keys a stored 纳税人识别号: upper-cased and trimmed, like
 * the `UPPER(NSRSBH)` index 金税 queries use, so a natural person stored with
 * a lower-case x is found by the normalized number (and the other way round).
 * 15-digit ID numbers, full-width digits or spaces inside are not converted:
 * the real system does not either.
 */
export function taxLookupKey(nsrsbh: string): string {
  return nsrsbh.trim().toUpperCase();
}

/**
 * A SOAP Fault of the contract, thrown from an operation: the `soap` server
 * sends any thrown object with a `Fault` property as that fault (HTTP 500).
 */
class TaxServiceFault extends Error {
  readonly Fault: {
    readonly faultcode: string;
    readonly faultstring: string;
    readonly detail: { readonly $xml: string };
    readonly statusCode: number;
  };

  constructor(code: string, message: string, side: 'Client' | 'Server' = 'Client') {
    super(`${code} ${message}`);
    this.Fault = {
      faultcode: `soap:${side}`,
      faultstring: message,
      detail: { $xml: faultDetail(code, message) },
      // SOAP 1.1 over HTTP: a Fault goes with status 500.
      statusCode: 500,
    };
  }
}

const SOAP_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
const REQUEST_ELEMENTS = new Set([
  'GetTaxpayerInfoRequest',
  'BatchGetTaxpayerInfoRequest',
  'GetTaxpayerInfoChangesRequest',
  'SubmitTaxInfoConfirmationRequest',
]);

function faultDetail(code: string, message: string): string {
  return (
    `<TaxServiceFault xmlns="${TAX_NAMESPACE}">` +
    `<CWDM>${escapeXml(code)}</CWDM><CWXX>${escapeXml(message)}</CWXX></TaxServiceFault>`
  );
}

/**
 * Why a request cannot reach an operation (fault 1004), or null. The `soap`
 * server would answer such requests with faults that are not SOAP 1.1
 * (or not ours); the real system answers them with its own 1004.
 */
function malformedRequest(body: string): string | null {
  let envelope;
  try {
    envelope = parseXml(body);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return '请求报文不是格式正确的XML';
    throw error;
  }
  if (envelope.namespace !== SOAP_ENVELOPE || envelope.localName !== 'Envelope') {
    return '请求报文不是SOAP 1.1信封';
  }
  const soapBody = envelope.children.find(
    (c) => c.namespace === SOAP_ENVELOPE && c.localName === 'Body',
  );
  const request = soapBody?.children;
  if (
    !request ||
    request.length !== 1 ||
    request[0].namespace !== TAX_NAMESPACE ||
    !REQUEST_ELEMENTS.has(request[0].localName)
  ) {
    return '请求报文不是本服务的请求';
  }
  return null;
}

function faultEnvelope(code: string, message: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENVELOPE}"><soap:Body>` +
    `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>${escapeXml(message)}</faultstring>` +
    `<detail>${faultDetail(code, message)}</detail></soap:Fault></soap:Body></soap:Envelope>`
  );
}

/** The requested numbers as a list, faulting on the contract's request errors. */
function requestedNumbers(args: unknown, limit: number): string[] {
  const raw = (args as { NSRSBH?: unknown } | null | undefined)?.NSRSBH;
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  if (list.length === 0)
    throw new TaxServiceFault(TAX_FAULT_CODES.MISSING_NSRSBH, '请求缺少纳税人识别号');
  if (list.length > limit) {
    throw new TaxServiceFault(TAX_FAULT_CODES.BATCH_TOO_LARGE, `批量查询超过${limit}户上限`);
  }
  return list.map((value, i) => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TaxServiceFault(
        TAX_FAULT_CODES.MISSING_NSRSBH,
        `请求缺少纳税人识别号（第${i + 1}项）`,
      );
    }
    if (!NSRSBH.test(value)) {
      throw new TaxServiceFault(
        TAX_FAULT_CODES.INVALID_NSRSBH,
        `纳税人识别号格式不正确（第${i + 1}项）`,
      );
    }
    return value;
  });
}

const DJXH = /^\d{20}$/;
const PAGE_SIZE = /^\+?\d{1,9}$/;

/** The cursor and page size of a GetTaxpayerInfoChanges request, faulting (1005) on what the contract refuses. */
function changesQuery(args: unknown): { after: TaxFeedCursor | null; limit: number } {
  const request = (args ?? {}) as { QSGXSJ?: unknown; QSDJXH?: unknown; MYTS?: unknown };
  const invalid = (why: string) =>
    new TaxServiceFault(TAX_FAULT_CODES.INVALID_CHANGES_QUERY, `变更查询参数不正确：${why}`);
  const since = leafText(request.QSGXSJ);
  const djxh = leafText(request.QSDJXH);
  const size = leafText(request.MYTS);
  let limit = TAX_CHANGES_DEFAULT_PAGE;
  if (size !== undefined) {
    limit = size !== null && PAGE_SIZE.test(size) ? Number(size) : NaN;
    if (!(limit >= 1 && limit <= TAX_CHANGES_MAX_PAGE)) {
      throw invalid(`每页条数应为1–${TAX_CHANGES_MAX_PAGE}`);
    }
  }
  if (djxh === null || (djxh !== undefined && !DJXH.test(djxh))) {
    throw invalid('起始登记序号不是20位登记序号');
  }
  if (since === undefined) {
    if (djxh !== undefined) throw invalid('有起始登记序号而无起始更新时间');
    return { after: null, limit };
  }
  const at = since === null ? null : parseTaxTime(since);
  if (at === null) throw invalid('起始更新时间不是有效的日期时间');
  return { after: { at, djxh: djxh ?? '' }, limit };
}

/** The `soap` server's parse options: leaves of these types stay text, for the operations to check themselves. */
const KEEP_TEXT = {
  customDeserializer: {
    dateTime: (text: string) => text,
    int: (text: string) => text,
  },
};

/** The WS-Security UsernameToken of a request, as the `soap` package parses the header. */
function usernameToken(headers: unknown): { username?: unknown; password?: unknown } {
  const token = (
    headers as
      { Security?: { UsernameToken?: { Username?: unknown; Password?: unknown } } } | undefined
  )?.Security?.UsernameToken;
  const password = token?.Password;
  return {
    username: token?.Username,
    password:
      typeof password === 'object' && password !== null && '$value' in password
        ? password.$value
        : password,
  };
}

/**
 * The county tax system's 纳税人信息查询服务, serving tax.wsdl over SOAP 1.1
 * with the `soap` package on the simulator's express app. Registrations are
 * indexed once by `taxLookupKey` (a Map of lists: a number may have several
 * 登记序号), so a lookup costs the same at a million taxpayers; the change
 * feed keeps them in (更新时间, 登记序号) order (see `TaxChangeFeed`) and sees
 * the changes `updateTaxRecord` makes to the same `data`.
 * SubmitTaxInfoConfirmation is checked, deduplicated by 请求流水号 (QQLSH) and
 * kept in the simulator's `submissions`.
 */
export function createTaxSimulator(
  data: Pick<TaxData, 'registrations'>,
  options: TaxSimulatorOptions = {},
): Simulator {
  const index = new Map<string, TaxpayerInfoRecord[]>();
  for (const record of data.registrations) {
    const key = taxLookupKey(record.NSRSBH);
    const list = index.get(key);
    if (list) list.push(record);
    else index.set(key, [record]);
  }
  const lookup = (nsrsbh: string) =>
    (index.get(taxLookupKey(nsrsbh)) ?? []).map(toSoapTaxpayerInfo);
  const feed = new TaxChangeFeed(data.registrations);
  const submissions = taxSubmissionLedger(options.clock);

  const authenticate = (headers: unknown) => {
    const expected = options.credentials;
    if (!expected) return;
    const { username, password } = usernameToken(headers);
    if (username !== expected.username || password !== expected.password) {
      throw new TaxServiceFault(TAX_FAULT_CODES.AUTHENTICATION, '身份认证失败');
    }
  };

  const getTaxpayerInfo = (args: unknown, headers: unknown) => {
    authenticate(headers);
    const [nsrsbh] = requestedNumbers(args, 1);
    const found = lookup(nsrsbh);
    return found.length > 0
      ? { FHDM: '0000', FHXX: '查询成功', TaxpayerInfo: found }
      : { FHDM: '0001', FHXX: '未查询到该纳税人' };
  };
  const batchGetTaxpayerInfo = (args: unknown, headers: unknown) => {
    authenticate(headers);
    const numbers = requestedNumbers(args, TAX_BATCH_LIMIT);
    return {
      FHDM: '0000',
      FHXX: '查询成功',
      CXJG: numbers.map((nsrsbh) => {
        const found = lookup(nsrsbh);
        return found.length > 0
          ? { CXNSRSBH: nsrsbh, CXBZ: 'Y', TaxpayerInfo: found }
          : { CXNSRSBH: nsrsbh, CXBZ: 'N' };
      }),
    };
  };

  const getTaxpayerInfoChanges = (args: unknown, headers: unknown) => {
    authenticate(headers);
    const { after, limit } = changesQuery(args);
    const { records, hasMore } = feed.page(after, limit);
    return {
      FHDM: '0000',
      FHXX: '查询成功',
      HXBZ: hasMore ? 'Y' : 'N',
      ...(records.length > 0
        ? { TaxpayerInfo: records.map((r) => toSoapTaxpayerInfo(withChangeTime(r))) }
        : {}),
    };
  };

  const submitTaxInfoConfirmation = (args: unknown, headers: unknown) => {
    authenticate(headers);
    const read = readTaxInfoConfirmation(args);
    if (isRefusal(read)) {
      submissions.reject();
      throw new TaxServiceFault(read.cwdm, read.message);
    }
    const outcome = submissions.deliver({
      idempotencyKey: read.QQLSH,
      reference: read.WBYWBH,
      kind: '新办纳税人税务信息确认',
      content: read,
    });
    if (outcome.kind === 'conflict') {
      throw new TaxServiceFault(
        TAX_FAULT_CODES.IDEMPOTENCY_CONFLICT,
        '请求流水号重复但申报内容不一致',
      );
    }
    const duplicate = outcome.kind === 'duplicate';
    // In the schema's order: the `soap` server writes keys as given.
    return {
      FHDM: '0000',
      FHXX: duplicate ? '重复提交，返回原受理回执' : '受理成功',
      QQLSH: read.QQLSH,
      HZH: outcome.submission.receiptNo,
      SLSJ: formatTaxTime(outcome.submission.receivedAt.getTime()),
      CFBZ: duplicate ? 'Y' : 'N',
    };
  };

  // The `soap` server calls methods as (args, callback, headers, req, res); anything
  // thrown that is not a Fault becomes the contract's 系统内部错误 (9999).
  const soapMethod =
    (operation: (args: unknown, headers: unknown) => unknown) =>
    (args: unknown, _callback: unknown, headers: unknown) => {
      try {
        return operation(args, headers);
      } catch (error) {
        if (error instanceof TaxServiceFault) throw error;
        throw new TaxServiceFault(TAX_FAULT_CODES.INTERNAL, '系统内部错误', 'Server');
      }
    };
  const port = {
    GetTaxpayerInfo: soapMethod(getTaxpayerInfo),
    BatchGetTaxpayerInfo: soapMethod(batchGetTaxpayerInfo),
    GetTaxpayerInfoChanges: soapMethod(getTaxpayerInfoChanges),
    SubmitTaxInfoConfirmation: soapMethod(submitTaxInfoConfirmation),
  };

  const wsdl = readFileSync(departmentContract('tax.wsdl'), 'utf8');
  return createSimulator(
    'tax',
    (app) => {
      // Requests that could not reach an operation get the contract's fault 1004; the
      // rest go on to the SOAP server with their body already read.
      app.post(
        TAX_SERVICE_PATH,
        text({ type: () => true, limit: '1mb' }),
        (req: Request, res: Response, next: NextFunction) => {
          const body = typeof req.body === 'string' ? req.body : '';
          const problem = malformedRequest(body);
          if (problem) {
            res
              .status(500)
              .type('text/xml; charset=utf-8')
              .send(faultEnvelope(TAX_FAULT_CODES.MALFORMED_REQUEST, problem));
            return;
          }
          next();
        },
      );
      // The SOAP server registers its route once the WSDL is parsed (a tick later), on
      // this router, which already sits at its place in the app; until then, and for
      // any other path, the fallbacks below answer.
      const router = Router();
      app.use(router);
      listen(router, {
        path: TAX_SERVICE_PATH,
        services: { TaxpayerInfoService: { TaxpayerInfoPort: port } },
        xml: wsdl,
        // Stack traces of unexpected errors stay in the simulator.
        suppressStack: true,
        ...KEEP_TEXT,
      });
      app.all(TAX_SERVICE_PATH, (_req: Request, res: Response) => {
        res.status(503).type('text/plain').send('service starting');
      });
      app.use((_req: Request, res: Response) => {
        res.status(404).type('text/plain').send('Not Found');
      });
    },
    options.faults,
    submissions,
  );
}
