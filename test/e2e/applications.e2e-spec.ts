import { DEMO_CONSTRUCTION_PROCEDURES, demoConstructionItems } from '@oncegate/demo';
import { DataSource } from 'typeorm';
import { describeGateway, type TestGateway } from '../support/gateway';

/**
 * Journey: an enterprise starting a construction project fills one form for
 * five procedures at four departments. OnceGate prefills what it knows,
 * refuses bad input without storing anything, stores the application with
 * one delivery per procedure, delivers each to its department (in-process
 * simulators) exactly once, and records what the departments report against
 * each procedure's statutory clock.
 */
const ALL = [...DEMO_CONSTRUCTION_PROCEDURES];

/** What the applicant types: every item OnceGate cannot know. */
const TYPED = demoConstructionItems();

const APPLICATION = `
  id applicationNo status applicantId
  items { id value origin source { system } }
  procedures {
    procedure { code department timeLimit { days unit } }
    status receiptNo itemsReceived
    delivery { state attempts lastError receiptNo }
    timeline { startedAt dueAt elapsedDays remainingDays overdue paused finished }
  }
  events { seq type procedure actor note }
  reuse { typed prefilled delivered entriesSaved perDepartment { department procedure items prefilled typed } }
`;

interface AppView {
  id: string;
  applicationNo: string;
  status: string;
  items: { id: string; value: string; origin: string; source: { system: string | null } | null }[];
  procedures: {
    procedure: { code: string; department: string };
    status: string;
    receiptNo: string | null;
    itemsReceived: number;
    delivery: {
      state: string;
      attempts: number;
      lastError: string | null;
      receiptNo: string | null;
    };
    timeline: {
      startedAt: string | null;
      dueAt: string | null;
      elapsedDays: number;
      remainingDays: number | null;
      overdue: boolean;
      paused: boolean;
      finished: boolean;
    };
  }[];
  events: {
    seq: number;
    type: string;
    procedure: string | null;
    actor: string;
    note: string | null;
  }[];
  reuse: {
    typed: number;
    prefilled: number;
    delivered: number;
    entriesSaved: number;
    perDepartment: {
      department: string;
      procedure: string;
      items: number;
      prefilled: number;
      typed: number;
    }[];
  };
}

async function enterprise(gateway: TestGateway): Promise<string> {
  const res = await gateway.graphql<{
    searchApplicants: { id: string; kind: string; identifiers: { scheme: string }[] }[];
  }>(`query { searchApplicants(name: "有限公司", first: 50) { id kind identifiers { scheme } } }`);
  const found = res.data!.searchApplicants.find(
    (a) => a.kind === 'ENTERPRISE' && a.identifiers.some((i) => i.scheme === 'USCC'),
  );
  return found!.id;
}

function items(values: Record<string, string>) {
  return Object.entries(values).map(([id, value]) => ({ id, value }));
}

const SUBMIT = `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { ${APPLICATION} } }`;

/** Polls the application until every delivery is settled (or the time runs out). */
async function settled(gateway: TestGateway, id: string, ms = 15_000): Promise<AppView> {
  const until = Date.now() + ms;
  for (;;) {
    const res = await gateway.graphql<{ application: AppView }>(
      `query ($id: ID!) { application(id: $id) { ${APPLICATION} } }`,
      { id },
    );
    const app = res.data!.application;
    if (app.procedures.every((p) => p.delivery.state !== 'PENDING') || Date.now() > until)
      return app;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeGateway(
  'applications: one form, many departments',
  (gateway) => {
    let applicantId: string;
    let applicationId: string;
    const count = async (table: string): Promise<number> =>
      Number(
        (
          await gateway.app
            .get(DataSource)
            .query<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM ${table}`)
        )[0].n,
      );

    beforeAll(async () => {
      applicantId = await enterprise(gateway);
    });

    it('lists the procedures with their departments and legal time limits', async () => {
      const res = await gateway.graphql<{
        procedures: {
          code: string;
          department: string;
          timeLimit: { days: number; unit: string };
        }[];
      }>('{ procedures { code department timeLimit { days unit } } }');
      expect(res.data!.procedures.map((p) => p.code)).toEqual(ALL);
      expect(res.data!.procedures[4]).toMatchObject({
        department: 'SOCIAL_INSURANCE',
        timeLimit: { days: 15, unit: 'CALENDAR' },
      });
    });

    it('builds one form for five procedures, prefilled from what the registry holds', async () => {
      const res = await gateway.graphql<{
        applicationForm: {
          items: { id: string; status: string; value: string | null; requiredBy: string[] }[];
          prefilled: number;
          missing: number;
        };
      }>(
        `query ($a: ID!, $p: [String!]!) { applicationForm(applicantId: $a, procedures: $p) {
           items { id status value requiredBy } prefilled missing } }`,
        { a: applicantId, p: ALL },
      );
      expect(res.errors).toBeUndefined();
      const form = res.data!.applicationForm;
      const byId = new Map(form.items.map((i) => [i.id, i]));
      expect(byId.get('applicant.uscc')).toMatchObject({ status: 'PREFILLED' });
      expect(byId.get('applicant.uscc')!.value).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
      expect(byId.get('applicant.name')).toMatchObject({ status: 'PREFILLED' });
      expect(byId.get('applicant.legalRepIdNo')).toMatchObject({ status: 'MISSING', value: null });
      expect(byId.get('applicant.name')!.requiredBy).toEqual(ALL);
      // Every item once, however many procedures need it.
      expect(form.items.length).toBe(new Set(form.items.map((i) => i.id)).size);
      expect(form.prefilled + form.missing).toBe(form.items.length);
      expect(form.prefilled).toBeGreaterThanOrEqual(2);
    });

    it('refuses a form with bad items, naming every problem, and stores nothing', async () => {
      const bad = {
        ...TYPED,
        'contact.phone': '1234',
        'project.plannedCompletion': '2026-01-01',
        'si.insuranceTypes': 'PENSION,PENSION',
      };
      delete (bad as Record<string, string>)['project.name'];
      const res = await gateway.graphql(SUBMIT, {
        input: {
          idempotencyKey: 'bad-input-0001',
          applicantId,
          procedures: ALL,
          items: items(bad),
        },
      });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const problems = (res.errors![0].extensions.problems as { item: string }[]).map(
        (p) => p.item,
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          'contact.phone',
          'project.plannedCompletion',
          'si.insuranceTypes',
          'project.name',
        ]),
      );
      // A personal value is never echoed back.
      expect(JSON.stringify(res.errors)).not.toContain('1234');
      expect(await count('applications')).toBe(0);
      expect(await count('deliveries')).toBe(0);
    });

    it('refuses malformed input before looking at it', async () => {
      const res = await gateway.graphql(SUBMIT, {
        input: { idempotencyKey: 'x', applicantId: 'nope', procedures: [], items: [] },
      });
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const fields = (res.errors![0].extensions.problems as { field: string }[]).map(
        (p) => p.field,
      );
      expect(fields).toEqual(
        expect.arrayContaining(['idempotencyKey', 'applicantId', 'procedures']),
      );
      const unknown = await gateway.graphql(SUBMIT, {
        input: {
          idempotencyKey: 'unknown-proc-1',
          applicantId,
          procedures: ['NO_SUCH_THING'],
          items: [],
        },
      });
      expect(unknown.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        unknownProcedures: ['NO_SUCH_THING'],
      });
    });

    it('stores the application, returns at once, and delivers it to each department', async () => {
      const res = await gateway.graphql<{ submitApplication: AppView }>(SUBMIT, {
        input: {
          idempotencyKey: 'e2e-application-0001',
          applicantId,
          procedures: ALL,
          items: items(TYPED),
        },
      });
      expect(res.errors).toBeUndefined();
      const submitted = res.data!.submitApplication;
      applicationId = submitted.id;
      expect(submitted.applicationNo).toMatch(/^OG-\d{8}-[0-9A-Z]{6}$/);
      expect(submitted.events[0]).toMatchObject({ seq: 1, type: 'SUBMITTED' });
      const app = await settled(gateway, applicationId);
      for (const p of app.procedures) {
        expect(p.delivery).toMatchObject({ state: 'DELIVERED', lastError: null });
        expect(p.receiptNo).toBeTruthy();
        expect(p.status).toBe('DELIVERED');
        expect(p.timeline.startedAt).not.toBeNull();
        expect(p.timeline.overdue).toBe(false);
      }
      expect(app.events.filter((e) => e.type === 'DELIVERED')).toHaveLength(5);
    });

    it('measures reuse: typed once, prefilled, received by each department', async () => {
      const app = await settled(gateway, applicationId);
      expect(app.reuse.typed).toBe(Object.keys(TYPED).length);
      expect(app.reuse.prefilled).toBeGreaterThanOrEqual(2);
      expect(app.reuse.perDepartment).toHaveLength(5);
      expect(app.reuse.delivered).toBe(app.reuse.perDepartment.reduce((n, d) => n + d.items, 0));
      expect(app.reuse.entriesSaved).toBe(app.reuse.delivered - app.reuse.typed);
      expect(app.reuse.entriesSaved).toBeGreaterThan(app.reuse.typed);
      const tax = app.reuse.perDepartment.find((d) => d.procedure === 'TAX_INFO_CONFIRMATION')!;
      expect(tax).toMatchObject({ department: 'TAX', items: 9 });
      const prefilledUscc = app.items.find((i) => i.id === 'applicant.uscc')!;
      expect(prefilledUscc.origin).toBe('PREFILLED');
    });

    it('gives the same application for the same key, and refuses the key for another request', async () => {
      const again = await gateway.graphql<{ submitApplication: { id: string } }>(SUBMIT, {
        input: {
          idempotencyKey: 'e2e-application-0001',
          applicantId,
          procedures: ALL,
          items: items(TYPED),
        },
      });
      expect(again.data!.submitApplication.id).toBe(applicationId);
      const other = await gateway.graphql(SUBMIT, {
        input: {
          idempotencyKey: 'e2e-application-0001',
          applicantId,
          procedures: ALL,
          items: items({ ...TYPED, 'si.employeeCount': '36' }),
        },
      });
      expect(other.errors?.[0].extensions).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        applicationId,
      });
      expect(await count('applications')).toBe(1);
      expect(await count('deliveries')).toBe(5);
    });

    const REPORT = `mutation ($input: ReportApplicationStatusInput!) { reportApplicationStatus(input: $input) { ${APPLICATION} } }`;
    /** Each procedure is reported by its own department's system, through an official of it. */
    const DEPARTMENT_OF: Record<string, string> = {
      INVESTMENT_PROJECT_APPROVAL: 'project-approval',
      LAND_PREEXAM_SITE_SELECTION: 'land-planning',
      LAND_USE_PLANNING_PERMIT: 'land-planning',
      TAX_INFO_CONFIRMATION: 'tax',
      SI_UNIT_REGISTRATION: 'social-insurance',
    };
    const report = async (procedure: string, status: string, note?: string) =>
      gateway.graphql<{ reportApplicationStatus: AppView }>(
        REPORT,
        { input: { applicationId, procedure, status, note } },
        {
          ...(await gateway.as(`department:${DEPARTMENT_OF[procedure] ?? 'tax'}`)),
          'X-User-Id': 'tax-officer-7',
        },
      );

    it('takes the departments’ reports, pausing the clock while an application is returned', async () => {
      expect((await report('TAX_INFO_CONFIRMATION', 'RECEIVED')).errors).toBeUndefined();
      expect((await report('TAX_INFO_CONFIRMATION', 'ACCEPTED')).errors).toBeUndefined();
      const returned = await report('LAND_USE_PLANNING_PERMIT', 'RETURNED', '缺少宗地图');
      const land = returned.data!.reportApplicationStatus.procedures.find(
        (p) => p.procedure.code === 'LAND_USE_PLANNING_PERMIT',
      )!;
      expect(land).toMatchObject({
        status: 'RETURNED',
        timeline: { paused: true, finished: false },
      });
      const approved = await report('TAX_INFO_CONFIRMATION', 'APPROVED');
      const tax = approved.data!.reportApplicationStatus.procedures.find(
        (p) => p.procedure.code === 'TAX_INFO_CONFIRMATION',
      )!;
      expect(tax).toMatchObject({
        status: 'APPROVED',
        timeline: { finished: true, overdue: false },
      });
      const events = approved.data!.reportApplicationStatus.events;
      expect(
        events.filter((e) => e.procedure === 'TAX_INFO_CONFIRMATION').map((e) => e.type),
      ).toEqual(['DELIVERED', 'RECEIVED', 'ACCEPTED', 'APPROVED']);
      expect(events.find((e) => e.type === 'RETURNED')).toMatchObject({
        note: '缺少宗地图',
        actor: 'user:tax-officer-7@test-department-land-planning',
      });
      // History is numbered without gaps: nothing removed, nothing rewritten.
      expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => k + 1));
    });

    it('refuses a report that does not follow from where the procedure stands', async () => {
      const res = await report('TAX_INFO_CONFIRMATION', 'RETURNED');
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'INVALID_STATUS_TRANSITION',
        from: 'APPROVED',
        to: 'RETURNED',
      });
      const missing = await report('NO_SUCH_PROCEDURE', 'RECEIVED');
      expect(missing.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('keeps every event of a withdrawn application, and takes no more reports', async () => {
      const before = (await settled(gateway, applicationId)).events.length;
      const res = await gateway.graphql<{ withdrawApplication: AppView }>(
        `mutation ($id: ID!) { withdrawApplication(id: $id, reason: "项目选址调整，撤回申请") { ${APPLICATION} } }`,
        { id: applicationId },
      );
      expect(res.errors).toBeUndefined();
      const app = res.data!.withdrawApplication;
      expect(app.status).toBe('WITHDRAWN');
      expect(app.events).toHaveLength(before + 1);
      expect(app.events.at(-1)).toMatchObject({
        type: 'WITHDRAWN',
        note: '项目选址调整，撤回申请',
      });
      const late = await report('SI_UNIT_REGISTRATION', 'RECEIVED');
      expect(late.errors?.[0].extensions.code).toBe('INVALID_STATUS_TRANSITION');
    });
  },
  { DELIVERY_POLL_MS: '50', DELIVERY_BACKOFF_INITIAL_MS: '50', DELIVERY_BACKOFF_MAX_MS: '200' },
);
