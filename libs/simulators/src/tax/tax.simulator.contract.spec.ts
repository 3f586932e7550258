import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClientAsync, WSSecurity } from 'soap';
import { departmentContract } from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import { generateTaxData } from './tax.data';
import type { TaxpayerInfoRecord } from './tax.record';
import { createTaxSimulator, TAX_SERVICE_PATH } from './tax.simulator';
import { parseXml } from './tax-xml';
import {
  checkSoapMessage,
  WsdlSchema,
  type SoapMessageCheck,
} from './testing/wsdl-schema.validator';

/**
 * Contract test, simulator side: every answer the simulator sends — found,
 * not found, several registrations, every documented fault — is a SOAP 1.1
 * message whose body validates against the schema in tax.wsdl (checked by
 * WsdlSchema, see testing/: no XML Schema validator is installed), and the
 * contract's own examples validate against the same schema. The WSDL is also
 * served on `?wsdl` and drives the `soap` package's client against the simulator.
 */
const WSDL_PATH = departmentContract('tax.wsdl');

/** The operations the `soap` client generates from tax.wsdl (it types them as any). */
interface TaxClient {
  GetTaxpayerInfoAsync(args: { NSRSBH: string }): Promise<[unknown]>;
  BatchGetTaxpayerInfoAsync(args: { NSRSBH: string[] }): Promise<[unknown]>;
  GetTaxpayerInfoChangesAsync(args: {
    QSGXSJ?: string;
    QSDJXH?: string;
    MYTS?: number;
  }): Promise<[unknown]>;
  setSecurity(security: WSSecurity): void;
}
const taxClient = async (endpoint: string): Promise<TaxClient> =>
  (await createClientAsync(WSDL_PATH, { endpoint, disableCache: true })) as unknown as TaxClient;
const WSDL = readFileSync(WSDL_PATH, 'utf8');
const schema = new WsdlSchema(WSDL);
const NS = 'urn:chinatax:jsxt:nsrxx:v1';

const population = generateDemoApplicants({ seed: 11, persons: 1500, enterprises: 600 });
const data = generateTaxData(population, { seed: 3 });
const registrations = data.registrations;

const enterprise = registrations.find((r) => r.NSRLX === '单位纳税人' && r.QSXX && r.NSXYXX);
const lowerCasePerson = registrations.find((r) => /x$/.test(r.NSRSBH));
const counts = new Map<string, number>();
for (const r of registrations) counts.set(r.NSRSBH, (counts.get(r.NSRSBH) ?? 0) + 1);
const twice = registrations.find((r) => counts.get(r.NSRSBH) === 2);
const UNKNOWN = '91330522MA2B3C4D5E';

function envelope(body: string, header = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">` +
    `${header}<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}
const single = (nsrsbh: string) =>
  envelope(
    `<GetTaxpayerInfoRequest xmlns="${NS}"><NSRSBH>${nsrsbh}</NSRSBH></GetTaxpayerInfoRequest>`,
  );
const batch = (numbers: readonly string[]) =>
  envelope(
    `<BatchGetTaxpayerInfoRequest xmlns="${NS}">${numbers.map((n) => `<NSRSBH>${n}</NSRSBH>`).join('')}</BatchGetTaxpayerInfoRequest>`,
  );

const changes = (inner = '') =>
  envelope(`<GetTaxpayerInfoChangesRequest xmlns="${NS}">${inner}</GetTaxpayerInfoChangesRequest>`);

interface Exchange extends SoapMessageCheck {
  readonly status: number;
  readonly xml: string;
}

async function post(url: string, xml: string, action: string): Promise<Exchange> {
  const res = await fetch(url + TAX_SERVICE_PATH, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `"urn:chinatax:jsxt:nsrxx:v1#${action}"`,
    },
    body: xml,
  });
  const text = await res.text();
  return { status: res.status, xml: text, ...checkSoapMessage(schema, text) };
}

/** The leaf values of every TaxpayerInfo in an answer, in document order. */
function registrationsIn(xml: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const walk = (e: ReturnType<typeof parseXml>) => {
    if (e.localName === 'TaxpayerInfo') {
      out.push(Object.fromEntries(e.children.map((c) => [c.localName, c.text])));
    } else e.children.forEach(walk);
  };
  walk(parseXml(xml));
  return out;
}

describe('tax simulator ⊨ tax.wsdl', () => {
  let running: RunningSimulator;
  let url: string;

  beforeAll(async () => {
    expect(enterprise && lowerCasePerson && twice).toBeTruthy();
    running = await startSimulator(createTaxSimulator(data));
    url = running.url;
  });
  afterAll(() => running.close());

  it('serves the WSDL on ?wsdl', async () => {
    const res = await fetch(`${url}${TAX_SERVICE_PATH}?wsdl`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(WSDL);
  });

  it('GetTaxpayerInfo: a unit with its rating and arrears', async () => {
    const answer = await post(url, single(enterprise!.NSRSBH), 'GetTaxpayerInfo');
    expect(answer).toMatchObject({
      status: 200,
      bodyElement: 'GetTaxpayerInfoResponse',
      errors: [],
    });
    const [info] = registrationsIn(answer.xml);
    expect(info).toMatchObject({ DJXH: enterprise!.DJXH, NSRMC: enterprise!.NSRMC });
    expect(answer.xml).toContain('<FHDM>0000</FHDM>');
    expect(answer.xml).toContain('<QSXX>');
    expect(answer.xml).toContain('<NSXYXX>');
  });

  it('GetTaxpayerInfo: finds a number stored with a lower-case x by the normalized one, and shows it as stored', async () => {
    const answer = await post(
      url,
      single(lowerCasePerson!.NSRSBH.toUpperCase()),
      'GetTaxpayerInfo',
    );
    expect(answer.errors).toEqual([]);
    expect(registrationsIn(answer.xml)[0].NSRSBH).toBe(lowerCasePerson!.NSRSBH);
  });

  it('GetTaxpayerInfo: an unknown number is FHDM 0001, not a fault', async () => {
    const answer = await post(url, single(UNKNOWN), 'GetTaxpayerInfo');
    expect(answer).toMatchObject({
      status: 200,
      bodyElement: 'GetTaxpayerInfoResponse',
      errors: [],
    });
    expect(answer.xml).toContain('<FHDM>0001</FHDM>');
    expect(registrationsIn(answer.xml)).toEqual([]);
  });

  it('BatchGetTaxpayerInfo: one result per number, in order, with every registration of a number', async () => {
    const numbers = [
      enterprise!.NSRSBH,
      UNKNOWN,
      twice!.NSRSBH,
      lowerCasePerson!.NSRSBH.toUpperCase(),
    ];
    const answer = await post(url, batch(numbers), 'BatchGetTaxpayerInfo');
    expect(answer).toMatchObject({
      status: 200,
      bodyElement: 'BatchGetTaxpayerInfoResponse',
      errors: [],
    });
    const results = parseXml(answer.xml).children[0].children[0].children.filter(
      (c) => c.localName === 'CXJG',
    );
    expect(
      results.map((r) => [
        r.children[0].text,
        r.children[1].text,
        r.children.filter((c) => c.localName === 'TaxpayerInfo').length,
      ]),
    ).toEqual([
      [numbers[0], 'Y', 1],
      [numbers[1], 'N', 0],
      [numbers[2], 'Y', 2],
      [numbers[3], 'Y', 1],
    ]);
  });

  it('GetTaxpayerInfoChanges: every page, from the first to after the end, is a valid answer', async () => {
    let cursor = '';
    let total = 0;
    for (;;) {
      const answer = await post(
        url,
        changes(`${cursor}<MYTS>500</MYTS>`),
        'GetTaxpayerInfoChanges',
      );
      expect(answer).toMatchObject({
        status: 200,
        bodyElement: 'GetTaxpayerInfoChangesResponse',
        errors: [],
      });
      const infos = registrationsIn(answer.xml);
      expect(infos.every((i) => i.GXSJ !== undefined)).toBe(true);
      total += infos.length;
      const last = infos[infos.length - 1];
      cursor = `<QSGXSJ>${last.GXSJ}</QSGXSJ><QSDJXH>${last.DJXH}</QSDJXH>`;
      if (answer.xml.includes('<HXBZ>N</HXBZ>')) break;
      expect(answer.xml).toContain('<HXBZ>Y</HXBZ>');
      expect(infos).toHaveLength(500);
    }
    expect(total).toBe(registrations.length);
    const nothing = await post(url, changes(cursor), 'GetTaxpayerInfoChanges');
    expect(nothing).toMatchObject({ status: 200, errors: [] });
    expect(nothing.xml).toContain('<HXBZ>N</HXBZ>');
    expect(registrationsIn(nothing.xml)).toEqual([]);
  });

  it('GetTaxpayerInfoChanges: serves a registration without GXSJ (a replayed export) with one', async () => {
    const { GXSJ: _gxsj, ...bare } = registrations[0];
    const sim = await startSimulator(createTaxSimulator({ registrations: [bare] }));
    try {
      const answer = await post(sim.url, changes(), 'GetTaxpayerInfoChanges');
      expect(answer).toMatchObject({ status: 200, errors: [] });
      expect(registrationsIn(answer.xml)[0].GXSJ).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:]{8}\+08:00$/);
    } finally {
      await sim.close();
    }
  });

  it('BatchGetTaxpayerInfo: 100 numbers is the limit', async () => {
    const numbers = registrations.slice(0, 100).map((r) => r.NSRSBH);
    const answer = await post(url, batch(numbers), 'BatchGetTaxpayerInfo');
    expect(answer).toMatchObject({ status: 200, errors: [] });
  });

  it.each([
    [
      '1003 for 101 numbers',
      () => batch(registrations.slice(0, 101).map((r) => r.NSRSBH)),
      'BatchGetTaxpayerInfo',
      '1003',
    ],
    [
      '1001 for no number',
      () => envelope(`<BatchGetTaxpayerInfoRequest xmlns="${NS}"/>`),
      'BatchGetTaxpayerInfo',
      '1001',
    ],
    ['1001 for an empty number', () => single(''), 'GetTaxpayerInfo', '1001'],
    ['1002 for a malformed number', () => single('9133-0522'), 'GetTaxpayerInfo', '1002'],
    [
      '1002 for a malformed number in a batch',
      () => batch([UNKNOWN, 'ABC']),
      'BatchGetTaxpayerInfo',
      '1002',
    ],
    ['1005 for a page of 501', () => changes('<MYTS>501</MYTS>'), 'GetTaxpayerInfoChanges', '1005'],
    ['1005 for a page of 0', () => changes('<MYTS>0</MYTS>'), 'GetTaxpayerInfoChanges', '1005'],
    [
      '1005 for a page size that is not a number',
      () => changes('<MYTS>ten</MYTS>'),
      'GetTaxpayerInfoChanges',
      '1005',
    ],
    [
      '1005 for a QSGXSJ that is not a time',
      () => changes('<QSGXSJ>2026-02-30T10:00:00</QSGXSJ>'),
      'GetTaxpayerInfoChanges',
      '1005',
    ],
    [
      '1005 for a QSDJXH without QSGXSJ',
      () => changes('<QSDJXH>10330522000000000015</QSDJXH>'),
      'GetTaxpayerInfoChanges',
      '1005',
    ],
    [
      '1005 for a QSDJXH that is not a 登记序号',
      () => changes('<QSGXSJ>2026-03-14T09:26:53+08:00</QSGXSJ><QSDJXH>1033</QSDJXH>'),
      'GetTaxpayerInfoChanges',
      '1005',
    ],
    ['1004 for a body that is not XML', () => '<soap:Envelope', 'GetTaxpayerInfo', '1004'],
    [
      '1004 for XML that is not SOAP',
      () => `<GetTaxpayerInfoRequest xmlns="${NS}"/>`,
      'GetTaxpayerInfo',
      '1004',
    ],
    [
      '1004 for an unknown operation',
      () => envelope(`<DeleteTaxpayer xmlns="${NS}"/>`),
      'GetTaxpayerInfo',
      '1004',
    ],
  ])('faults with %s', async (_what, request, action, cwdm) => {
    const answer = await post(url, request(), action);
    expect(answer).toMatchObject({
      status: 500,
      bodyElement: 'Fault',
      fault: { faultcode: 'soap:Client', cwdm },
      errors: [],
    });
  });

  it('faults with 9999 (soap:Server) when the system fails inside', async () => {
    const broken: TaxpayerInfoRecord = { ...registrations[0] };
    Object.defineProperty(broken, 'NSRMC', {
      enumerable: true,
      get: () => {
        throw new Error('ORA-01555: snapshot too old');
      },
    });
    const sim = await startSimulator(createTaxSimulator({ registrations: [broken] }));
    try {
      const answer = await post(sim.url, single(broken.NSRSBH), 'GetTaxpayerInfo');
      expect(answer).toMatchObject({
        status: 500,
        fault: { faultcode: 'soap:Server', cwdm: '9999' },
        errors: [],
      });
      expect(answer.xml).not.toContain('ORA-01555');
    } finally {
      await sim.close();
    }
  });

  it('answers the contract’s example requests with valid messages', async () => {
    const examples = departmentContract('tax-examples');
    const requests = readdirSync(examples).filter((f) => f.endsWith('.request.xml'));
    expect(requests.sort()).toEqual([
      'BatchGetTaxpayerInfo.request.xml',
      'GetTaxpayerInfo.request.xml',
      'GetTaxpayerInfoChanges.request.xml',
      'SubmitTaxInfoConfirmation.request.xml',
    ]);
    for (const file of requests) {
      const operation = file.split('.')[0];
      const request = readFileSync(join(examples, file), 'utf8');
      expect([file, checkSoapMessage(schema, request).errors]).toEqual([file, []]);
      const answer = await post(url, request, operation);
      expect([file, answer.status, answer.bodyElement, answer.errors]).toEqual([
        file,
        200,
        `${operation}Response`,
        [],
      ]);
    }
  });

  it('ships examples that are themselves valid against the schema', () => {
    const examples = departmentContract('tax-examples');
    for (const file of readdirSync(examples).filter((f) => f.endsWith('.xml'))) {
      const check = checkSoapMessage(schema, readFileSync(join(examples, file), 'utf8'));
      expect([file, check.errors]).toEqual([file, []]);
    }
  });

  it('is driven by the soap package’s client reading the WSDL', async () => {
    const client = await taxClient(url + TAX_SERVICE_PATH);
    const [one] = (await client.GetTaxpayerInfoAsync({ NSRSBH: enterprise!.NSRSBH })) as [
      { FHDM: string; TaxpayerInfo: { DJXH: string }[] },
    ];
    expect(one.FHDM).toBe('0000');
    expect(one.TaxpayerInfo[0].DJXH).toBe(enterprise!.DJXH);
    const [many] = (await client.BatchGetTaxpayerInfoAsync({
      NSRSBH: [UNKNOWN, twice!.NSRSBH],
    })) as [{ CXJG: { CXBZ: string; TaxpayerInfo?: unknown[] }[] }];
    expect(many.CXJG.map((r) => [r.CXBZ, r.TaxpayerInfo?.length ?? 0])).toEqual([
      ['N', 0],
      ['Y', 2],
    ]);
    const [page] = (await client.GetTaxpayerInfoChangesAsync({ MYTS: 3 })) as [
      { HXBZ: string; TaxpayerInfo: { DJXH: string; GXSJ: unknown }[] },
    ];
    expect(page.HXBZ).toBe('Y');
    expect(page.TaxpayerInfo).toHaveLength(3);
  });
});

describe('tax simulator with credentials', () => {
  let running: RunningSimulator;
  const credentials = { username: 'oncegate', password: 'demo-secret' };

  beforeAll(async () => {
    running = await startSimulator(createTaxSimulator(data, { credentials }));
  });
  afterAll(() => running.close());

  it('faults with 1000 without a UsernameToken', async () => {
    const answer = await post(running.url, single(enterprise!.NSRSBH), 'GetTaxpayerInfo');
    expect(answer).toMatchObject({ status: 500, fault: { cwdm: '1000' }, errors: [] });
    const feed = await post(running.url, changes(), 'GetTaxpayerInfoChanges');
    expect(feed).toMatchObject({ status: 500, fault: { cwdm: '1000' }, errors: [] });
  });

  it('answers a client that sends the right one, and faults on a wrong one', async () => {
    const client = await taxClient(running.url + TAX_SERVICE_PATH);
    client.setSecurity(
      new WSSecurity(credentials.username, credentials.password, { passwordType: 'PasswordText' }),
    );
    const [one] = (await client.GetTaxpayerInfoAsync({ NSRSBH: enterprise!.NSRSBH })) as [
      { FHDM: string },
    ];
    expect(one.FHDM).toBe('0000');
    client.setSecurity(
      new WSSecurity(credentials.username, 'guess', { passwordType: 'PasswordText' }),
    );
    await expect(client.GetTaxpayerInfoAsync({ NSRSBH: enterprise!.NSRSBH })).rejects.toThrow(
      /1000/,
    );
  });
});
