import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { departmentContract } from '@oncegate/adapters';
import { startSimulator, type RunningSimulator } from '../shared';
import {
  socialInsuranceSignature,
  type SocialInsuranceCredential,
} from './social-insurance.signature';
import { createSocialInsuranceSimulator } from './social-insurance.simulator';
import { SOCIAL_INSURANCE_SUBMISSION_PATH } from './social-insurance.submissions';

/**
 * Contract test, system side, of 单位参保登记
 * (`POST /si/api/v1/unit-registrations`): the contract's example request,
 * signed, is accepted (201, then 200 for the same key), every refusal comes
 * with its code, and response validation is on throughout — any answer that
 * broke the contract would be reported as a violation and turned into a 500.
 */
type Json = Record<string, unknown>;
const contract = parse(
  readFileSync(departmentContract('social-insurance.openapi.yaml'), 'utf8'),
) as {
  paths: Record<
    string,
    {
      post: {
        requestBody: { content: Record<string, { examples: Record<string, { value: Json }> }> };
      };
    }
  >;
};
const example =
  contract.paths[SOCIAL_INSURANCE_SUBMISSION_PATH].post.requestBody.content['application/json']
    .examples.newCompany.value;
const CREDENTIAL: SocialInsuranceCredential = {
  appKey: 'county-gateway-01',
  appSecret: 'a-test-secret-0001',
};

describe('social-insurance simulator: 单位参保登记 as the contract says', () => {
  let running: RunningSimulator;
  const violations: string[] = [];

  const post = async (
    value: unknown,
    key?: string,
    options: { secret?: string } = {},
  ): Promise<{ status: number; body: Json }> => {
    const body = typeof value === 'string' ? value : JSON.stringify(value);
    const timestamp = String(Date.now());
    const nonce = randomUUID();
    const res = await fetch(running.url + SOCIAL_INSURANCE_SUBMISSION_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-app-key': CREDENTIAL.appKey,
        'x-timestamp': timestamp,
        'x-nonce': nonce,
        'x-signature': socialInsuranceSignature(options.secret ?? CREDENTIAL.appSecret, {
          method: 'POST',
          path: SOCIAL_INSURANCE_SUBMISSION_PATH,
          query: '',
          timestamp,
          nonce,
          body,
        }),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    running = await startSimulator(
      createSocialInsuranceSimulator(
        { employers: [], persons: [] },
        { credentials: [CREDENTIAL], onContractViolation: (m) => violations.push(m) },
      ),
    );
  });
  beforeEach(() => running.simulator.submissions.clear());
  afterEach(() => expect(violations).toEqual([]));
  afterAll(() => running.close());

  it('accepts the contract’s example (201), and the same key again (200, duplicate)', async () => {
    const first = await post(example, 'si-example-0001');
    expect(first).toEqual({
      status: 201,
      body: {
        code: 'SUCCESS',
        message: '受理成功',
        request_id: expect.any(String) as unknown,
        data: {
          acceptance_no: expect.stringMatching(/^SI-ACC-\d{8}-000001$/) as unknown,
          accepted_at: expect.stringMatching(/^\d{14}$/) as unknown,
          duplicate: false,
        },
      },
    });
    const again = await post(example, 'si-example-0001');
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ ...(first.body.data as Json), duplicate: true });
    expect(running.simulator.submissions.list()).toEqual([
      expect.objectContaining({ reference: example.external_no, content: example, deliveries: 2 }),
    ]);
  });

  it('refuses the same key with another body with 409 IDEMPOTENCY_CONFLICT', async () => {
    await post(example, 'si-example-0002');
    expect(await post({ ...example, employee_count: 13 }, 'si-example-0002')).toMatchObject({
      status: 409,
      body: { code: 'IDEMPOTENCY_CONFLICT' },
    });
  });

  it.each([
    ['no Idempotency-Key', example, undefined],
    ['a missing field', { ...example, bank_account: undefined }, 'si-example-0003'],
    ['a medical line', { ...example, insurance_types: ['110', '310'] }, 'si-example-0004'],
    ['a line twice', { ...example, insurance_types: ['110', '110'] }, 'si-example-0005'],
    ['no employees', { ...example, employee_count: 0 }, 'si-example-0006'],
    ['a yyyy-MM-dd time', { ...example, applied_at: '2026-11-25' }, 'si-example-0007'],
  ])('refuses %s with 400 INVALID_REQUEST and counts it', async (_what, body, key) => {
    const answer = await post(body, key);
    expect(answer).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(running.simulator.submissions.counts()).toMatchObject({ rejected: 1, received: 0 });
  });

  it.each([
    ['a USCC whose check character is wrong', { uscc: '91330522MA2B7K3Q5F' }, ['uscc']],
    [
      'a 身份证号码 whose check character is wrong',
      { legal_rep_cert_no: '330522198506151236' },
      ['legal_rep_cert_no'],
    ],
    ['a 申请时间 that does not exist', { applied_at: '20261131093000' }, ['applied_at']],
  ])('refuses %s with 422 VALIDATION_FAILED naming the field', async (_what, change, fields) => {
    const answer = await post({ ...example, ...change }, 'si-example-0008');
    expect(answer).toMatchObject({
      status: 422,
      body: { code: 'VALIDATION_FAILED', invalid_fields: fields },
    });
    expect(running.simulator.submissions.counts()).toMatchObject({ rejected: 1, distinctKeys: 0 });
  });

  it('takes another certificate than a 居民身份证 as given', async () => {
    const answer = await post(
      { ...example, legal_rep_cert_type: '99', legal_rep_cert_no: 'E12345678' },
      'si-example-0009',
    );
    expect(answer.status).toBe(201);
  });

  it('refuses a bad signature with 401 before anything else, not as a refused submission', async () => {
    const answer = await post(example, 'si-example-0010', { secret: 'not-the-secret' });
    expect(answer).toMatchObject({ status: 401, body: { code: 'BAD_SIGNATURE' } });
    expect(running.simulator.submissions.counts().rejected).toBe(0);
  });
});
