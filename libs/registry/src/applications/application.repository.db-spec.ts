import { randomUUID } from 'node:crypto';
import { ApplicantRepository } from '../applicant.repository';
import { describeEachDatabase } from '../testing/test-database';
import { enterpriseRegistration } from '../testing/registration.fixtures';
import { ApplicationRepository, type NewApplication } from './application.repository';

describeEachDatabase('ApplicationRepository', (db) => {
  let repository: ApplicationRepository;
  let applicantId: string;

  beforeAll(async () => {
    repository = new ApplicationRepository(db.dataSource);
    applicantId = (await new ApplicantRepository(db.dataSource).register(enterpriseRegistration()))
      .id;
  });

  function application(clientKey: string): NewApplication {
    const id = randomUUID();
    return {
      id,
      applicationNo: `OG-20261125-${id.slice(0, 6).toUpperCase()}`,
      applicantId,
      clientKey,
      submittedBy: 'user:tester',
      requestHash: 'a'.repeat(64),
      procedures: [
        { procedure: 'TAX_INFO_CONFIRMATION', department: 'tax' },
        { procedure: 'SI_UNIT_REGISTRATION', department: 'social-insurance' },
      ],
      items: { 'applicant.name': { value: '长兴某某建材有限公司', origin: 'PREFILLED' } },
      submittedAt: new Date(),
      deliveries: ['tax', 'social-insurance'].map((target, k) => ({
        kind: 'SUBMISSION' as const,
        applicationId: id,
        procedure: k === 0 ? 'TAX_INFO_CONFIRMATION' : 'SI_UNIT_REGISTRATION',
        target,
        idempotencyKey: `${id}:${target}`,
        payload: { n: k },
      })),
    };
  }

  it('stores an application, its procedures, its first event and its deliveries together', async () => {
    const input = application('key-1');
    const { created, application: stored } = await repository.create(input);
    expect(created).toBe(true);
    expect(stored).toMatchObject({ id: input.id, status: 'ACTIVE', clientKey: 'key-1' });
    const [procedures] = await repository.proceduresOf([input.id]);
    expect(procedures.map((p) => p.status)).toEqual(['SUBMITTED', 'SUBMITTED']);
    const [events] = await repository.eventsOf([input.id]);
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'SUBMITTED']]);
    const [deliveries] = await repository.deliveriesOf([input.id]);
    expect(deliveries.map((d) => d.state)).toEqual(['PENDING', 'PENDING']);
  });

  it('gives back the stored application for the same caller and key, and stores nothing new', async () => {
    const first = await repository.create(application('key-2'));
    const again = await repository.create(application('key-2'));
    expect(again.created).toBe(false);
    expect(again.application.id).toBe(first.application.id);
    const [deliveries] = await repository.deliveriesOf([again.application.id]);
    expect(deliveries).toHaveLength(2);
  });

  it('leases a due delivery to one worker only, and settles it only for the lease holder', async () => {
    const { application: stored } = await repository.create(application('key-3'));
    const [[delivery]] = await repository.deliveriesOf([stored.id]);
    const now = new Date(Date.now() + 1000);
    const until = new Date(now.getTime() + 60_000);
    const [a, b] = await Promise.all([
      repository.lease(delivery.id, 'worker-a', now, until),
      repository.lease(delivery.id, 'worker-b', now, until),
    ]);
    expect([a, b].filter((x) => x !== null)).toHaveLength(1);
    const winner = a ? 'worker-a' : 'worker-b';
    const loser = a ? 'worker-b' : 'worker-a';
    const leased = (a ?? b)!;
    expect(leased.attempts).toBe(1);
    const receipt = { state: 'DELIVERED' as const, receiptNo: 'R-1', receivedAt: new Date() };
    expect(await repository.settle(leased, loser, receipt, null)).toBe(false);
    expect(
      await repository.settle(leased, winner, receipt, {
        type: 'DELIVERED',
        procedure: leased.procedure,
        department: leased.target,
        actor: 'delivery',
      }),
    ).toBe(true);
    const [procedures] = await repository.proceduresOf([stored.id]);
    expect(procedures.find((p) => p.procedure === leased.procedure)).toMatchObject({
      status: 'DELIVERED',
      receiptNo: 'R-1',
    });
    const [events] = await repository.eventsOf([stored.id]);
    expect(events.map((e) => e.type)).toEqual(['SUBMITTED', 'DELIVERED']);
    // Delivered: never due again.
    expect(await repository.dueDeliveries(new Date(Date.now() + 3_600_000), 100)).not.toContain(
      leased.id,
    );
  });

  it('makes a delivery due again when its lease expires or its worker gives it back', async () => {
    const { application: stored } = await repository.create(application('key-4'));
    const [[delivery]] = await repository.deliveriesOf([stored.id]);
    const now = new Date(Date.now() + 1000);
    expect(
      await repository.lease(delivery.id, 'worker-a', now, new Date(now.getTime() + 5000)),
    ).not.toBeNull();
    expect(await repository.dueDeliveries(now, 1000)).not.toContain(delivery.id);
    // After the lease: due, and another worker may take it.
    const later = new Date(now.getTime() + 6000);
    expect(await repository.dueDeliveries(later, 1000)).toContain(delivery.id);
    expect(
      await repository.lease(delivery.id, 'worker-b', later, new Date(later.getTime() + 5000)),
    ).toMatchObject({ attempts: 2 });
    expect(await repository.releaseLeases('worker-b')).toBe(1);
    expect(await repository.dueDeliveries(later, 1000)).toContain(delivery.id);
  });

  it('counts the backlog: pending, due and not being sent, dead, and the oldest waiting', async () => {
    const soon = () => new Date(Date.now() + 1000);
    const before = await repository.backlog(soon());
    const { application: stored } = await repository.create(application('key-backlog'));
    const [[first, second]] = await repository.deliveriesOf([stored.id]);
    const added = await repository.backlog(soon());
    expect(added.pending - before.pending).toBe(2);
    expect(added.due - before.due).toBe(2);
    expect(added.oldest).not.toBeNull();
    expect(added.oldest!.getTime()).toBeLessThanOrEqual(first.createdAt.getTime());
    // Not due yet: nothing is.
    expect((await repository.backlog(new Date(0))).due).toBe(0);
    // Being sent: still pending, no longer due.
    const now = soon();
    const leased = await repository.lease(
      first.id,
      'worker-a',
      now,
      new Date(now.getTime() + 60_000),
    );
    expect(leased).not.toBeNull();
    const sending = await repository.backlog(now);
    expect(sending.pending - before.pending).toBe(2);
    expect(sending.due - before.due).toBe(1);
    // Given up: dead, no longer pending.
    const other = await repository.lease(
      second.id,
      'worker-a',
      now,
      new Date(now.getTime() + 60_000),
    );
    await repository.settle(other!, 'worker-a', { state: 'DEAD', error: 'gave up' }, null);
    const gaveUp = await repository.backlog(now);
    expect(gaveUp.pending - before.pending).toBe(1);
    expect(gaveUp.dead - before.dead).toBe(1);
    await repository.settle(
      leased!,
      'worker-a',
      { state: 'DELIVERED', receiptNo: 'R-B', receivedAt: new Date() },
      null,
    );
  });

  it('puts a failed attempt back with its next time, and keeps a rejection final', async () => {
    const { application: stored } = await repository.create(application('key-5'));
    const [[first, second]] = await repository.deliveriesOf([stored.id]);
    const now = new Date(Date.now() + 1000);
    const leased = (await repository.lease(first.id, 'w', now, new Date(now.getTime() + 60_000)))!;
    const next = new Date(now.getTime() + 30_000);
    await repository.settle(
      leased,
      'w',
      { state: 'PENDING', error: 'SOURCE_UNAVAILABLE: down', nextAttemptAt: next },
      null,
    );
    expect(await repository.dueDeliveries(now, 1000)).not.toContain(first.id);
    expect(await repository.dueDeliveries(next, 1000)).toContain(first.id);

    const other = (await repository.lease(second.id, 'w', now, new Date(now.getTime() + 60_000)))!;
    await repository.settle(
      other,
      'w',
      { state: 'REJECTED', error: 'SOURCE_REJECTED: 缺少材料' },
      {
        type: 'DELIVERY_REJECTED',
        procedure: other.procedure,
        department: other.target,
        actor: 'delivery',
        note: '缺少材料',
      },
    );
    expect(await repository.dueDeliveries(new Date(Date.now() + 3_600_000), 1000)).not.toContain(
      second.id,
    );
    const [deliveries] = await repository.deliveriesOf([stored.id]);
    expect(deliveries.find((d) => d.id === second.id)).toMatchObject({
      state: 'REJECTED',
      lastError: 'SOURCE_REJECTED: 缺少材料',
    });
    const [procedures] = await repository.proceduresOf([stored.id]);
    expect(procedures.find((p) => p.procedure === other.procedure)?.status).toBe(
      'DELIVERY_REJECTED',
    );
  });

  it('numbers the events of deliveries settled at the same time one after the other', async () => {
    const input = application('key-6');
    const procedures = ['A', 'B', 'C', 'D', 'E', 'F'].map((x) => `PROCEDURE_${x}`);
    const { application: stored } = await repository.create({
      ...input,
      procedures: procedures.map((procedure) => ({ procedure, department: 'tax' })),
      deliveries: procedures.map((procedure) => ({
        kind: 'SUBMISSION' as const,
        applicationId: input.id,
        procedure,
        target: 'tax',
        idempotencyKey: `${input.id}:${procedure}`,
        payload: {},
      })),
    });
    const [deliveries] = await repository.deliveriesOf([stored.id]);
    const now = new Date(Date.now() + 1000);
    const leased = await Promise.all(
      deliveries.map((d) => repository.lease(d.id, 'w', now, new Date(now.getTime() + 60_000))),
    );
    const settled = await Promise.all(
      leased.map((d) =>
        repository.settle(
          d!,
          'w',
          { state: 'DELIVERED', receiptNo: `R-${d!.procedure}`, receivedAt: new Date() },
          { type: 'DELIVERED', procedure: d!.procedure, department: d!.target, actor: 'delivery' },
        ),
      ),
    );
    expect(settled).toEqual(procedures.map(() => true));
    const [events] = await repository.eventsOf([stored.id]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(
      events
        .slice(1)
        .map((e) => e.procedure)
        .sort(),
    ).toEqual(procedures);
    const [after] = await repository.proceduresOf([stored.id]);
    expect(after.map((p) => p.status)).toEqual(procedures.map(() => 'DELIVERED'));
  });
});
