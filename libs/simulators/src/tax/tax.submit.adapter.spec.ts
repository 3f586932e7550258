import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTaxAdapter,
  departmentContract,
  readTaxConfig,
  taxSubmissionFixture,
  type TaxConfig,
} from '@oncegate/adapters';
import { startSimulator, type RunningSimulator } from '../shared';
import { describeSubmissionScenarios } from '../shared/testing/submission-scenarios';
import { createTaxSimulator } from './tax.simulator';
import { checkSoapMessage, WsdlSchema } from './testing/wsdl-schema.validator';

/**
 * SubmitTaxInfoConfirmation end to end: the real adapter (`@oncegate/adapters`)
 * against the simulated tax system over SOAP. The simulator's answers are
 * checked against the WSDL in `tax.submissions.spec.ts`; here the adapter's
 * own request is too, caught on its way. Lives here because adapters may not
 * import simulators.
 */
const CREDENTIALS = { username: 'oncegate', password: 'demo-secret' };

const config = (url: string, overrides: Record<string, string> = {}): TaxConfig => {
  const read = readTaxConfig({
    TAX_URL: url,
    TAX_USERNAME: CREDENTIALS.username,
    TAX_PASSWORD: CREDENTIALS.password,
    ...overrides,
  });
  if (!read) throw new Error('no config');
  return read;
};

describeSubmissionScenarios('tax', {
  start: () =>
    startSimulator(createTaxSimulator({ registrations: [] }, { credentials: CREDENTIALS })),
  adapter: (url, policy) =>
    createTaxAdapter(
      config(url, {
        TAX_TIMEOUT_MS: String(policy.timeoutMs),
        TAX_RETRIES: String(policy.retries),
        TAX_BREAKER_THRESHOLD: String(policy.breakerThreshold),
      }),
    ),
  submission: taxSubmissionFixture,
  refused: {
    items: { 'applicant.legalRepIdNo': '330522198506151236' },
    departmentCode: '1007',
    names: 'items: applicant.legalRepIdNo',
  },
  conflictCode: '1008',
  route: 'POST /ws/TaxpayerInfoService',
  expectKept: (content) =>
    expect(content).toEqual({
      QQLSH: expect.any(String) as unknown,
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
    }),
});

describe('tax: the adapter’s SubmitTaxInfoConfirmation on the wire', () => {
  const schema = new WsdlSchema(readFileSync(departmentContract('tax.wsdl'), 'utf8'));
  let running: RunningSimulator;
  let proxy: Server;
  let proxyUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    running = await startSimulator(
      createTaxSimulator({ registrations: [] }, { credentials: CREDENTIALS }),
    );
    // Passes every request on to the simulator, keeping its body.
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (req.method === 'POST') seen.push(body);
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(
            (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
          ),
        );
        void fetch(running.url + (req.url ?? '/'), {
          method: req.method,
          headers,
          body: req.method === 'POST' ? body : undefined,
        }).then(async (answer) => {
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? '',
          });
          res.end(await answer.text());
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await running.close();
  });

  it('is a SOAP 1.1 message whose body is valid against the WSDL’s schema, with a UsernameToken', async () => {
    const adapter = createTaxAdapter(config(proxyUrl));
    try {
      await expect(adapter.submit(taxSubmissionFixture())).resolves.toMatchObject({
        duplicate: false,
      });
    } finally {
      await adapter.close();
    }
    const [request] = seen;
    expect(checkSoapMessage(schema, request)).toEqual({
      bodyElement: 'SubmitTaxInfoConfirmationRequest',
      errors: [],
    });
    expect(request).toContain('UsernameToken');
  });
});
