import { randomUUID } from 'node:crypto';
import { generateDemoApplicants } from '@oncegate/demo';
import fc from 'fast-check';
import { startSimulator, type RunningSimulator } from '../shared';
import {
  SocialInsuranceChangeFeed,
  changeFeedOf,
  parseSocialInsuranceTime,
  personUpdatedAt,
  socialInsuranceTime,
  updateSocialInsuranceRecord,
  type SocialInsuranceFeedCursor,
  type SocialInsuranceFeedEntry,
} from './social-insurance.changes';
import { generateSocialInsuranceData } from './social-insurance.data';
import type {
  SocialInsuranceData,
  SocialInsuranceEmployerRecord,
  SocialInsurancePersonRecord,
} from './social-insurance.records';
import {
  socialInsuranceSignature,
  type SocialInsuranceCredential,
} from './social-insurance.signature';
import { createSocialInsuranceSimulator } from './social-insurance.simulator';

/**
 * The change feed's order and paging, and `updateSocialInsuranceRecord`:
 * a changed record moves to its new place in the feed, and a running
 * simulator serves the new values at once.
 */

const population = generateDemoApplicants({ seed: 8, persons: 400, enterprises: 200 });

/** A fresh copy of the generated data: updates mutate records. */
function freshData(): SocialInsuranceData {
  const generated = generateSocialInsuranceData(population, { seed: 8 });
  return { employers: generated.employers, persons: generated.persons };
}

const keyOf = (e: SocialInsuranceFeedEntry) => `${e.updatedAt}|${e.recordNo}`;

function readAll(feed: SocialInsuranceChangeFeed, size: number): SocialInsuranceFeedEntry[] {
  const read: SocialInsuranceFeedEntry[] = [];
  let cursor: SocialInsuranceFeedCursor | null = null;
  for (;;) {
    const page = feed.page(cursor, size);
    expect(page.records.length).toBeLessThanOrEqual(size);
    read.push(...page.records);
    if (!page.hasMore) return read;
    expect(page.records.length).toBe(size);
    const last = page.records[page.records.length - 1];
    cursor = { updatedAt: last.updatedAt, recordNo: last.recordNo };
  }
}

/** (updated_at, record_no) strictly ascending, in code-unit order. */
function expectFeedOrder(entries: readonly SocialInsuranceFeedEntry[]): void {
  for (let i = 1; i < entries.length; i++) {
    const [a, b] = [entries[i - 1], entries[i]];
    const ordered =
      a.updatedAt < b.updatedAt || (a.updatedAt === b.updatedAt && a.recordNo < b.recordNo);
    if (!ordered) throw new Error(`${keyOf(a)} is not before ${keyOf(b)}`);
  }
}

describe('socialInsuranceTime', () => {
  it('writes 北京时间 to the second, and reads back what it wrote', () => {
    expect(socialInsuranceTime(new Date('2026-10-15T01:30:12.999Z'))).toBe('20261015093012');
    expect(socialInsuranceTime(new Date('2026-12-31T16:00:00Z'))).toBe('20270101000000');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T15:59:59Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const text = socialInsuranceTime(instant);
          expect(parseSocialInsuranceTime(text)?.getTime()).toBe(
            Math.floor(instant.getTime() / 1000) * 1000,
          );
        },
      ),
    );
  });

  it.each([
    '20260230120000',
    '20261015240000',
    '20261015096000',
    '2026101509301',
    'abcdefghijklmn',
  ])('refuses %s as a time', (text) => {
    expect(parseSocialInsuranceTime(text)).toBeUndefined();
  });

  it('refuses an invalid date', () => {
    expect(() => socialInsuranceTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('SocialInsuranceChangeFeed', () => {
  const data = freshData();
  const total = data.employers.length + data.persons.length;

  it('pages every unit and person exactly once, in (updated_at, record_no) order, for any page size', () => {
    const feed = new SocialInsuranceChangeFeed(data);
    const all = readAll(feed, total + 1);
    expect(all).toHaveLength(total);
    expectFeedOrder(all);
    expect(new Set(all.map((e) => e.record))).toEqual(
      new Set<object>([...data.employers, ...data.persons]),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), (size) => {
        expect(readAll(feed, size).map(keyOf)).toEqual(all.map(keyOf));
      }),
      { numRuns: 25 },
    );
  });

  it('starts strictly after any cursor, found in the feed or not', () => {
    const feed = new SocialInsuranceChangeFeed(data);
    const all = readAll(feed, total);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.constantFrom('', '0', 'SI-PER-', 'SI-UNIT-999999', '~'),
        (i, recordNo) => {
          const at = all[i];
          const cursors: SocialInsuranceFeedCursor[] = [
            { updatedAt: at.updatedAt, recordNo: at.recordNo },
            { updatedAt: at.updatedAt, recordNo },
          ];
          for (const cursor of cursors) {
            const page = feed.page(cursor, 5);
            const expected = all
              .filter(
                (e) =>
                  e.updatedAt > cursor.updatedAt ||
                  (e.updatedAt === cursor.updatedAt && e.recordNo > cursor.recordNo),
              )
              .slice(0, 5);
            expect(page.records.map(keyOf)).toEqual(expected.map(keyOf));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('files a record without updated_at at its registration, and notices records added later', () => {
    const unit: SocialInsuranceEmployerRecord = { ...data.employers[0], unit_no: 'SI-UNIT-990001' };
    delete unit.updated_at;
    const person: SocialInsurancePersonRecord = {
      ...data.persons[0],
      personal_no: 'SI-PER-990001',
      lines: [
        { ...data.persons[0].lines[0], first_insured_date: '20150301' },
        { ...data.persons[0].lines[0], first_insured_date: '20090101' },
      ],
    };
    delete person.updated_at;
    expect(personUpdatedAt(person)).toBe('20090101000000');
    const small: SocialInsuranceData = { employers: [], persons: [person] };
    const feed = new SocialInsuranceChangeFeed(small);
    expect(feed.page(null, 10).records.map((e) => e.updatedAt)).toEqual(['20090101000000']);
    small.employers.push(unit);
    expect(
      feed
        .page(null, 10)
        .records.map((e) => e.recordNo)
        .sort(),
    ).toEqual(['SI-PER-990001', 'SI-UNIT-990001']);
    expect(feed.find('SI-UNIT-990001')?.updatedAt).toBe(`${unit.registered_at}000000`);
  });

  it('is one feed per pair of record arrays, whatever object holds them', () => {
    const feed = changeFeedOf(data);
    expect(changeFeedOf({ employers: data.employers, persons: data.persons })).toBe(feed);
    expect(changeFeedOf({ employers: data.employers, persons: [...data.persons] })).not.toBe(feed);
  });
});

describe('updateSocialInsuranceRecord', () => {
  it('changes a unit, which reappears after the old cursor with the new values', () => {
    const data = freshData();
    const feed = changeFeedOf(data);
    const before = readAll(feed, 50);
    const cursor = before[before.length - 1];
    // A unit from early in the feed: it has to move past most of it.
    const target = before.find((e, i) => i >= before.length / 3 && e.kind === 'employer')!;
    const changedAt = new Date(parseSocialInsuranceTime(cursor.updatedAt)!.getTime() + 5_000);
    expect(
      updateSocialInsuranceRecord(data, target.recordNo, {
        name: '长兴县新名称有限公司',
        phone: '0572-6000001',
        address: '',
        legalRepresentative: '王新',
        changedAt,
      }),
    ).toBe(true);
    const unit = data.employers.find((e) => e.unit_no === target.recordNo)!;
    expect(unit).toMatchObject({
      unit_name: '长兴县新名称有限公司',
      contact_phone: '0572-6000001',
      legal_rep: '王新',
      updated_at: socialInsuranceTime(changedAt),
    });
    expect('unit_address' in unit).toBe(false);
    const after = feed.page({ updatedAt: cursor.updatedAt, recordNo: cursor.recordNo }, 10);
    expect(after.records.map((e) => e.recordNo)).toEqual([target.recordNo]);
    expect(after.records[0].record).toBe(unit);
    // Still once in the whole feed, now at the end.
    const all = readAll(feed, 37);
    expectFeedOrder(all);
    expect(all.filter((e) => e.recordNo === target.recordNo)).toHaveLength(1);
    expect(all).toHaveLength(before.length);
  });

  it('moves a record back in the feed too, and breaks a tie in the same second by number', () => {
    const data = freshData();
    const feed = changeFeedOf(data);
    const all = readAll(feed, 1000);
    const [a, b] = [all[all.length - 1], all[all.length - 2]];
    const changedAt = parseSocialInsuranceTime(all[10].updatedAt)!;
    updateSocialInsuranceRecord(data, a.recordNo, { changedAt });
    updateSocialInsuranceRecord(data, b.recordNo, { changedAt });
    const moved = readAll(feed, 7);
    expectFeedOrder(moved);
    const sameSecond = moved
      .filter((e) => e.updatedAt === all[10].updatedAt)
      .map((e) => e.recordNo);
    expect(sameSecond).toEqual(expect.arrayContaining([a.recordNo, b.recordNo]));
    expect(sameSecond).toEqual([...sameSecond].sort());
  });

  it('keeps the feed as a fresh index would have it, after a few changes or many between reads', () => {
    const data = freshData();
    const feed = changeFeedOf(data);
    const numbers = [
      ...data.employers.map((e) => e.unit_no),
      ...data.persons.map((p) => p.personal_no),
    ];
    const base = Date.UTC(2026, 0, 1);
    const change = fc.record({
      no: fc.constantFrom(...numbers),
      // Few distinct seconds: many ties, broken by number.
      seconds: fc.integer({ min: 0, max: 20 }),
    });
    const check = (changes: { no: string; seconds: number }[]) => {
      for (const c of changes)
        updateSocialInsuranceRecord(data, c.no, { changedAt: new Date(base + c.seconds * 1000) });
      const kept = readAll(feed, 97);
      expectFeedOrder(kept);
      expect(kept.map(keyOf)).toEqual(readAll(new SocialInsuranceChangeFeed(data), 500).map(keyOf));
    };
    // A few changes are filed one by one; more than 32 are merged in one pass.
    fc.assert(fc.property(fc.array(change, { minLength: 1, maxLength: 5 }), check), {
      numRuns: 30,
    });
    fc.assert(fc.property(fc.array(change, { minLength: 33, maxLength: 90 }), check), {
      numRuns: 15,
    });
  });

  it('changes a person: name, mobile, address; a legal representative does not apply', () => {
    const data = freshData();
    const person = data.persons[3];
    const before = JSON.stringify(person);
    const changedAt = new Date('2026-11-02T02:00:00Z');
    expect(
      updateSocialInsuranceRecord(data, person.personal_no, {
        name: '李新',
        phone: '13900000000',
        address: '长兴县太湖街道新址1号',
        legalRepresentative: '不适用',
        changedAt,
      }),
    ).toBe(true);
    expect(person).toEqual({
      ...(JSON.parse(before) as SocialInsurancePersonRecord),
      name: '李新',
      mobile: '13900000000',
      address: '长兴县太湖街道新址1号',
      updated_at: '20261102100000',
    });
  });

  it('returns false for an unknown number and changes nothing; refuses an empty name or a bad time', () => {
    const data = freshData();
    const snapshot = JSON.stringify(data);
    expect(
      updateSocialInsuranceRecord(data, 'SI-PER-999999', { name: 'x', changedAt: new Date() }),
    ).toBe(false);
    const no = data.persons[0].personal_no;
    expect(() =>
      updateSocialInsuranceRecord(data, no, { name: ' ', changedAt: new Date() }),
    ).toThrow(RangeError);
    expect(() =>
      updateSocialInsuranceRecord(data, no, { phone: '1', changedAt: new Date(Number.NaN) }),
    ).toThrow(RangeError);
    expect(JSON.stringify(data)).toBe(snapshot);
  });

  describe('on a running simulator', () => {
    const CREDENTIAL: SocialInsuranceCredential = {
      appKey: 'county-gateway-01',
      appSecret: 'changes-test-secret',
    };
    const data = freshData();
    let running: RunningSimulator;
    const violations: string[] = [];

    beforeAll(async () => {
      running = await startSimulator(
        createSocialInsuranceSimulator(data, {
          credentials: [CREDENTIAL],
          onContractViolation: (message) => violations.push(message),
        }),
      );
    });
    afterAll(() => running.close());
    afterEach(() => expect(violations).toEqual([]));

    async function get(pathAndQuery: string): Promise<{ status: number; data: unknown }> {
      const [path, query = ''] = pathAndQuery.split('?');
      const timestamp = String(Date.now());
      const nonce = randomUUID();
      const res = await fetch(running.url + pathAndQuery, {
        headers: {
          'x-app-key': CREDENTIAL.appKey,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': socialInsuranceSignature(CREDENTIAL.appSecret, {
            method: 'GET',
            path,
            query,
            timestamp,
            nonce,
            body: '',
          }),
        },
      });
      return { status: res.status, data: ((await res.json()) as { data?: unknown }).data };
    }

    it('serves the change at once, in the lookups and after the old cursor of the feed', async () => {
      const unit = data.employers.find((e) => e.uscc !== null)!;
      const last = readAll(changeFeedOf(data), 500).at(-1)!;
      const cursor = `updated_after=${last.updatedAt}&after_record_no=${last.recordNo}`;
      expect((await get(`/si/api/v1/changes?${cursor}`)).data).toEqual({
        records: [],
        has_more: false,
      });
      const changedAt = new Date(parseSocialInsuranceTime(last.updatedAt)!.getTime() + 1000);
      updateSocialInsuranceRecord(data, unit.unit_no, { phone: '0572-6999999', changedAt });

      const lookup = await get(`/si/api/v1/employers/${unit.uscc!.toUpperCase()}`);
      expect(lookup.data).toMatchObject({ contact_phone: '0572-6999999' });
      const page = await get(`/si/api/v1/changes?${cursor}`);
      expect(page.data).toEqual({
        records: [
          {
            record_type: 'employer',
            record_no: unit.unit_no,
            updated_at: socialInsuranceTime(changedAt),
            employer: JSON.parse(JSON.stringify(unit)) as unknown,
          },
        ],
        has_more: false,
      });
    });
  });
});
