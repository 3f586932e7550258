import { DEMO_CONSTRUCTION_PROCEDURES } from '@oncegate/demo';
import { DataSource } from 'typeorm';
import { DemoApplication } from '../../apps/gateway/src/applications/demo-application';
import { describeGateway } from '../support/gateway';

/**
 * `npm start`'s demo application: a demo enterprise known to all four
 * departments applies once for every procedure, types only what OnceGate
 * cannot prefill, and each simulated department receives its part.
 */
describeGateway('the demo application', (gateway) => {
  let id: string;

  interface View {
    applicationNo: string;
    status: string;
    items: { id: string; origin: string; source: { system: string } | null }[];
    procedures: { procedure: { code: string }; delivery: { state: string }; receiptNo: string }[];
    reuse: { typed: number; prefilled: number; entriesSaved: number };
  }

  const view = async (): Promise<View> => {
    const res = await gateway.graphql<{ application: View }>(
      `query ($id: ID!) { application(id: $id) {
        applicationNo status
        items { id origin source { system } }
        procedures { procedure { code } delivery { state } receiptNo }
        reuse { typed prefilled entriesSaved }
      } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.application;
  };

  it('is submitted once: a second start finds it instead of applying again', async () => {
    const demo = gateway.app.get(DemoApplication);
    expect(await demo.id()).toBeNull();
    id = (await demo.submitIfAbsent())!;
    expect(id).toEqual(expect.any(String));
    expect(await demo.submitIfAbsent()).toBe(id);
    expect(await demo.id()).toBe(id);
  });

  it('types only what the departments do not hold, and reaches all four of them', async () => {
    let app = await view();
    for (let i = 0; i < 100 && app.procedures.some((p) => p.delivery.state === 'PENDING'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      app = await view();
    }
    expect(app.status).toBe('ACTIVE');
    expect(app.procedures.map((p) => p.procedure.code).sort()).toEqual(
      [...DEMO_CONSTRUCTION_PROCEDURES].sort(),
    );
    for (const p of app.procedures) {
      expect(p.delivery.state).toBe('DELIVERED');
      expect(p.receiptNo).toBeTruthy();
    }
    const prefilled = app.items.filter((i) => i.origin === 'PREFILLED');
    expect(app.reuse.prefilled).toBe(prefilled.length);
    expect(app.reuse.prefilled).toBeGreaterThan(0);
    expect(app.reuse.entriesSaved).toBeGreaterThan(0);
    // Prefilled from the departments' records, not only from the registry.
    expect(new Set(prefilled.map((i) => i.source?.system).filter(Boolean)).size).toBeGreaterThan(1);
  });
});

describeGateway(
  'the demo application without demo data',
  (gateway) => {
    it('is never submitted', async () => {
      expect(await gateway.app.get(DemoApplication).submitIfAbsent()).toBeNull();
      const rows = await gateway.app
        .get(DataSource)
        .query<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM applications');
      expect(Number(rows[0].n)).toBe(0);
    });
  },
  { DEMO_SEED: 'false' },
);
