import { readFileSync } from 'node:fs';
import { createClientAsync, WSSecurity } from 'soap';
import { departmentContract } from '@oncegate/adapters';
import { startSimulator, type RunningSimulator } from '../shared';
import { createTaxSimulator, TAX_SERVICE_PATH } from './tax.simulator';
import { parseXml } from './tax-xml';
import { checkSoapMessage, WsdlSchema } from './testing/wsdl-schema.validator';

/**
 * Contract test, tax system side, of SubmitTaxInfoConfirmation: every answer
 * — a new case, a repeat, each fault — is a SOAP 1.1 message whose body
 * validates against the WSDL's schema, and the `soap` package's client
 * generated from the WSDL can call it.
 */
const WSDL_PATH = departmentContract('tax.wsdl');
const schema = new WsdlSchema(readFileSync(WSDL_PATH, 'utf8'));
const NS = 'urn:chinatax:jsxt:nsrxx:v1';
const CREDENTIALS = { username: 'oncegate', password: 'demo-secret' };

const VALID: Record<string, string> = {
  QQLSH: 'tax-submission-0001',
  WBYWBH: 'OG-20261125-000125',
  SQSJ: '2026-11-25T09:30:00+08:00',
  NSRSBH: '91330522MA2B7K3C0J',
  NSRMC: '长兴县恒达家居有限公司',
  FDDBRXM: '王建国',
  FDDBRSFZJHM: '330522198506151235',
  ZCDZ: '长兴县雉城街道经一路18号',
  LXDH: '0572-6012345',
  CWFZRXM: '沈佳怡',
  CWFZRYDDH: '13819236688',
  KJZD: '小企业会计准则',
};

const security = (username = CREDENTIALS.username, password = CREDENTIALS.password) =>
  `<soap:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">` +
  `<wsse:UsernameToken><wsse:Username>${username}</wsse:Username>` +
  `<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">${password}</wsse:Password>` +
  `</wsse:UsernameToken></wsse:Security></soap:Header>`;

function request(values: Record<string, string | undefined>, header = security()): string {
  const elements = Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">` +
    `${header}<soap:Body><SubmitTaxInfoConfirmationRequest xmlns="${NS}">${elements}</SubmitTaxInfoConfirmationRequest></soap:Body></soap:Envelope>`
  );
}

/** The leaves of the answer's body element. */
function leaves(xml: string): Record<string, string> {
  const body = parseXml(xml).children.find((c) => c.localName === 'Body');
  return Object.fromEntries((body?.children[0]?.children ?? []).map((c) => [c.localName, c.text]));
}

describe('tax simulator: SubmitTaxInfoConfirmation ⊨ tax.wsdl', () => {
  let running: RunningSimulator;
  const post = async (xml: string) => {
    const res = await fetch(running.url + TAX_SERVICE_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '"urn:chinatax:jsxt:nsrxx:v1#SubmitTaxInfoConfirmation"',
      },
      body: xml,
    });
    const text = await res.text();
    return { status: res.status, xml: text, ...checkSoapMessage(schema, text) };
  };

  beforeAll(async () => {
    running = await startSimulator(
      createTaxSimulator({ registrations: [] }, { credentials: CREDENTIALS }),
    );
  });
  beforeEach(() => running.simulator.submissions.clear());
  afterAll(() => running.close());

  it('accepts a submission (CFBZ N), and answers the same 请求流水号 with the same 回执 (CFBZ Y)', async () => {
    const first = await post(request(VALID));
    expect(first).toMatchObject({
      status: 200,
      bodyElement: 'SubmitTaxInfoConfirmationResponse',
      errors: [],
    });
    const receipt = leaves(first.xml);
    expect(receipt).toMatchObject({ FHDM: '0000', QQLSH: VALID.QQLSH, CFBZ: 'N' });
    expect(receipt.HZH).toMatch(/^HZ\d{8}00000001$/);
    const again = await post(request(VALID));
    expect(again).toMatchObject({ status: 200, errors: [] });
    expect(leaves(again.xml)).toEqual({ ...receipt, FHXX: '重复提交，返回原受理回执', CFBZ: 'Y' });
    expect(running.simulator.submissions.list()).toEqual([
      expect.objectContaining({ idempotencyKey: VALID.QQLSH, content: VALID, deliveries: 2 }),
    ]);
  });

  it.each([
    ['1006 without a 请求流水号', { QQLSH: undefined }, '1006'],
    ['1006 for a 请求流水号 too short', { QQLSH: 'abc' }, '1006'],
    ['1001 without a 纳税人识别号', { NSRSBH: undefined }, '1001'],
    [
      '1002 for a 纳税人识别号 whose check character is wrong',
      { NSRSBH: '91330522MA2B7K3C0K' },
      '1002',
    ],
    ['1007 for a missing 财务负责人', { CWFZRXM: undefined }, '1007'],
    [
      '1007 for a 身份证号码 whose check character is wrong',
      { FDDBRSFZJHM: '330522198506151236' },
      '1007',
    ],
    ['1007 for an accounting standard outside the table', { KJZD: 'IFRS' }, '1007'],
    ['1007 for a 申请时间 that is no time', { SQSJ: '2026-02-30T09:30:00+08:00' }, '1007'],
  ])('faults with %s, counted as refused', async (_what, change, cwdm) => {
    const answer = await post(request({ ...VALID, QQLSH: 'tax-submission-0002', ...change }));
    expect(answer).toMatchObject({
      status: 500,
      bodyElement: 'Fault',
      fault: { faultcode: 'soap:Client', cwdm },
      errors: [],
    });
    expect(running.simulator.submissions.counts()).toMatchObject({ rejected: 1, received: 0 });
  });

  it('names the failing elements in a 1007, never their values', async () => {
    const answer = await post(
      request({
        ...VALID,
        QQLSH: 'tax-submission-0003',
        FDDBRSFZJHM: '330522198506151236',
        CWFZRYDDH: '0572',
      }),
    );
    expect(answer.xml).toContain('FDDBRSFZJHM、CWFZRYDDH');
    expect(answer.xml).not.toContain('330522198506151236');
  });

  it('faults with 1008 for the same 请求流水号 with other content', async () => {
    await post(request(VALID));
    const answer = await post(request({ ...VALID, WBYWBH: 'OG-20261125-999999' }));
    expect(answer).toMatchObject({ status: 500, fault: { cwdm: '1008' }, errors: [] });
    expect(running.simulator.submissions.counts()).toMatchObject({ distinctKeys: 1, conflicts: 1 });
  });

  it('faults with 1000 without the UsernameToken, not counted as a refused submission', async () => {
    const answer = await post(request(VALID, ''));
    expect(answer).toMatchObject({ status: 500, fault: { cwdm: '1000' }, errors: [] });
    expect(running.simulator.submissions.counts().rejected).toBe(0);
  });

  it('is driven by the soap package’s client reading the WSDL', async () => {
    const client = (await createClientAsync(WSDL_PATH, {
      endpoint: running.url + TAX_SERVICE_PATH,
      disableCache: true,
    })) as unknown as {
      SubmitTaxInfoConfirmationAsync(
        args: Record<string, string>,
      ): Promise<[Record<string, string>]>;
      setSecurity(security: WSSecurity): void;
    };
    client.setSecurity(
      new WSSecurity(CREDENTIALS.username, CREDENTIALS.password, { passwordType: 'PasswordText' }),
    );
    const [answer] = await client.SubmitTaxInfoConfirmationAsync({
      ...VALID,
      QQLSH: 'tax-submission-0004',
    });
    expect(answer).toMatchObject({ FHDM: '0000', QQLSH: 'tax-submission-0004', CFBZ: 'N' });
  });
});
