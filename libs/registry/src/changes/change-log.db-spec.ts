import { EntityManager } from 'typeorm';
import { ApplicantRepository } from '../applicant.repository';
import { DeliveryEntity } from '../applications/application.entities';
import { ResolutionRepository, type GoldenRow } from '../resolution/resolution.repository';
import { enterpriseRegistration } from '../testing/registration.fixtures';
import { describeEachDatabase } from '../testing/test-database';
import { ApplicantChangeEntity } from './applicant-change.entity';
import type { ApplicantChange, ChangeNotice } from './applicant-change.types';
import { ChangeLogRepository } from './change-log.repository';

const DEPARTMENTS = new Set(['project-approval', 'land-planning', 'tax', 'social-insurance']);
const JAN = new Date('2026-01-05T02:00:00.000Z');
const MAR = new Date('2026-03-09T02:00:00.000Z');

describeEachDatabase('the change log', (db) => {
  let applicants: ApplicantRepository;
  let resolution: ResolutionRepository;
  let log: ChangeLogRepository;

  beforeAll(() => {
    applicants = new ApplicantRepository(db.dataSource);
    resolution = new ResolutionRepository(db.dataSource);
    log = new ChangeLogRepository(db.dataSource);
  });

  /** An enterprise held by tax and land planning, its golden record taken from tax. */
  async function enterprise(suffix: string, attributes = true) {
    const input = enterpriseRegistration({
      name: `长兴${suffix}建材有限公司`,
      sourceRecords: [
        { system: 'tax', localId: `T-${suffix}`, rawPayload: {}, normalized: {}, observedAt: JAN },
        {
          system: 'land-planning',
          localId: `L-${suffix}`,
          rawPayload: {},
          normalized: {},
          observedAt: MAR,
        },
      ],
      attributes: attributes
        ? [
            {
              name: 'name',
              value: `长兴${suffix}建材有限公司`,
              sourceSystem: 'tax',
              sourceLocalId: `T-${suffix}`,
              observedAt: JAN,
            },
            {
              name: 'legalRepresentative',
              value: '王建国',
              sourceSystem: 'tax',
              sourceLocalId: `T-${suffix}`,
              observedAt: JAN,
            },
            {
              name: 'address',
              value: '长兴县画溪街道1号',
              sourceSystem: 'tax',
              sourceLocalId: `T-${suffix}`,
              observedAt: JAN,
            },
          ]
        : [],
    });
    const applicant = await applicants.register(input);
    const [records] = await applicants.sourceRecordsFor([applicant.id]);
    const record = (system: string) => records.find((r) => r.system === system)!.id;
    return {
      id: applicant.id,
      uscc: input.identifiers[0].value,
      tax: record('tax'),
      lp: record('land-planning'),
    };
  }

  /** Golden rows as survivorship would choose them after land planning reported a new legal representative. */
  function newerGolden(e: { tax: string; lp: string }, suffix: string): GoldenRow[] {
    return [
      {
        name: 'name',
        value: `长兴${suffix}建材有限公司`,
        sourceSystem: 'tax',
        sourceRecordId: e.tax,
        observedAt: JAN,
      },
      {
        name: 'legalRepresentative',
        value: '李卫东',
        sourceSystem: 'land-planning',
        sourceRecordId: e.lp,
        observedAt: MAR,
      },
      {
        name: 'phone',
        value: '13905720001',
        sourceSystem: 'land-planning',
        sourceRecordId: e.lp,
        observedAt: MAR,
      },
    ];
  }

  async function changesOf(applicantId: string): Promise<ApplicantChange[]> {
    return (await log.after('0', 10_000)).filter((c) => c.applicantId === applicantId);
  }

  it('logs nothing for a new applicant’s first golden record', async () => {
    const registered = await enterprise('甲');
    expect(await changesOf(registered.id)).toEqual([]);
    // An applicant without golden attributes getting its first ones (an ingest's new applicant).
    const bare = await enterprise('乙', false);
    await resolution.replaceGolden(new Map([[bare.id, newerGolden(bare, '乙')]]));
    expect(await changesOf(bare.id)).toEqual([]);
    expect((await applicants.attributesFor([bare.id]))[0]).toHaveLength(3);
  });

  it('logs each changed, new and vanished attribute with the new value’s source', async () => {
    const e = await enterprise('丙');
    const before = await log.lastId();
    await resolution.replaceGolden(new Map([[e.id, newerGolden(e, '丙')]]));
    const changes = await changesOf(e.id);
    expect(
      changes.map(({ attribute, oldValue, newValue, source }) => ({
        attribute,
        oldValue,
        newValue,
        source,
      })),
    ).toEqual([
      { attribute: 'address', oldValue: '长兴县画溪街道1号', newValue: null, source: null },
      {
        attribute: 'legalRepresentative',
        oldValue: '王建国',
        newValue: '李卫东',
        source: { system: 'land-planning', recordId: e.lp, observedAt: MAR },
      },
      {
        attribute: 'phone',
        oldValue: null,
        newValue: '13905720001',
        source: { system: 'land-planning', recordId: e.lp, observedAt: MAR },
      },
    ]);
    // Numbered after everything before, consecutively, in one write.
    expect(changes.map((c) => Number(c.id))).toEqual([1, 2, 3].map((k) => Number(before) + k));
    expect(new Set(changes.map((c) => c.changedAt.getTime())).size).toBe(1);
    // The same golden record again changes nothing.
    await resolution.replaceGolden(new Map([[e.id, newerGolden(e, '丙')]]));
    expect(await changesOf(e.id)).toHaveLength(3);
  });

  it('writes the golden change and its log entry together or not at all', async () => {
    const e = await enterprise('丁');
    const insert = EntityManager.prototype.insert;
    const spy = jest.spyOn(EntityManager.prototype, 'insert').mockImplementation(function (
      this: EntityManager,
      target: unknown,
      values: unknown,
    ) {
      if (target === ApplicantChangeEntity) return Promise.reject(new Error('disk full'));
      return (insert as (t: unknown, v: unknown) => ReturnType<typeof insert>).call(
        this,
        target,
        values,
      );
    });
    try {
      await expect(
        resolution.replaceGolden(new Map([[e.id, newerGolden(e, '丁')]])),
      ).rejects.toThrow('disk full');
    } finally {
      spy.mockRestore();
    }
    const [attributes] = await applicants.attributesFor([e.id]);
    expect(attributes.find((a) => a.name === 'legalRepresentative')?.value).toBe('王建国');
    expect(await changesOf(e.id)).toEqual([]);
  });

  it('logs what a merge adds to the survivor’s golden record', async () => {
    const survivor = await enterprise('戊');
    const merged = await enterprise('己', false);
    await resolution.replaceGolden(new Map([[merged.id, newerGolden(merged, '己')]]));
    await applicants.merge(survivor.id, merged.id);
    const changes = await changesOf(survivor.id);
    expect(changes.map((c) => [c.attribute, c.oldValue, c.newValue, c.source?.system])).toEqual([
      ['phone', null, '13905720001', 'land-planning'],
    ]);
    expect(await changesOf(merged.id)).toEqual([]);
  });

  /** Claims and fans out until nothing is left, as one gateway process would. */
  async function drain(owner: string): Promise<string[]> {
    const fanned: string[] = [];
    for (;;) {
      const now = new Date();
      const claimed = await log.claim(owner, now, new Date(now.getTime() + 60_000), 3);
      if (claimed.length === 0) return fanned;
      if ((await log.fanOut(claimed, owner, DEPARTMENTS, now)) !== null)
        fanned.push(...claimed.map((c) => c.id));
    }
  }

  async function noticesOf(changeIds: readonly string[]): Promise<DeliveryEntity[]> {
    const keys = new Set(changeIds.map((id) => `change:${id}:`));
    return (await db.dataSource.getRepository(DeliveryEntity).findBy({ kind: 'CHANGE_NOTICE' }))
      .filter((d) => keys.has(d.idempotencyKey.replace(/[^:]+$/, '')))
      .sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : 1));
  }

  it('fans each change out exactly once under two concurrent claimers, one notice per department holding a record', async () => {
    const written: string[] = [];
    for (const suffix of ['庚', '辛', '壬', '癸']) {
      const e = await enterprise(suffix);
      await resolution.replaceGolden(new Map([[e.id, newerGolden(e, suffix)]]));
      written.push(...(await changesOf(e.id)).map((c) => c.id));
    }
    const [a, b] = await Promise.all([drain('gateway-a'), drain('gateway-b')]);
    const fanned = [...a, ...b];
    expect(new Set(fanned).size).toBe(fanned.length);
    expect(written.every((id) => fanned.includes(id))).toBe(true);
    const notices = await noticesOf(written);
    // Two departments hold each applicant: two notices per change, never more.
    expect(notices).toHaveLength(written.length * 2);
    expect(new Set(notices.map((d) => d.idempotencyKey)).size).toBe(notices.length);
    expect(await log.claim('gateway-c', new Date(), new Date(Date.now() + 60_000), 100)).toEqual(
      [],
    );
  });

  it('lets another process take a change whose claimer stopped, and refuses the stale claimer', async () => {
    const e = await enterprise('子');
    await resolution.replaceGolden(new Map([[e.id, newerGolden(e, '子')]]));
    const ids = (await changesOf(e.id)).map((c) => c.id);
    const now = new Date();
    const first = await log.claim('gateway-a', now, new Date(now.getTime() + 1000), 100);
    expect(first.map((c) => c.id)).toEqual(ids);
    // Still leased: nobody else gets it.
    expect(await log.claim('gateway-b', now, new Date(now.getTime() + 1000), 100)).toEqual([]);
    const later = new Date(now.getTime() + 2000);
    const second = await log.claim('gateway-b', later, new Date(later.getTime() + 60_000), 100);
    expect(second.map((c) => c.id)).toEqual(ids);
    expect(await log.fanOut(first, 'gateway-a', DEPARTMENTS, later)).toBeNull();
    expect(await noticesOf(ids)).toEqual([]);
    expect(await log.fanOut(second, 'gateway-b', DEPARTMENTS, later)).toBe(ids.length * 2);
  });

  it('tells each department what changed, on which applicant, and which of its records are that applicant', async () => {
    const e = await enterprise('丑');
    await resolution.replaceGolden(new Map([[e.id, newerGolden(e, '丑')]]));
    const change = (await changesOf(e.id)).find((c) => c.attribute === 'legalRepresentative')!;
    const now = new Date();
    const claimed = await log.claim('gateway-a', now, new Date(now.getTime() + 60_000), 100);
    const mine = claimed.filter((c) => c.applicantId === e.id);
    // Only departments OnceGate can notify get a notice.
    expect(await log.fanOut(claimed, 'gateway-a', new Set(['tax']), now)).toBe(claimed.length);
    const [notice] = await noticesOf([change.id]);
    expect(notice).toMatchObject({ target: 'tax', state: 'PENDING', applicationId: null });
    expect(JSON.parse(notice.payload)).toEqual({
      type: 'applicant.changed',
      changeId: change.id,
      department: 'tax',
      applicant: {
        id: e.id,
        identifiers: [{ scheme: 'USCC', value: e.uscc }],
        records: [{ localId: 'T-丑' }],
      },
      attribute: 'legalRepresentative',
      oldValue: '王建国',
      newValue: '李卫东',
      source: { system: 'land-planning', observedAt: MAR.toISOString() },
      changedAt: change.changedAt.toISOString(),
    } satisfies ChangeNotice);
    expect(mine).toHaveLength(3);
  });

  it('numbers the changes of concurrent writers without a clash or a gap', async () => {
    const start = Number(await log.lastId());
    const written = await Promise.all(
      ['卯', '辰', '巳', '午'].map(async (suffix) => {
        const e = await enterprise(suffix);
        await resolution.replaceGolden(new Map([[e.id, newerGolden(e, suffix)]]));
        return e.id;
      }),
    );
    const ids = (await log.after(String(start), 100)).map((c) => Number(c.id));
    expect(ids).toEqual(Array.from({ length: written.length * 3 }, (_, k) => start + k + 1));
  });

  it('lets a new follower start at the end and read what comes after, in order', async () => {
    const start = await log.lastId();
    expect(await log.after(start, 100)).toEqual([]);
    const e = await enterprise('寅');
    await resolution.replaceGolden(new Map([[e.id, newerGolden(e, '寅')]]));
    const next = await log.after(start, 2);
    expect(next.map((c) => c.attribute)).toEqual(['address', 'legalRepresentative']);
    expect((await log.after(next[1].id, 100)).map((c) => c.attribute)).toEqual(['phone']);
    expect(await log.lastId()).toBe(String(Number(start) + 3));
  });
});
