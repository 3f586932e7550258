import fc from 'fast-check';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator } from '../shared';
import {
  ProjectApprovalChangeFeed,
  toChinaTime,
  updateProjectApprovalRecord,
} from './project-approval.changes';
import { generateProjectApprovalData, type ProjectApprovalData } from './project-approval.data';
import type { ProjectApprovalRecord } from './project-approval.record';
import { createProjectApprovalSimulator } from './project-approval.simulator';

/**
 * The 增量查询 on the simulator's side: the feed's order and paging, and
 * `updateProjectApprovalRecord` reaching the rows a running simulator serves.
 */
type Cursor = { gxsj: string; xmdm: string } | null;

const key = (row: { gxsj: string; xmdm: string }) => `${row.gxsj}|${row.xmdm}`;

/** Every row of the feed, read `size` at a time from the start. */
function readAll(feed: ProjectApprovalChangeFeed, size: number, from: Cursor = null) {
  const seen: ProjectApprovalRecord[] = [];
  let cursor = from;
  for (let guard = 0; guard < 100_000; guard++) {
    const { total, rows } = feed.after(cursor, size);
    expect(rows.length).toBe(Math.min(size, total));
    seen.push(...rows);
    if (total <= rows.length) return seen;
    const last = rows[rows.length - 1];
    cursor = { gxsj: last.gxsj, xmdm: last.xmdm };
  }
  throw new Error('the feed did not end');
}

/** A minimal row: the feed only looks at gxsj and xmdm. */
function row(xmdm: string, gxsj: string): ProjectApprovalRecord {
  return { xmdm, gxsj } as ProjectApprovalRecord;
}

describe('project-approval change feed', () => {
  let data: ProjectApprovalData;

  beforeAll(() => {
    const population = generateDemoApplicants({ seed: 3, persons: 50, enterprises: 800 });
    data = generateProjectApprovalData(population, { seed: 3 });
  });

  it('takes the change time from each row’s own 更新时间, which the data already has', () => {
    expect(data.projects.length).toBeGreaterThan(200);
    for (const p of data.projects) {
      expect(p.gxsj).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      // Never before the project was declared, never after "today" (2026-11-01).
      expect(p.gxsj.slice(0, 10) >= p.sbrq).toBe(true);
      expect(p.gxsj < '2026-11-01').toBe(true);
    }
  });

  it.each([1, 7, 100, 500, 100_000])(
    'covers every row exactly once, in (gxsj, xmdm) order, in pages of %i',
    (size) => {
      const feed = new ProjectApprovalChangeFeed(data.projects);
      const seen = readAll(feed, size);
      const expected = [...data.projects].map(key).sort();
      expect(seen.map(key)).toEqual(expected);
    },
  );

  it('pages any rows, ties on 更新时间 included, without skipping or repeating (property)', () => {
    const rowArb = fc.record({
      // Few distinct seconds and codes, so ties are common.
      second: fc.integer({ min: 0, max: 5 }),
      serial: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { selector: (r) => r.serial, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (specs, size) => {
          const rows = specs.map((s) =>
            row(
              `2411-330522-04-03-${String(s.serial).padStart(6, '0')}`,
              `2024-11-11 08:47:0${s.second}`,
            ),
          );
          const feed = new ProjectApprovalChangeFeed(rows);
          expect(readAll(feed, size).map(key)).toEqual(rows.map(key).sort());
        },
      ),
    );
  });

  it('answers strictly after the cursor, and the cursor need not be a row', () => {
    const rows = [
      row('2411-330522-04-03-000002', '2024-11-11 08:00:00'),
      row('2411-330522-04-03-000001', '2024-11-11 08:00:01'),
      row('2411-330522-04-03-000003', '2024-11-11 08:00:01'),
    ];
    const feed = new ProjectApprovalChangeFeed(rows);
    const after = (gxsj: string, xmdm: string) =>
      feed.after({ gxsj, xmdm }, 10).rows.map((r) => r.xmdm.slice(-1));
    expect(after('2024-11-11 08:00:00', '2411-330522-04-03-000002')).toEqual(['1', '3']);
    expect(after('2024-11-11 08:00:01', '2411-330522-04-03-000001')).toEqual(['3']);
    expect(after('2024-11-11 08:00:01', '2411-330522-04-03-000002')).toEqual(['3']);
    expect(after('2024-11-11 08:00:01', '9999-999999-99-99-999999')).toEqual([]);
    expect(after('2000-01-01 00:00:00', '0000-000000-00-00-000000')).toEqual(['2', '1', '3']);
    expect(feed.after(null, 2)).toMatchObject({ total: 3 });
  });

  describe('updateProjectApprovalRecord', () => {
    let own: ProjectApprovalData;

    beforeEach(() => {
      own = generateProjectApprovalData(
        generateDemoApplicants({ seed: 4, persons: 20, enterprises: 300 }),
        { seed: 4 },
      );
    });

    it('changes the row, sets its 更新时间, and moves it to the end of the feed after old cursors', () => {
      const feed = new ProjectApprovalChangeFeed(own.projects);
      const all = readAll(feed, 50);
      const target = all[Math.floor(all.length / 3)];
      const oldCursor = { gxsj: all[all.length - 2].gxsj, xmdm: all[all.length - 2].xmdm };
      // 2026-11-02 09:15:30 in China.
      const changedAt = new Date('2026-11-02T01:15:30.456Z');
      expect(
        updateProjectApprovalRecord(own, target.xmdm, {
          name: '长兴县恒达新材料有限公司',
          phone: '13800001111',
          legalRepresentative: '李明',
          address: '长兴县雉城街道新址1号',
          changedAt,
        }),
      ).toBe(true);
      const row = own.projects.find((p) => p.xmdm === target.xmdm)!;
      expect(row).toBe(target);
      expect(row).toMatchObject({
        xmdw: '长兴县恒达新材料有限公司',
        lxdh: '13800001111',
        fddbr: '李明',
        gxsj: '2026-11-02 09:15:30',
      });
      const after = feed.after(oldCursor, 10).rows;
      expect(after.map((r) => r.xmdm)).toEqual([all[all.length - 1].xmdm, target.xmdm]);
      // Still exactly once in the whole feed, now last.
      const again = readAll(feed, 37);
      expect(again).toHaveLength(all.length);
      expect(again[again.length - 1]).toBe(target);
      expect(again.map(key)).toEqual([...again.map(key)].sort());
    });

    it('re-files several changes, also to an earlier time, and leaves untouched fields alone', () => {
      const feed = new ProjectApprovalChangeFeed(own.projects);
      const [a, b] = own.projects;
      const before = { ...b };
      updateProjectApprovalRecord(own, a.xmdm, { changedAt: new Date('2030-01-01T00:00:00Z') });
      updateProjectApprovalRecord(own, b.xmdm, {
        phone: '',
        changedAt: new Date('2001-01-01T00:00:00Z'),
      });
      updateProjectApprovalRecord(own, a.xmdm, { name: '改名', changedAt: new Date(0) });
      const seen = readAll(feed, 9);
      expect(seen.map(key)).toEqual(own.projects.map(key).sort());
      expect(seen[0]).toBe(a);
      expect(a.gxsj).toBe('1970-01-01 08:00:00');
      expect(b).toEqual({ ...before, lxdh: null, gxsj: '2001-01-01 08:00:00' });
    });

    it('is false for an unknown 项目代码 and changes nothing', () => {
      const copy = structuredClone(own.projects);
      expect(
        updateProjectApprovalRecord(own, '2001-330522-04-03-000000', { changedAt: new Date() }),
      ).toBe(false);
      expect(own.projects).toEqual(copy);
    });

    it('refuses what the contract cannot carry, before changing anything', () => {
      const target = own.projects[0];
      const copy = { ...target };
      expect(() =>
        updateProjectApprovalRecord(own, target.xmdm, { name: '', changedAt: new Date() }),
      ).toThrow(RangeError);
      expect(() =>
        updateProjectApprovalRecord(own, target.xmdm, {
          phone: '1',
          changedAt: new Date(Number.NaN),
        }),
      ).toThrow(RangeError);
      expect(target).toEqual(copy);
    });

    it('finds rows after the array changed since its first update', () => {
      updateProjectApprovalRecord(own, own.projects[0].xmdm, { changedAt: new Date() });
      const moved = own.projects.pop()!;
      own.projects.unshift(moved);
      expect(updateProjectApprovalRecord(own, moved.xmdm, { changedAt: new Date() })).toBe(true);
      expect(
        updateProjectApprovalRecord(own, own.projects[5].xmdm, { changedAt: new Date() }),
      ).toBe(true);
    });

    it('reaches a running simulator: the feed serves the new values after an old cursor', async () => {
      const running = await startSimulator(createProjectApprovalSimulator(own));
      try {
        const page = async (cursor: Cursor) => {
          const q = new URLSearchParams({ size: '500' });
          if (cursor) {
            q.set('scgxsj', cursor.gxsj);
            q.set('scxmdm', cursor.xmdm);
          }
          const res = await fetch(`${running.url}/api/v1/xmzl?${q.toString()}`);
          expect(res.status).toBe(200);
          return ((await res.json()) as { data: { total: number; rows: ProjectApprovalRecord[] } })
            .data;
        };
        const first = await page(null);
        const last = first.rows[first.rows.length - 1];
        const cursor = { gxsj: last.gxsj, xmdm: last.xmdm };
        expect((await page(cursor)).rows).toEqual([]);
        const target = own.projects[0];
        updateProjectApprovalRecord(own, target.xmdm, {
          legalRepresentative: '赵新',
          changedAt: new Date('2027-03-01T02:00:00Z'),
        });
        const next = await page(cursor);
        expect(next).toEqual({
          total: 1,
          size: 500,
          rows: [{ ...target, fddbr: '赵新', gxsj: '2027-03-01 10:00:00' }],
        });
        // The other routes serve the same, changed row.
        const one = await fetch(`${running.url}/api/v1/xmxx/${target.xmdm}`);
        expect(((await one.json()) as { data: ProjectApprovalRecord }).data.fddbr).toBe('赵新');
      } finally {
        await running.close();
      }
    });
  });

  describe('toChinaTime', () => {
    it('writes China time to the second', () => {
      expect(toChinaTime(new Date('2024-11-13T02:21:05.999Z'))).toBe('2024-11-13 10:21:05');
      expect(toChinaTime(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01 00:00:00');
    });

    it('refuses times it cannot write', () => {
      expect(() => toChinaTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
      expect(() => toChinaTime(new Date('-000001-01-01T00:00:00Z'))).toThrow(RangeError);
    });
  });
});
