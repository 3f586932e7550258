/**
 * The sorted change index every department simulator's change feed (变更记录 /
 * 增量查询) stands on: records in (change time, id) order, so that a page is
 * one binary search and a slice at 1,000,000 records, and a changed record is
 * re-filed rather than the whole order rebuilt.
 *
 * Built on the first read, not when a simulator starts: a server never asked
 * for changes pays nothing. The records are the data's own objects (what the
 * lookups serve), so a change shows at once; a department tells the index of
 * a change with `touched`, and it is filed where it now belongs at the next
 * read — a few one by one, a burst by one merge pass.
 */

/** A position in the feed: strictly after this (time, id) is where a page starts. */
export interface ChangeKey {
  /** Any number that orders as the change times do (epoch ms, `yyyyMMddHHmmss` digits). */
  readonly time: number;
  readonly id: string;
}

export interface ChangePage<R> {
  readonly records: R[];
  /** Whether records follow this page. */
  readonly hasMore: boolean;
  /** How many records there are after the cursor in all, this page's included. */
  readonly remaining: number;
}

export interface ChangeIndexOptions {
  /**
   * How many records the data holds now, for data that records are appended
   * to: when it differs from the count at the last build, the index is built
   * again. Without it, records added after the build are not served.
   */
  readonly size?: () => number;
}

interface Entry<R> {
  /** The time the record is filed under (it may since have changed). */
  time: number;
  readonly id: string;
  readonly record: R;
  /** Set while a change waits to be filed. */
  moving: boolean;
}

/** Up to this many changes between two reads are filed one by one; more are merged in one pass. */
const FEW_MOVED = 32;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries<R>(a: Entry<R>, b: Entry<R>): number {
  return a.time - b.time || compareIds(a.id, b.id);
}

export class ChangeIndex<R> {
  /** In data order until sorted, then in feed order. */
  private entries: Entry<R>[] | null = null;
  private sorted = false;
  /** Re-sort everything at the next read: a change to a record not filed under its id. */
  private resort = false;
  private byId = new Map<string, Entry<R>>();
  private count = 0;
  private readonly moved: Entry<R>[] = [];

  constructor(
    private readonly records: readonly R[] | (() => readonly R[]),
    private readonly idOf: (record: R) => string,
    private readonly timeOf: (record: R) => number,
    private readonly options: ChangeIndexOptions = {},
  ) {}

  /** The record with this id (the first in data order, should two share one); no sort needed. */
  find(id: string): R | undefined {
    return this.load().get(id)?.record;
  }

  /** Files `record` (changed since it was filed) where its time now puts it, at the next read. */
  touched(record: R): void {
    if (this.entries === null) return; // The build will read its time.
    const entry = this.byId.get(this.idOf(record));
    if (entry === undefined || entry.record !== record) {
      // A duplicate id or a record the index does not hold: no cheap way to its place.
      this.resort = true;
      return;
    }
    if (!this.sorted) entry.time = this.timeOf(record);
    else if (!entry.moving) {
      entry.moving = true;
      this.moved.push(entry);
    }
  }

  /** Up to `limit` records strictly after `after` (from the first when null), in (time, id) order. */
  page(after: ChangeKey | null, limit: number): ChangePage<R> {
    const entries = this.ordered();
    const from = after === null ? 0 : this.search(after.time, after.id, true);
    const to = Math.min(entries.length, from + Math.max(0, limit));
    const records: R[] = [];
    for (let i = from; i < to; i++) records.push(entries[i].record);
    return { records, hasMore: to < entries.length, remaining: entries.length - from };
  }

  /** The entries (in data order when first built) and the id map, built again after appends. */
  private load(): Map<string, Entry<R>> {
    if (this.entries !== null && (!this.options.size || this.options.size() === this.count)) {
      return this.byId;
    }
    const records = typeof this.records === 'function' ? this.records() : this.records;
    const entries = new Array<Entry<R>>(records.length);
    const byId = new Map<string, Entry<R>>();
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const entry = { time: this.timeOf(record), id: this.idOf(record), record, moving: false };
      entries[i] = entry;
      if (!byId.has(entry.id)) byId.set(entry.id, entry);
    }
    this.entries = entries;
    this.byId = byId;
    this.count = records.length;
    this.sorted = false;
    this.resort = false;
    this.moved.length = 0;
    return byId;
  }

  private ordered(): Entry<R>[] {
    this.load();
    const entries = this.entries as Entry<R>[];
    if (!this.sorted || this.resort) this.sortAll(entries);
    else if (this.moved.length > 0) this.fileMoved(entries);
    return this.entries as Entry<R>[];
  }

  /**
   * Sorts by numbers in typed arrays (several times faster than sorting the
   * objects); equal keys keep their current order — data order on the first
   * build.
   */
  private sortAll(entries: Entry<R>[]): void {
    if (this.resort) for (const entry of entries) entry.time = this.timeOf(entry.record);
    for (const entry of this.moved) entry.moving = false;
    this.moved.length = 0;
    const n = entries.length;
    const times = new Float64Array(n);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = entries[i].time;
      order[i] = i;
    }
    order.sort((a, b) => times[a] - times[b] || compareIds(entries[a].id, entries[b].id) || a - b);
    const sorted = new Array<Entry<R>>(n);
    for (let i = 0; i < n; i++) sorted[i] = entries[order[i]];
    this.entries = sorted;
    this.sorted = true;
    this.resort = false;
  }

  /**
   * Files the changed entries at their new times, after any entry already
   * there with an equal key: a few one by one (a binary search and an array
   * shift each), many by taking them all out and merging them back in one
   * pass, O(n + k log k).
   */
  private fileMoved(entries: Entry<R>[]): void {
    const moved = this.moved.splice(0);
    if (moved.length <= FEW_MOVED) {
      for (const entry of moved) {
        // Still filed at its old time: find it there, then at the new one.
        let at = this.search(entry.time, entry.id, false);
        while (at < entries.length && entries[at] !== entry) at++;
        if (at < entries.length) entries.splice(at, 1);
        entry.time = this.timeOf(entry.record);
        entry.moving = false;
        entries.splice(this.search(entry.time, entry.id, true), 0, entry);
      }
      return;
    }
    for (const entry of moved) entry.time = this.timeOf(entry.record);
    moved.sort(compareEntries);
    const merged = new Array<Entry<R>>(entries.length);
    let m = 0;
    let out = 0;
    for (const entry of entries) {
      if (entry.moving) continue;
      while (m < moved.length && compareEntries(moved[m], entry) < 0) merged[out++] = moved[m++];
      merged[out++] = entry;
    }
    while (m < moved.length) merged[out++] = moved[m++];
    for (const entry of moved) entry.moving = false;
    this.entries = merged;
  }

  /** The first position whose entry is after (time, id) — or, unless `strictly`, at it. */
  private search(time: number, id: string, strictly: boolean): number {
    const entries = this.entries as Entry<R>[];
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = entries[mid];
      if (e.time < time || (e.time === time && (e.id < id || (strictly && e.id === id)))) {
        lo = mid + 1;
      } else hi = mid;
    }
    return lo;
  }
}

/**
 * One index per record array, shared by every simulator serving the array and
 * by the department's update function, so a change made through either is
 * seen by all. Keyed by the array itself: a data object rebuilt around the
 * same array is the same system.
 */
const SHARED = new WeakMap<object, ChangeIndex<unknown>>();

export function changeIndexOf<R>(
  records: readonly R[],
  idOf: (record: R) => string,
  timeOf: (record: R) => number,
): ChangeIndex<R> {
  let index = SHARED.get(records) as ChangeIndex<R> | undefined;
  if (!index) {
    index = new ChangeIndex(records, idOf, timeOf);
    SHARED.set(records, index as ChangeIndex<unknown>);
  }
  return index;
}

/**
 * The digits of a fixed-width timestamp read as one number —
 * `2026-11-20 11:00:00` → 20261120110000 — which orders as the text does
 * (14 digits fit a double exactly), without allocating.
 */
export function timestampDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) n = n * 10 + d;
  }
  return n;
}
