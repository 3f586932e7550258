import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueApiKey } from '@oncegate/access';
import { validateResidentId, validateUscc } from '@oncegate/identifiers';
import type { DepartmentSimulators } from '@oncegate/simulators';
import { ConsumerRepository } from '@oncegate/registry';
import { createClient } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { DepartmentSimulatorHost } from '../../apps/gateway/src/departments/department-simulator-host';
import { describeGateway, type TestGateway } from '../support/gateway';

/**
 * Who may read what: every request needs a known key and a stated purpose;
 * every operation its role; every data field the rule of its item in the
 * sharing catalogue — unconditional items arrive, conditional ones need the
 * provider's grant for this consumer and purpose until it expires, and items
 * that are not shared never leave.
 */

/** An applicant every department holds (an enterprise) and a person the social-insurance system holds. */
function subjects(sims: DepartmentSimulators): { uscc: string; residentId: string } {
  const systems = new Map<string, Set<string>>();
  for (const row of sims.truth) {
    const set = systems.get(row.applicantKey) ?? new Set<string>();
    set.add(row.system);
    systems.set(row.applicantKey, set);
  }
  const isId = (k: string) => validateResidentId(k).valid;
  const uscc = [...systems].find(([k, s]) => s.size === 4 && validateUscc(k).valid)?.[0];
  const residentId = [...systems].find(([k, s]) => isId(k) && s.has('social-insurance'))?.[0];
  if (!uscc || !residentId)
    throw new Error('the simulated data lacks the subjects this test needs');
  return { uscc, residentId };
}

const TAX = `query($v: String!) {
  applicantByIdentifier(scheme: USCC, value: $v) {
    name
    tax { taxpayerId status creditRating { level } hasArrears }
  }
}`;
type TaxView = {
  applicantByIdentifier: {
    name: string;
    tax: {
      taxpayerId: string;
      status: string;
      creditRating: unknown;
      hasArrears: boolean | null;
    } | null;
  } | null;
};

const REQUEST_GRANT = `mutation($items: [String!]!, $basis: String!) {
  requestDataGrant(input: { items: $items, basis: $basis }) {
    id provider status purpose dueAt overdue items { id sharingClass } consumer requestedBy
  }
}`;
const DECIDE = `mutation($input: DecideDataGrantInput!) {
  decideDataGrant(input: $input) { id status reason expiresAt decidedBy }
}`;

describeGateway(
  'access: consumers, purposes, roles and the sharing catalogue',
  (gateway: TestGateway) => {
    let uscc: string;
    let residentId: string;

    beforeAll(() => {
      ({ uscc, residentId } = subjects(gateway.app.get(DepartmentSimulatorHost).simulators()));
    });

    /** Changes a grant behind the gateway's back, as time would. */
    const setGrant = (id: string, changes: { expiresAt?: Date; dueAt?: Date }) =>
      gateway.app.get(DataSource).getRepository('DataGrantEntity').update({ id }, changes);

    const post = (headers: Record<string, string>, query = '{ procedures { code } }') =>
      gateway
        .http()
        .post('/graphql')
        .set({ 'Content-Type': 'application/json', ...headers })
        .send({ query });

    describe('keys and purposes', () => {
      it('refuses a request without a key, or with a bad one, with 401 UNAUTHENTICATED', async () => {
        const { key } = issueApiKey(); // well-formed, never stored
        const good = await gateway.key('eservice');
        for (const authorization of [
          undefined,
          'Basic abc',
          'Bearer nonsense',
          `Bearer ${key}`,
          `Bearer ${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`,
        ]) {
          const res = await post(
            authorization
              ? { Authorization: authorization, 'X-Purpose': 'ONE_STOP_SERVICE' }
              : { 'X-Purpose': 'ONE_STOP_SERVICE' },
          );
          expect(res.status).toBe(401);
          expect(res.headers['www-authenticate']).toContain('Bearer');
          expect(res.body).toEqual({
            errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
          });
          expect(JSON.stringify(res.body)).not.toContain(good.slice(-12));
        }
      });

      it('refuses a request without a purpose, or with one the catalogue does not know, with PURPOSE_REQUIRED', async () => {
        const key = await gateway.key('eservice');
        for (const purpose of [undefined, '', 'CURIOSITY']) {
          const res = await post({
            Authorization: `Bearer ${key}`,
            ...(purpose === undefined ? {} : { 'X-Purpose': purpose }),
          });
          expect(res.status).toBe(400);
          expect(res.body.errors[0].extensions).toMatchObject({
            code: 'PURPOSE_REQUIRED',
            purposes: expect.arrayContaining(['ONE_STOP_SERVICE']),
          });
        }
        const malformedCase = await post({
          Authorization: `Bearer ${key}`,
          'X-Purpose': 'ONE_STOP_SERVICE',
          'X-Case-Id': 'a b',
        });
        expect(malformedCase.status).toBe(400);
        expect(malformedCase.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        const ok = await post({
          Authorization: `Bearer ${key}`,
          'X-Purpose': 'ONE_STOP_SERVICE',
          'X-Case-Id': '330522-2026-0001',
        });
        expect(ok.status).toBe(200);
        expect(ok.body.data.procedures.length).toBeGreaterThan(0);
      });

      it('keeps GraphiQL’s page and /health open, and introspection closed without a key', async () => {
        await gateway.http().get('/health').expect(200);
        await gateway.http().get('/graphql').set('Accept', 'text/html').expect(200);
        const introspection = await post({}, '{ __schema { queryType { name } } }');
        expect(introspection.status).toBe(401);
        const withKey = await post(
          await gateway.as('auditor', 'AUDIT'),
          '{ __schema { queryType { name } } }',
        );
        expect(withKey.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      });

      it('stops a revoked consumer’s key, an expired key, and a rotated one', async () => {
        const consumers = gateway.app.get(ConsumerRepository);
        const first = issueApiKey();
        await consumers.create(
          { name: 'short-lived', roles: ['eservice'], department: null },
          {
            keyId: first.keyId,
            secretHash: first.secretHash,
            expiresAt: new Date(Date.now() + 60_000),
          },
        );
        const headers = (key: string) => ({
          Authorization: `Bearer ${key}`,
          'X-Purpose': 'ONE_STOP_SERVICE',
        });
        expect((await post(headers(first.key))).status).toBe(200);
        const second = issueApiKey();
        await consumers.rotate(
          'short-lived',
          { keyId: second.keyId, secretHash: second.secretHash, expiresAt: null },
          0,
        );
        // The gateway trusts a checked key for CONSUMER_CACHE_TTL_MS (5 s by default): wait it out.
        await new Promise((r) => setTimeout(r, 5_100));
        expect((await post(headers(first.key))).status).toBe(401);
        expect((await post(headers(second.key))).status).toBe(200);
        await consumers.revoke('short-lived', 'test');
        await new Promise((r) => setTimeout(r, 5_100));
        const revoked = await post(headers(second.key));
        expect(revoked.status).toBe(401);
        expect(revoked.body.errors[0].message).toMatch(/expired or was revoked/);
      });
    });

    describe('roles', () => {
      it('lets each operation be called only by its roles', async () => {
        const lookup = `{ applicantByIdentifier(scheme: USCC, value: "91330523MA2GLX7K8H") { id } }`;
        const forbidden = async (
          caller: Parameters<TestGateway['as']>[0],
          purpose: string,
          query: string,
        ) => {
          const res = await gateway.graphql<unknown>(query, {}, await gateway.as(caller, purpose));
          return res.errors?.map((e) => e.extensions.code) ?? [];
        };
        expect(await forbidden('auditor', 'AUDIT', lookup)).toEqual(['FORBIDDEN']);
        expect(await forbidden('admin', 'SYSTEM_ADMINISTRATION', lookup)).toEqual(['FORBIDDEN']);
        expect(await forbidden('eservice', 'ONE_STOP_SERVICE', lookup)).toEqual([]);
        expect(await forbidden('department:tax', 'TAX_ADMINISTRATION', lookup)).toEqual([]);
        const merge = `mutation { mergeApplicants(survivorId: "00000000-0000-4000-8000-000000000000", mergedId: "00000000-0000-4000-8000-000000000001", reason: "x") { id } }`;
        expect(await forbidden('eservice', 'ONE_STOP_SERVICE', merge)).toEqual(['FORBIDDEN']);
        expect(await forbidden('steward', 'DATA_GOVERNANCE', merge)).not.toContain('FORBIDDEN');
        const form = `{ applicationForm(applicantId: "00000000-0000-4000-8000-000000000000", procedures: ["TAX_INFO_CONFIRMATION"]) { missing } }`;
        expect(await forbidden('department:tax', 'TAX_ADMINISTRATION', form)).toEqual([
          'FORBIDDEN',
        ]);
        for (const caller of ['eservice', 'steward', 'auditor', 'admin', 'department:tax'] as const)
          expect(
            await forbidden(
              caller,
              'AUDIT',
              '{ procedures { code } sharingCatalogue { version } }',
            ),
          ).toEqual([]);
      });

      it('refuses a subscription without a key', async () => {
        const server = gateway.app.getHttpServer() as Server;
        if (!server.listening) await gateway.app.listen(0, '127.0.0.1');
        const { port } = server.address() as AddressInfo;
        const client = createClient({
          url: `ws://127.0.0.1:${port}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          lazy: true,
        });
        const closed = await new Promise<unknown>((resolve) => {
          client.subscribe(
            { query: 'subscription { applicantChanged { changeId } }' },
            { next: () => undefined, error: resolve, complete: () => resolve('completed') },
          );
        });
        await client.dispose();
        expect((closed as { code?: number }).code).toBe(4403);
      });
    });

    describe('the sharing catalogue, field by field', () => {
      it('gives unconditional items and refuses conditional ones without a grant, naming the item', async () => {
        const res = await gateway.graphql<TaxView>(TAX, { v: uscc }, await gateway.as('eservice'));
        const tax = res.data!.applicantByIdentifier!.tax!;
        expect(tax.taxpayerId).toBe(uscc);
        expect(tax.status).toEqual(expect.any(String));
        expect(tax.creditRating).toBeNull();
        expect(tax.hasArrears).toBeNull();
        expect(
          res
            .errors!.map((e) => [
              e.path!.join('.'),
              e.extensions.code,
              e.extensions.item,
              e.extensions.reason,
            ])
            .sort(),
        ).toEqual([
          [
            'applicantByIdentifier.tax.creditRating',
            'FORBIDDEN_DATA_ITEM',
            'tax.credit-rating',
            'NO_GRANT',
          ],
          [
            'applicantByIdentifier.tax.hasArrears',
            'FORBIDDEN_DATA_ITEM',
            'tax.arrears',
            'NO_GRANT',
          ],
        ]);
      });

      it('lets the providing department read its own conditional items', async () => {
        const res = await gateway.graphql<TaxView>(
          TAX,
          { v: uscc },
          await gateway.as('department:tax', 'TAX_ADMINISTRATION'),
        );
        expect(res.errors).toBeUndefined();
        expect(res.data!.applicantByIdentifier!.tax!.hasArrears).toEqual(expect.any(Boolean));
        const other = await gateway.graphql<TaxView>(
          TAX,
          { v: uscc },
          await gateway.as('department:land-planning', 'LAND_PLANNING_APPROVAL'),
        );
        expect(other.errors!.map((e) => e.extensions.item).sort()).toEqual([
          'tax.arrears',
          'tax.credit-rating',
        ]);
      });

      it('never gives a not-shared item, not even to its providing department', async () => {
        const query = `query($v: String!) { applicantByIdentifier(scheme: RESIDENT_ID, value: $v) {
        socialInsurance { person { name crossRegionMedicalFilings { filingNo } } } } }`;
        const res = await gateway.graphql<{
          applicantByIdentifier: {
            socialInsurance: {
              person: { name: string; crossRegionMedicalFilings: unknown } | null;
            } | null;
          };
        }>(
          query,
          { v: residentId },
          await gateway.as('department:social-insurance', 'SOCIAL_INSURANCE_ADMINISTRATION'),
        );
        expect(res.data?.applicantByIdentifier).toBeTruthy();
        const person = res.data!.applicantByIdentifier.socialInsurance!.person!;
        expect(person.name).toEqual(expect.any(String));
        expect(person.crossRegionMedicalFilings).toBeNull();
        expect(res.errors).toEqual([
          expect.objectContaining({
            path: [
              'applicantByIdentifier',
              'socialInsurance',
              'person',
              'crossRegionMedicalFilings',
            ],
            extensions: expect.objectContaining({
              code: 'FORBIDDEN_DATA_ITEM',
              item: 'si.medical-filings',
              reason: 'NOT_SHARED',
            }),
          }),
        ]);
      });
    });

    describe('grants', () => {
      it('takes a request, lets only the provider decide it, and then allows the items for that purpose until expiry or revocation', async () => {
        const portal = await gateway.as('eservice', 'CREDIT_SUPERVISION');
        const requested = await gateway.graphql<{
          requestDataGrant: {
            id: string;
            provider: string;
            status: string;
            dueAt: string;
            overdue: boolean;
            items: { id: string }[];
            consumer: string;
            requestedBy: string;
          }[];
        }>(
          REQUEST_GRANT,
          {
            items: ['tax.credit-rating', 'tax.arrears', 'si.arrears'],
            basis: '《企业信息公示暂行条例》联合惩戒核查',
          },
          { ...portal, 'X-User-Id': 'credit-officer-3' },
        );
        expect(requested.errors).toBeUndefined();
        const grants = requested.data!.requestDataGrant;
        expect(grants.map((g) => g.provider).sort()).toEqual(['social-insurance', 'tax']);
        const tax = grants.find((g) => g.provider === 'tax')!;
        expect(tax).toMatchObject({
          status: 'REQUESTED',
          overdue: false,
          consumer: 'test-eservice',
          requestedBy: 'user:credit-officer-3@test-eservice',
        });
        expect(tax.items.map((i) => i.id).sort()).toEqual(['tax.arrears', 'tax.credit-rating']);
        // 10 working days: at least two calendar weeks later.
        expect(new Date(tax.dueAt).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);

        const future = new Date(Date.now() + 90 * 86_400_000).toISOString();
        const approve = (caller: Parameters<TestGateway['as']>[0]) =>
          gateway.as(caller, 'TAX_ADMINISTRATION').then((h) =>
            gateway.graphql<{ decideDataGrant: { status: string } }>(
              DECIDE,
              {
                input: {
                  grantId: tax.id,
                  decision: 'APPROVE',
                  reason: '依法同意',
                  expiresAt: future,
                },
              },
              h,
            ),
          );
        expect((await approve('department:land-planning')).errors?.[0].extensions.code).toBe(
          'FORBIDDEN',
        );
        expect((await approve('department:tax')).data?.decideDataGrant.status).toBe('APPROVED');
        expect((await approve('department:tax')).errors?.[0].extensions.code).toBe('CONFLICT');

        const read = async (purpose: string) => {
          const res = await gateway.graphql<TaxView>(
            TAX,
            { v: uscc },
            await gateway.as('eservice', purpose),
          );
          return (
            res.errors
              ?.map((e) => `${String(e.extensions.item)}:${String(e.extensions.reason)}`)
              .sort() ?? []
          );
        };
        expect(await read('CREDIT_SUPERVISION')).toEqual([]);
        // The grant is for its purpose only.
        expect(await read('ONE_STOP_SERVICE')).toEqual([
          'tax.arrears:NO_GRANT',
          'tax.credit-rating:NO_GRANT',
        ]);

        // Expired (set behind the gateway's back): refused again, saying so.
        await setGrant(tax.id, { expiresAt: new Date(Date.now() - 1000) });
        expect(await read('CREDIT_SUPERVISION')).toEqual([
          'tax.arrears:GRANT_EXPIRED',
          'tax.credit-rating:GRANT_EXPIRED',
        ]);
        await setGrant(tax.id, { expiresAt: new Date(future) });
        expect(await read('CREDIT_SUPERVISION')).toEqual([]);

        const revoked = await gateway.graphql<{
          revokeDataGrant: { status: string; reason: string };
        }>(
          `mutation($id: ID!) { revokeDataGrant(grantId: $id, reason: "核查结束") { status reason } }`,
          { id: tax.id },
          await gateway.as('department:tax', 'TAX_ADMINISTRATION'),
        );
        expect(revoked.data?.revokeDataGrant).toEqual({ status: 'REVOKED', reason: '核查结束' });
        expect(await read('CREDIT_SUPERVISION')).toEqual([
          'tax.arrears:NO_GRANT',
          'tax.credit-rating:NO_GRANT',
        ]);
      });

      it('refuses requests no grant can cover, and a refusal without reasons', async () => {
        const res = await gateway.graphql<unknown>(
          REQUEST_GRANT,
          {
            items: ['tax.registration', 'si.medical-filings', 'no.such-item'],
            basis: '为审批核查需要',
          },
          await gateway.as('eservice'),
        );
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          problems: [
            { item: 'tax.registration', message: expect.stringContaining('unconditional') },
            { item: 'si.medical-filings', message: expect.stringContaining('不予共享') },
            { item: 'no.such-item', message: expect.stringContaining('not an item') },
          ],
        });
        const requested = await gateway.graphql<{ requestDataGrant: { id: string }[] }>(
          REQUEST_GRANT,
          { items: ['land.transfer-contract'], basis: '出让合同履约核查' },
          await gateway.as('eservice'),
        );
        const id = requested.data!.requestDataGrant[0].id;
        const land = await gateway.as('department:land-planning', 'LAND_PLANNING_APPROVAL');
        const noReason = await gateway.graphql<unknown>(
          DECIDE,
          { input: { grantId: id, decision: 'REJECT', reason: '' } },
          land,
        );
        expect(noReason.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
        const noExpiry = await gateway.graphql<unknown>(
          DECIDE,
          { input: { grantId: id, decision: 'APPROVE', reason: '同意' } },
          land,
        );
        expect(noExpiry.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
        const rejected = await gateway.graphql<{
          decideDataGrant: { status: string; reason: string };
        }>(DECIDE, { input: { grantId: id, decision: 'REJECT', reason: '涉及商业秘密' } }, land);
        expect(rejected.data?.decideDataGrant).toMatchObject({
          status: 'REJECTED',
          reason: '涉及商业秘密',
        });
      });

      it('shows an unanswered request as overdue after 10 working days, to its consumer and its provider', async () => {
        const requested = await gateway.graphql<{ requestDataGrant: { id: string }[] }>(
          REQUEST_GRANT,
          { items: ['project.investment'], basis: '项目融资核查' },
          await gateway.as('eservice'),
        );
        const id = requested.data!.requestDataGrant[0].id;
        await setGrant(id, { dueAt: new Date(Date.now() - 60_000) });
        const overdue = `{ dataGrants(overdue: true) { id overdue provider } }`;
        for (const caller of ['eservice', 'department:project-approval', 'auditor'] as const) {
          const res = await gateway.graphql<{ dataGrants: { id: string; overdue: boolean }[] }>(
            overdue,
            {},
            await gateway.as(caller, 'AUDIT'),
          );
          expect(res.data!.dataGrants).toEqual(
            expect.arrayContaining([{ id, overdue: true, provider: 'project-approval' }]),
          );
        }
        const other = await gateway.graphql<{ dataGrants: { id: string }[] }>(
          overdue,
          {},
          await gateway.as('department:tax', 'AUDIT'),
        );
        expect(other.data!.dataGrants.map((g) => g.id)).not.toContain(id);
      });
    });
  },
);
