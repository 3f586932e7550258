import { DepartmentSimulatorHost } from '../../apps/gateway/src/departments/department-simulator-host';
import type { DepartmentSimulators } from '@oncegate/simulators';
import { describeGateway, type TestGateway } from '../support/gateway';
import { enterpriseInAllFour } from '../support/four-departments';

/**
 * Journey: a department system asks what the four departments know about an
 * applicant and gets one answer — complete when all are up, partial and
 * labelled when one is down, slow or broken — while the gateway keeps serving.
 */
const TIMEOUT_MS = 600;
const DEPARTMENT_ENV: Record<string, string> = {};
for (const prefix of ['PROJECT_APPROVAL', 'LAND_PLANNING', 'TAX', 'SOCIAL_INSURANCE']) {
  DEPARTMENT_ENV[`${prefix}_TIMEOUT_MS`] = String(TIMEOUT_MS);
  DEPARTMENT_ENV[`${prefix}_CACHE_TTL_MS`] = '0';
  DEPARTMENT_ENV[`${prefix}_RETRIES`] = '1';
  DEPARTMENT_ENV[`${prefix}_BREAKER_THRESHOLD`] = '1000';
}

/** The unconditional items of the four departments (test/e2e/access.e2e-spec.ts reads the conditional ones). */
const FOUR = `query($v: String!) {
  applicantByIdentifier(scheme: USCC, value: $v) {
    id name
    projects { projectCode name route stages { name status } }
    landParcels { realEstateUnitNo parcelCode areaSquareMeters }
    tax { taxpayerId status }
    socialInsurance { employer { uscc insuredCount lines { insuranceType contributionStatus } } }
  }
}`;

type Four = {
  applicantByIdentifier: {
    name: string;
    projects: Array<{ projectCode: string }> | null;
    landParcels: Array<{ realEstateUnitNo: string }> | null;
    tax: { taxpayerId: string; status: string } | null;
    socialInsurance: { employer: { uscc: string } | null } | null;
  } | null;
};

describeGateway(
  'reading across the four departments',
  (gateway: TestGateway) => {
    let sims: DepartmentSimulators;
    let uscc: string;

    beforeAll(async () => {
      sims = gateway.app.get(DepartmentSimulatorHost).simulators();
      uscc = enterpriseInAllFour(sims);
      // Cold start: the simulators compile their contract validators and the SOAP client reads its WSDL on first
      // use, which can exceed the short timeouts these tests use. Warm everything up once, outside the assertions.
      await gateway.graphql(FOUR, { v: uscc });
      await gateway.graphql(
        '{ searchApplicants(name: "有限", first: 20) { tax { status } landParcels { parcelCode } } }',
      );
    });
    afterEach(() => {
      for (const d of ['project-approval', 'land-planning', 'tax', 'social-insurance'] as const)
        sims.simulator(d).faults.reset();
    });

    it('answers all four sections in one response', async () => {
      const res = await gateway.graphql<Four>(FOUR, { v: uscc });
      expect(res.errors).toBeUndefined();
      const a = res.data?.applicantByIdentifier;
      expect(a?.projects?.length).toBeGreaterThan(0);
      expect(a?.landParcels?.length).toBeGreaterThan(0);
      expect(a?.tax?.taxpayerId).toBe(uscc);
      expect(a?.socialInsurance?.employer?.uscc).toBe(uscc);
    });

    it('answers the others when one department is down, naming it', async () => {
      sims.simulator('tax').faults.update({ down: true });
      const started = Date.now();
      const res = await gateway.graphql<Four>(FOUR, { v: uscc });
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
      expect(res.status).toBe(200);
      expect(res.data?.applicantByIdentifier?.tax).toBeNull();
      expect(res.data?.applicantByIdentifier?.projects?.length).toBeGreaterThan(0);
      expect(res.data?.applicantByIdentifier?.socialInsurance?.employer).not.toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0]).toMatchObject({
        path: ['applicantByIdentifier', 'tax'],
        extensions: { code: 'SOURCE_UNAVAILABLE', source: 'tax' },
      });
    });

    it('gives up on a hanging department at its timeout, the others unaffected', async () => {
      sims.simulator('land-planning').faults.update({ hangRate: 1 });
      const started = Date.now();
      const res = await gateway.graphql<Four>(FOUR, { v: uscc });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
      expect(res.data?.applicantByIdentifier?.landParcels).toBeNull();
      expect(res.data?.applicantByIdentifier?.tax?.taxpayerId).toBe(uscc);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'SOURCE_TIMEOUT',
        source: 'land-planning',
      });
    });

    it('reports a malformed body as SOURCE_INVALID_RESPONSE and keeps serving', async () => {
      sims.simulator('social-insurance').faults.update({ malformedRate: 1 });
      const bad = await gateway.graphql<Four>(FOUR, { v: uscc });
      expect(bad.data?.applicantByIdentifier?.socialInsurance).toBeNull();
      expect(bad.errors?.[0].extensions).toMatchObject({
        code: 'SOURCE_INVALID_RESPONSE',
        source: 'social-insurance',
      });
      sims.simulator('social-insurance').faults.reset();
      const good = await gateway.graphql<Four>(FOUR, { v: uscc });
      expect(good.errors).toBeUndefined();
      expect(good.data?.applicantByIdentifier?.socialInsurance?.employer?.uscc).toBe(uscc);
    });

    it('reports one error per failing department for a whole list, not one per row', async () => {
      sims.simulator('tax').faults.update({ errorRate: 1 });
      const res = await gateway.graphql<{ searchApplicants: Array<{ tax: unknown }> }>(
        '{ searchApplicants(name: "有限", first: 10) { name tax { status } } }',
      );
      expect(res.data?.searchApplicants).toHaveLength(10);
      expect(res.data?.searchApplicants.every((a) => a.tax === null)).toBe(true);
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'SOURCE_UNAVAILABLE',
        source: 'tax',
      });
      expect((res.errors?.[0].extensions.paths as unknown[]).length).toBe(10);
    });

    it('costs one call per department for a page of 20 applicants', async () => {
      const res = await gateway.graphql<{ searchApplicants: unknown[] }>(
        `{ searchApplicants(name: "有限", first: 20) {
            projects { projectCode } landParcels { realEstateUnitNo } tax { status } socialInsurance { employer { uscc } }
        } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.searchApplicants).toHaveLength(20);
      for (const d of ['project-approval', 'land-planning', 'tax', 'social-insurance'] as const) {
        const calls = Object.values(sims.simulator(d).faults.stats()).reduce((a, b) => a + b, 0);
        expect({ department: d, calls }).toEqual({ department: d, calls: 1 });
      }
    });

    it('refuses unsigned requests at the social-insurance system (HMAC)', async () => {
      const url = sims.urls['social-insurance'] as string;
      const res = await fetch(`${url}/si/api/v1/employers/${uscc}`);
      expect(res.status).toBe(401);
    });
  },
  DEPARTMENT_ENV,
);
