import fc from 'fast-check';
import { ChangeIndex, changeIndexOf, timestampDigits } from './change-index';

interface Row {
  id: string;
  time: number;
}

const idOf = (row: Row) => row.id;
const timeOf = (row: Row) => row.time;
/** Stable by data order on equal keys, then moved records after the ones already there: fine for distinct ids. */
const byKey = (a: Row, b: Row) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function readAll(index: ChangeIndex<Row>, limit: number): Row[] {
  const out: Row[] = [];
  let after: { time: number; id: string } | null = null;
  for (;;) {
    const page = index.page(after, limit);
    out.push(...page.records);
    if (!page.hasMore) return out;
    const last = page.records[page.records.length - 1];
    after = { time: last.time, id: last.id };
  }
}

describe('ChangeIndex', () => {
  it('pages strictly after (time, id), with how many remain', () => {
    const rows = [
      { id: 'b', time: 2 },
      { id: 'a', time: 2 },
      { id: 'c', time: 1 },
    ];
    const index = new ChangeIndex(rows, idOf, timeOf);
    expect(index.page(null, 2)).toEqual({
      records: [rows[2], rows[1]],
      hasMore: true,
      remaining: 3,
    });
    expect(index.page({ time: 2, id: 'a' }, 5)).toEqual({
      records: [rows[0]],
      hasMore: false,
      remaining: 1,
    });
    expect(index.page({ time: 2, id: '' }, 5).records).toEqual([rows[1], rows[0]]);
    expect(index.page({ time: 2, id: 'b' }, 5)).toEqual({
      records: [],
      hasMore: false,
      remaining: 0,
    });
    expect(index.find('a')).toBe(rows[1]);
    expect(index.find('z')).toBeUndefined();
  });

  it('keeps data order for equal keys and finds the first of a shared id', () => {
    const rows = [
      { id: 'x', time: 1 },
      { id: 'x', time: 1 },
    ];
    const index = new ChangeIndex(rows, idOf, timeOf);
    expect(index.page(null, 5).records[0]).toBe(rows[0]);
    expect(index.page(null, 5).records[1]).toBe(rows[1]);
    expect(index.find('x')).toBe(rows[0]);
  });

  it('does not read the times before the first page or lookup', () => {
    const time = jest.fn(timeOf);
    const index = new ChangeIndex([{ id: 'a', time: 1 }], idOf, time);
    expect(time).not.toHaveBeenCalled();
    index.page(null, 1);
    expect(time).toHaveBeenCalledTimes(1);
  });

  it('stays in the order a fresh index has through few or many changes between reads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 })), { maxLength: 80 }), {
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 25 }),
        (n, batches, limit) => {
          const rows = Array.from({ length: n }, (_, i) => ({
            id: `r${String(i).padStart(3, '0')}`,
            time: i % 7,
          }));
          const index = new ChangeIndex(rows, idOf, timeOf);
          for (const batch of batches) {
            for (const [at, time] of batch) {
              const row = rows[at % n];
              row.time = time;
              index.touched(row);
            }
            expect(readAll(index, limit)).toEqual([...rows].sort(byKey));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rebuilds when records are appended, given the data size', () => {
    const rows = [{ id: 'b', time: 5 }];
    const index = new ChangeIndex(() => rows, idOf, timeOf, { size: () => rows.length });
    expect(index.page(null, 5).records).toEqual([{ id: 'b', time: 5 }]);
    rows.push({ id: 'a', time: 1 });
    expect(index.page(null, 5).records.map(idOf)).toEqual(['a', 'b']);
    expect(index.find('a')).toBe(rows[1]);
  });

  it('is shared per record array', () => {
    const rows: Row[] = [];
    expect(changeIndexOf(rows, idOf, timeOf)).toBe(changeIndexOf(rows, idOf, timeOf));
    expect(changeIndexOf([], idOf, timeOf)).not.toBe(changeIndexOf(rows, idOf, timeOf));
  });
});

describe('timestampDigits', () => {
  /** Years 0000–9999: what the 19-character form can write. */
  const date = fc.date({
    min: new Date('0000-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('orders fixed-width timestamps as their text', () => {
    expect(timestampDigits('2026-11-20 11:00:00')).toBe(20261120110000);
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [x, y] = [a, b].map((d) => d.toISOString().slice(0, 19).replace('T', ' '));
        expect(Math.sign(timestampDigits(x) - timestampDigits(y))).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
    );
  });
});
