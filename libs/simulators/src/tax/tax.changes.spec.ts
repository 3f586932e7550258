import fc from 'fast-check';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import {
  TAX_CHANGES_MAX_PAGE,
  TaxChangeFeed,
  taxChangedAt,
  updateTaxRecord,
  type TaxFeedCursor,
} from './tax.changes';
import { generateTaxData, parseTaxExport, taxDataToXml, type TaxData } from './tax.data';
import { parseXml, type XmlElement } from './tax-xml';
import type { TaxpayerInfoRecord } from './tax.record';
import { createTaxSimulator, TAX_SERVICE_PATH } from './tax.simulator';
import { formatTaxTime, parseTaxTime } from './tax.time';

/**
 * The change feed on the simulator side: every registration has a
 * deterministic 更新时间; pages of any size visit each registration exactly
 * once in (GXSJ, DJXH) order; `updateTaxRecord` changes the served objects and
 * moves the registration to the end of the feed.
 */
const NS = 'urn:chinatax:jsxt:nsrxx:v1';
const population = generateDemoApplicants({ seed: 21, persons: 1200, enterprises: 500 });
/** A fresh copy for each test that changes data, so tests do not see each other's changes. */
const fresh = (): TaxData => generateTaxData(population, { seed: 4 });
const data = fresh();

const key = (r: TaxpayerInfoRecord) => ({ at: taxChangedAt(r), djxh: r.DJXH });
const inFeedOrder = (records: readonly TaxpayerInfoRecord[]) =>
  [...records].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x.at - y.at || (x.djxh < y.djxh ? -1 : x.djxh > y.djxh ? 1 : 0);
  });

/** Every registration the feed gives from `after`, page by page. */
function readAll(feed: TaxChangeFeed, limit: number, after: TaxFeedCursor | null = null) {
  const seen: TaxpayerInfoRecord[] = [];
  let cursor = after;
  for (let guard = 0; guard < 100_000; guard++) {
    const { records, hasMore } = feed.page(cursor, limit);
    expect(records.length).toBeLessThanOrEqual(limit);
    seen.push(...records);
    if (records.length > 0) cursor = key(records[records.length - 1]);
    if (!hasMore) return seen;
    expect(records.length).toBe(limit);
  }
  throw new Error('the feed never ended');
}

describe('更新时间 of generated registrations', () => {
  it('is set on every registration, deterministically, between its 登记日期 and today', () => {
    expect(generateTaxData(population, { seed: 4 }).registrations.map((r) => r.GXSJ)).toEqual(
      data.registrations.map((r) => r.GXSJ),
    );
    const now = Date.parse('2026-11-01T00:00:00Z');
    for (const r of data.registrations) {
      const at = parseTaxTime(r.GXSJ ?? '');
      expect([r.DJXH, at !== null]).toEqual([r.DJXH, true]);
      expect(formatTaxTime(at!)).toBe(r.GXSJ);
      expect(at!).toBeGreaterThanOrEqual(Date.parse(`${r.DJRQ}T00:00:00+08:00`));
      expect(at!).toBeLessThan(now);
    }
    // Mostly on the day of registration, a good share changed later.
    const later = data.registrations.filter((r) => r.GXSJ!.slice(0, 10) > r.DJRQ).length;
    expect(later / data.registrations.length).toBeGreaterThan(0.2);
    expect(later / data.registrations.length).toBeLessThan(0.6);
  });

  it('survives an export round trip', () => {
    expect(parseTaxExport(taxDataToXml(data.registrations)).registrations).toEqual(
      data.registrations,
    );
  });

  it('is derived from the 登记日期 and 登记序号 when a replayed registration has none', () => {
    const { GXSJ: _gxsj, ...bare } = data.registrations[0];
    const at = taxChangedAt(bare);
    expect(taxChangedAt({ ...bare })).toBe(at);
    const chinaDay = new Date(at + 8 * 3_600_000).toISOString();
    expect(chinaDay.slice(0, 10)).toBe(bare.DJRQ);
    expect(chinaDay.slice(11, 19) >= '09:00:00' && chinaDay.slice(11, 19) < '17:00:00').toBe(true);
    expect(taxChangedAt({ ...bare, DJXH: '10330522000000000999' })).not.toBe(at);
  });
});

describe('TaxChangeFeed', () => {
  const expected = inFeedOrder(data.registrations).map((r) => r.DJXH);

  it('visits every registration exactly once, in (GXSJ, DJXH) order, for pages of any size', () => {
    const feed = new TaxChangeFeed(data.registrations);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: TAX_CHANGES_MAX_PAGE }), (limit) => {
        expect(readAll(feed, limit).map((r) => r.DJXH)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
    expect(readAll(feed, 1).map((r) => r.DJXH)).toEqual(expected);
  });

  it('reads on strictly after any cursor, and from a moment with an empty 登记序号', () => {
    const feed = new TaxChangeFeed(data.registrations);
    const ordered = inFeedOrder(data.registrations);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ordered.length - 1 }), (i) => {
        const rest = readAll(feed, 77, key(ordered[i])).map((r) => r.DJXH);
        expect(rest).toEqual(expected.slice(i + 1));
        const at = taxChangedAt(ordered[i]);
        const fromMoment = readAll(feed, 77, { at, djxh: '' }).map((r) => r.DJXH);
        expect(fromMoment).toEqual(
          expected.slice(expected.findIndex((_, j) => key(ordered[j]).at >= at)),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('breaks ties of 更新时间 by 登记序号', () => {
    const own = fresh();
    const same = new Date('2026-11-03T02:00:00Z');
    const picked = [own.registrations[40], own.registrations[3], own.registrations[17]];
    for (const r of picked) updateTaxRecord(own, r.DJXH, { changedAt: same });
    const tail = readAll(new TaxChangeFeed(own.registrations), 500).slice(-3);
    expect(tail.map((r) => r.DJXH)).toEqual(picked.map((r) => r.DJXH).sort());
  });
});

describe('updateTaxRecord', () => {
  it('changes the registration in place and moves it after every earlier cursor', () => {
    const own = fresh();
    const feed = new TaxChangeFeed(own.registrations);
    const all = readAll(feed, 100);
    const end = key(all[all.length - 1]);
    const unit = own.registrations.find((r) => r.NSRLX === '单位纳税人' && r.FDDBRSFZJHM)!;
    const changedAt = new Date('2026-11-02T01:02:03.456Z');
    expect(
      updateTaxRecord(own, unit.DJXH, {
        name: '长兴县新名称有限公司',
        phone: '0572-6000000',
        address: '长兴县新地址1号',
        legalRepresentative: '新代表',
        changedAt,
      }),
    ).toBe(true);
    expect(unit).toMatchObject({
      NSRMC: '长兴县新名称有限公司',
      LXDH: '0572-6000000',
      ZCDZ: '长兴县新地址1号',
      FDDBRXM: '新代表',
      GXSJ: '2026-11-02T09:02:03.456+08:00',
    });
    // The former representative's ID number goes with them.
    expect(unit.FDDBRSFZJHM).toBeUndefined();
    expect(readAll(feed, 100, end)).toEqual([unit]);
    // From the start it is read once, last.
    const again = readAll(feed, 33);
    expect(again).toHaveLength(own.registrations.length);
    expect(again[again.length - 1]).toBe(unit);
    expect(new Set(again).size).toBe(own.registrations.length);
  });

  it('changes a natural person’s 联系地址 and ignores a legal representative', () => {
    const own = fresh();
    const person = own.registrations.find((r) => r.NSRLX === '自然人')!;
    const before = { ...person };
    updateTaxRecord(own, person.DJXH, {
      address: '长兴县新村5号',
      legalRepresentative: '无关',
      changedAt: new Date('2026-11-02T00:00:00Z'),
    });
    expect(person).toEqual({ ...before, LXDZ: '长兴县新村5号', GXSJ: '2026-11-02T08:00:00+08:00' });
  });

  it('returns false for an unknown 登记序号 and refuses what the contract cannot carry', () => {
    const own = fresh();
    const changedAt = new Date('2026-11-02T00:00:00Z');
    expect(updateTaxRecord(own, '99999999999999999999', { name: 'x', changedAt })).toBe(false);
    const djxh = own.registrations[0].DJXH;
    expect(() => updateTaxRecord(own, djxh, { changedAt: new Date(NaN) })).toThrow(RangeError);
    expect(() => updateTaxRecord(own, djxh, { name: ' ', changedAt })).toThrow(RangeError);
    expect(() => updateTaxRecord(own, djxh, { address: '址'.repeat(201), changedAt })).toThrow(
      RangeError,
    );
    expect(own.registrations).toEqual(fresh().registrations);
  });

  it('keeps the feed in order through any sequence of updates, few or many at once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            index: fc.nat(),
            minutes: fc.integer({ min: -600_000, max: 600_000 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.boolean(),
        (updates, readBetween) => {
          const own = fresh();
          const feed = new TaxChangeFeed(own.registrations);
          readAll(feed, 500);
          for (const u of updates) {
            const r = own.registrations[u.index % own.registrations.length];
            updateTaxRecord(own, r.DJXH, {
              changedAt: new Date(Date.parse('2026-01-01T00:00:00Z') + u.minutes * 60_000),
            });
            if (readBetween) feed.page(null, 1);
          }
          expect(readAll(feed, 250).map((r) => r.DJXH)).toEqual(
            inFeedOrder(own.registrations).map((r) => r.DJXH),
          );
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rebuilds the order after more than a thousand updates at once', () => {
    const own = fresh();
    const feed = new TaxChangeFeed(own.registrations);
    readAll(feed, 500);
    const base = Date.parse('2026-06-01T00:00:00Z');
    for (let i = 0; i < 1500; i++) {
      const r = own.registrations[(i * 7) % own.registrations.length];
      updateTaxRecord(own, r.DJXH, { changedAt: new Date(base - i * 1000) });
    }
    expect(readAll(feed, 500).map((r) => r.DJXH)).toEqual(
      inFeedOrder(own.registrations).map((r) => r.DJXH),
    );
  });
});

/** The TaxpayerInfo elements and HXBZ of a GetTaxpayerInfoChanges answer. */
async function changesOverHttp(
  url: string,
  request: string,
): Promise<{ status: number; infos: XmlElement[]; more: string | undefined }> {
  const res = await fetch(url + TAX_SERVICE_PATH, {
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: '"urn:chinatax:jsxt:nsrxx:v1#GetTaxpayerInfoChanges"',
    },
    body:
      `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">` +
      `<soap:Body><GetTaxpayerInfoChangesRequest xmlns="${NS}">${request}</GetTaxpayerInfoChangesRequest></soap:Body></soap:Envelope>`,
  });
  const body = parseXml(await res.text()).children[0].children[0];
  return {
    status: res.status,
    infos: body.children.filter((c) => c.localName === 'TaxpayerInfo'),
    more: body.children.find((c) => c.localName === 'HXBZ')?.text,
  };
}
const leaf = (info: XmlElement, name: string) =>
  info.children.find((c) => c.localName === name)?.text;

describe('the running simulator’s change feed', () => {
  let running: RunningSimulator;
  const own = fresh();

  beforeAll(async () => {
    running = await startSimulator(createTaxSimulator(own));
  });
  afterAll(() => running.close());

  it.each([1, 173, 500])('serves every registration once, in order, %i per page', async (size) => {
    const expected = inFeedOrder(own.registrations).map((r) => r.DJXH);
    const seen: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await changesOverHttp(running.url, `${cursor}<MYTS>${size}</MYTS>`);
      expect(page.status).toBe(200);
      seen.push(...page.infos.map((i) => leaf(i, 'DJXH')!));
      const last = page.infos[page.infos.length - 1];
      if (last)
        cursor = `<QSGXSJ>${leaf(last, 'GXSJ')}</QSGXSJ><QSDJXH>${leaf(last, 'DJXH')}</QSDJXH>`;
      if (page.more === 'N') break;
      expect(page.infos).toHaveLength(size);
      // One per page: the first fifty are enough over HTTP (TaxChangeFeed's tests cover the rest).
      if (size === 1 && seen.length === 50) break;
    }
    expect(seen).toEqual(size === 1 ? expected.slice(0, 50) : expected);
  });

  it('answers 100 when MYTS is absent', async () => {
    expect((await changesOverHttp(running.url, '')).infos).toHaveLength(100);
  });

  it('shows an update at once: in GetTaxpayerInfo and after the old end of the feed', async () => {
    const ordered = inFeedOrder(own.registrations);
    const last = ordered[ordered.length - 1];
    const end = `<QSGXSJ>${last.GXSJ}</QSGXSJ><QSDJXH>${last.DJXH}</QSDJXH>`;
    expect(await changesOverHttp(running.url, end)).toMatchObject({ infos: [], more: 'N' });
    const target = ordered[0];
    expect(
      updateTaxRecord(own, target.DJXH, {
        name: '改过的名称',
        changedAt: new Date('2026-11-05T00:00:00Z'),
      }),
    ).toBe(true);
    const page = await changesOverHttp(running.url, end);
    expect(page.more).toBe('N');
    expect(page.infos.map((i) => [leaf(i, 'DJXH'), leaf(i, 'NSRMC'), leaf(i, 'GXSJ')])).toEqual([
      [target.DJXH, '改过的名称', '2026-11-05T08:00:00+08:00'],
    ]);
    const res = await fetch(running.url + TAX_SERVICE_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '"urn:chinatax:jsxt:nsrxx:v1#GetTaxpayerInfo"',
      },
      body:
        `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
        `<GetTaxpayerInfoRequest xmlns="${NS}"><NSRSBH>${target.NSRSBH}</NSRSBH></GetTaxpayerInfoRequest>` +
        `</soap:Body></soap:Envelope>`,
    });
    expect(await res.text()).toContain('<NSRMC>改过的名称</NSRMC>');
  });
});
