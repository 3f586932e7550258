import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { departmentContract } from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startSimulator, type RunningSimulator } from '../shared';
import {
  employerUpdatedAt,
  parseSocialInsuranceTime,
  personUpdatedAt,
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
import { personKey } from './social-insurance.store';

/**
 * Contract test, system side: the simulator answers every operation of
 * contracts/departments/social-insurance.openapi.yaml — successes and every
 * error — with the contract's response validation on; any answer that broke
 * the contract would be reported as a violation and turned into a 500.
 */

interface Contract {
  paths: Record<
    string,
    Record<string, { responses: Record<string, Example>; parameters?: { name?: string }[] }>
  >;
  components: {
    schemas: { ErrorResponse: { required: string[]; properties: { code: { enum: string[] } } } };
  };
}
interface Example {
  content?: Record<string, { examples?: Record<string, { value: unknown }> }>;
  $ref?: string;
}

const contract = parse(
  readFileSync(departmentContract('social-insurance.openapi.yaml'), 'utf8'),
) as Contract;
const ERROR_CODES = contract.components.schemas.ErrorResponse.properties.code.enum;

function exampleData<T>(path: string, status = '200'): T[] {
  const response = contract.paths[path].get.responses[status];
  const examples = response.content?.['application/json']?.examples ?? {};
  return Object.values(examples).map((e) => (e.value as { data: T }).data);
}

const exampleEmployers = exampleData<SocialInsuranceEmployerRecord>('/si/api/v1/employers/{uscc}');
const examplePersons = exampleData<SocialInsurancePersonRecord[]>(
  '/si/api/v1/persons/{social_security_no}',
).flat();

const population = generateDemoApplicants({ seed: 2, persons: 300, enterprises: 300 });
const generated = generateSocialInsuranceData(population, { seed: 2 });
const data: SocialInsuranceData = {
  employers: [...exampleEmployers, ...generated.employers],
  persons: [...examplePersons, ...generated.persons],
};
const snapshot = JSON.stringify(data);

const CREDENTIAL: SocialInsuranceCredential = {
  appKey: 'county-gateway-01',
  appSecret: 'a-test-secret-0001',
};

describe('the social-insurance simulator satisfies its contract', () => {
  let running: RunningSimulator;
  const violations: string[] = [];
  let clockOffset = 0;

  beforeAll(async () => {
    running = await startSimulator(
      createSocialInsuranceSimulator(data, {
        credentials: [CREDENTIAL],
        clock: () => Date.now() + clockOffset,
        onContractViolation: (message) => violations.push(message),
      }),
    );
  });
  afterAll(() => running.close());
  afterEach(() => {
    clockOffset = 0;
    expect(violations).toEqual([]);
  });

  interface Sent {
    status: number;
    body: { code: string; message: string; request_id: string; data?: unknown };
  }

  async function send(
    method: 'GET' | 'POST' | 'PUT',
    pathAndQuery: string,
    options: {
      body?: string;
      contentType?: string;
      headers?: Record<string, string | undefined>;
      credential?: SocialInsuranceCredential;
      timestamp?: number;
      nonce?: string;
      /** Another simulator than the main one. */
      url?: string;
    } = {},
  ): Promise<Sent> {
    const [path, query = ''] = pathAndQuery.split('?');
    const body = options.body ?? '';
    const credential = options.credential ?? CREDENTIAL;
    const timestamp = String(options.timestamp ?? Date.now());
    const nonce = options.nonce ?? randomUUID();
    const signed: Record<string, string | undefined> = {
      'x-app-key': credential.appKey,
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': socialInsuranceSignature(credential.appSecret, {
        method,
        path,
        query,
        timestamp,
        nonce,
        body,
      }),
      'content-type': options.contentType ?? (body ? 'application/json' : undefined),
      ...options.headers,
    };
    const headers = Object.fromEntries(
      Object.entries(signed).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const res = await fetch((options.url ?? running.url) + pathAndQuery, {
      method,
      headers,
      body: body || undefined,
    });
    return { status: res.status, body: (await res.json()) as Sent['body'] };
  }

  function expectError(sent: Sent, status: number, code: string): void {
    expect({ status: sent.status, code: sent.body.code }).toEqual({ status, code });
    expect(ERROR_CODES).toContain(sent.body.code);
    for (const field of contract.components.schemas.ErrorResponse.required)
      expect(typeof (sent.body as unknown as Record<string, unknown>)[field]).toBe('string');
  }

  const batch = (body: unknown, options = {}) =>
    send('POST', '/si/api/v1/batch/query', { body: JSON.stringify(body), ...options });

  describe('GET /si/api/v1/employers/{uscc}', () => {
    it.each(exampleEmployers.map((e) => [e.unit_name, e] as const))(
      'serves %s exactly as the contract example has it',
      async (_name, employer) => {
        const sent = await send('GET', `/si/api/v1/employers/${employer.uscc}`);
        expect(sent.status).toBe(200);
        expect(sent.body).toMatchObject({ code: 'SUCCESS', message: '成功', data: employer });
      },
    );

    it('finds a unit by its code in any case, also when it is stored in lower case', async () => {
      const stored = generated.employers.find(
        (e) => e.uscc !== null && e.uscc !== e.uscc.toUpperCase(),
      );
      expect(stored).toBeDefined();
      const upper = await send('GET', `/si/api/v1/employers/${stored!.uscc!.toUpperCase()}`);
      expect(upper.body.data).toEqual(stored);
      const typed = await send('GET', `/si/api/v1/employers/${stored!.uscc!.toLowerCase()}`);
      expect(typed.body.data).toEqual(stored);
    });

    it('cannot find a unit that has only its old organisation code', async () => {
      const legacy = generated.employers.find((e) => e.uscc === null);
      expect(legacy).toBeDefined();
      const uscc = generated.truth.find((t) => t.localId === legacy!.unit_no)!.applicantKey;
      expectError(await send('GET', `/si/api/v1/employers/${uscc}`), 404, 'EMPLOYER_NOT_FOUND');
    });

    it('answers 404 EMPLOYER_NOT_FOUND and 400 INVALID_REQUEST', async () => {
      expectError(
        await send('GET', '/si/api/v1/employers/91330522MA2G4P7W1F'),
        404,
        'EMPLOYER_NOT_FOUND',
      );
      expectError(await send('GET', '/si/api/v1/employers/9133052'), 400, 'INVALID_REQUEST');
    });
  });

  describe('GET /si/api/v1/persons/{social_security_no}', () => {
    it("serves the registrations of the contract examples by today's number", async () => {
      const byNumber = new Map<string, SocialInsurancePersonRecord[]>();
      for (const p of examplePersons) {
        const key = personKey(p.social_security_no)!;
        byNumber.set(key, [...(byNumber.get(key) ?? []), p]);
      }
      for (const [key, records] of byNumber) {
        const sent = await send('GET', `/si/api/v1/persons/${key}`);
        expect(sent.status).toBe(200);
        expect(sent.body.data).toEqual(records);
      }
    });

    it('finds a registration kept under the 15-digit number by the 18-digit one, and back', async () => {
      const legacy = generated.persons.find((p) => p.social_security_no.length === 15)!;
      const id = personKey(legacy.social_security_no)!;
      expect((await send('GET', `/si/api/v1/persons/${id}`)).body.data).toContainEqual(legacy);
      expect(
        (await send('GET', `/si/api/v1/persons/${legacy.social_security_no}`)).body.data,
      ).toContainEqual(legacy);
      const modern = generated.persons.find((p) =>
        /^\d{6}19\d{9}[\dX]$/.test(p.social_security_no),
      )!;
      const id15 = modern.social_security_no.slice(0, 6) + modern.social_security_no.slice(8, 17);
      expect((await send('GET', `/si/api/v1/persons/${id15}`)).body.data).toContainEqual(modern);
    });

    it('finds a number stored with a lower-case x by the upper-case one', async () => {
      const lower = generated.persons.find((p) => p.social_security_no.endsWith('x'))!;
      const sent = await send(
        'GET',
        `/si/api/v1/persons/${lower.social_security_no.toUpperCase()}`,
      );
      expect(sent.body.data).toContainEqual(lower);
    });

    it('answers every registration of a person registered twice', async () => {
      const counts = new Map<string, number>();
      for (const p of generated.persons) {
        const key = personKey(p.social_security_no)!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const twice = [...counts].find(([, n]) => n > 1)![0];
      const sent = await send('GET', `/si/api/v1/persons/${twice}`);
      expect((sent.body.data as unknown[]).length).toBe(counts.get(twice));
    });

    it('answers 404 PERSON_NOT_FOUND and 400 INVALID_REQUEST', async () => {
      expectError(
        await send('GET', '/si/api/v1/persons/110105194912310021'),
        404,
        'PERSON_NOT_FOUND',
      );
      expectError(
        await send('GET', '/si/api/v1/persons/1101051949123100XX'),
        400,
        'INVALID_REQUEST',
      );
    });
  });

  describe('POST /si/api/v1/batch/query', () => {
    it('serves every record of the data, 200 keys at a time, each with the key it was found by', async () => {
      const employerKeys = data.employers.flatMap((e) => (e.uscc ? [e.uscc.toUpperCase()] : []));
      const personKeys = [...new Set(data.persons.map((p) => personKey(p.social_security_no)!))];
      const keys = [
        ...employerKeys.map((k) => ['employers', k] as const),
        ...personKeys.map((k) => ['persons', k] as const),
      ];
      let employers = 0;
      let persons = 0;
      for (let i = 0; i < keys.length; i += 200) {
        const chunk = keys.slice(i, i + 200);
        const sent = await batch({
          employers: chunk.filter(([kind]) => kind === 'employers').map(([, k]) => k),
          persons: chunk.filter(([kind]) => kind === 'persons').map(([, k]) => k),
        });
        expect(sent.status).toBe(200);
        const answer = sent.body.data as {
          employers: { query_key: string }[];
          persons: { query_key: string }[];
          not_found: unknown[];
        };
        expect(answer.not_found).toEqual([]);
        employers += answer.employers.length;
        persons += answer.persons.length;
      }
      expect(employers).toBe(employerKeys.length);
      expect(persons).toBe(data.persons.length);
    });

    it('lists what it did not find, answering a key given twice once', async () => {
      const known = generated.persons[0];
      const id = personKey(known.social_security_no)!;
      const sent = await batch({
        employers: ['91330522MA2G4P7W1F', '91330522MA2G4P7W1F'],
        persons: [id, '110105194912310021'],
      });
      expect(sent.status).toBe(200);
      expect(sent.body.data).toMatchObject({
        employers: [],
        persons: [expect.objectContaining({ query_key: id, personal_no: known.personal_no })],
        not_found: [
          { query_type: 'employer', query_key: '91330522MA2G4P7W1F' },
          { query_type: 'person', query_key: '110105194912310021' },
        ],
      });
    });

    it('accepts a batch with only one kind of key, or none', async () => {
      expect((await batch({ persons: [] })).status).toBe(200);
      expect((await batch({})).body.data).toEqual({ employers: [], persons: [], not_found: [] });
    });

    it('refuses more than 200 keys in all with BATCH_TOO_LARGE', async () => {
      const employers = Array.from({ length: 120 }, () => '91330522MA2G4P7W1F');
      const persons = Array.from({ length: 81 }, () => '110105194912310021');
      expectError(await batch({ employers, persons }), 400, 'BATCH_TOO_LARGE');
      expect((await batch({ employers, persons: persons.slice(1) })).status).toBe(200);
    });

    it.each([
      ['a malformed key', { persons: ['12345'] }, undefined],
      ['an unknown field', { employers: [], people: [] }, undefined],
      ['keys that are not a list', { employers: '91330522MA2G4P7W1F' }, undefined],
    ])('refuses %s with INVALID_REQUEST', async (_what, body, contentType) => {
      expectError(await batch(body, { contentType }), 400, 'INVALID_REQUEST');
    });

    it('refuses a body that is not JSON, or not declared as JSON', async () => {
      expectError(
        await send('POST', '/si/api/v1/batch/query', { body: '{"persons": [' }),
        400,
        'INVALID_REQUEST',
      );
      expectError(
        await send('POST', '/si/api/v1/batch/query', {
          body: '{"persons": []}',
          contentType: 'text/plain',
        }),
        400,
        'INVALID_REQUEST',
      );
    });
  });

  describe('the signature', () => {
    const path = `/si/api/v1/employers/${exampleEmployers[0].uscc}`;

    it('is required: a request without it is refused with MISSING_SIGNATURE', async () => {
      const res = await fetch(running.url + path);
      const body = (await res.json()) as Sent['body'];
      expectError({ status: res.status, body }, 401, 'MISSING_SIGNATURE');
      for (const header of ['x-app-key', 'x-timestamp', 'x-nonce', 'x-signature'])
        expectError(
          await send('GET', path, { headers: { [header]: undefined } }),
          401,
          'MISSING_SIGNATURE',
        );
    });

    it('is checked before the request: a malformed unsigned request is refused with 401', async () => {
      const res = await fetch(`${running.url}/si/api/v1/employers/nonsense`);
      expect(res.status).toBe(401);
    });

    it('refuses an unknown app key with UNKNOWN_APP_KEY', async () => {
      const credential = { appKey: 'not-registered', appSecret: CREDENTIAL.appSecret };
      expectError(await send('GET', path, { credential }), 401, 'UNKNOWN_APP_KEY');
    });

    it('refuses a wrong secret or a tampered request with BAD_SIGNATURE', async () => {
      const credential = { appKey: CREDENTIAL.appKey, appSecret: 'another-secret-0002' };
      expectError(await send('GET', path, { credential }), 401, 'BAD_SIGNATURE');
      const timestamp = Date.now();
      const nonce = randomUUID();
      const signature = socialInsuranceSignature(CREDENTIAL.appSecret, {
        method: 'POST',
        path: '/si/api/v1/batch/query',
        query: '',
        timestamp: String(timestamp),
        nonce,
        body: '{"persons":[]}',
      });
      expectError(
        await send('POST', '/si/api/v1/batch/query', {
          body: '{"persons":["110105194912310021"]}',
          timestamp,
          nonce,
          headers: { 'x-signature': signature },
        }),
        401,
        'BAD_SIGNATURE',
      );
    });

    it('refuses a timestamp more than 300 s from its clock with STALE_TIMESTAMP', async () => {
      expectError(
        await send('GET', path, { timestamp: Date.now() - 301_000 }),
        401,
        'STALE_TIMESTAMP',
      );
      clockOffset = -301_000;
      expectError(await send('GET', path), 401, 'STALE_TIMESTAMP');
      clockOffset = 0;
      expect((await send('GET', path, { timestamp: Date.now() - 250_000 })).status).toBe(200);
    });

    it('refuses a nonce it has seen with REPLAYED_NONCE', async () => {
      const nonce = randomUUID();
      const timestamp = Date.now();
      expect((await send('GET', path, { nonce, timestamp })).status).toBe(200);
      expectError(await send('GET', path, { nonce, timestamp }), 401, 'REPLAYED_NONCE');
    });

    it('covers the query: signed with the query, the request reaches the contract check', async () => {
      expectError(await send('GET', `${path}?b=2&a=1`), 400, 'INVALID_REQUEST');
      const timestamp = Date.now();
      const nonce = randomUUID();
      const unsignedQuery = socialInsuranceSignature(CREDENTIAL.appSecret, {
        method: 'GET',
        path,
        query: '',
        timestamp: String(timestamp),
        nonce,
        body: '',
      });
      expectError(
        await send('GET', `${path}?a=1`, {
          timestamp,
          nonce,
          headers: { 'x-signature': unsignedQuery },
        }),
        401,
        'BAD_SIGNATURE',
      );
    });
  });

  describe('GET /si/api/v1/changes', () => {
    interface ChangedItem {
      record_type: 'employer' | 'person';
      record_no: string;
      updated_at: string;
      employer?: SocialInsuranceEmployerRecord;
      person?: SocialInsurancePersonRecord;
    }
    interface ChangesData {
      records: ChangedItem[];
      has_more: boolean;
    }

    /** The records, page by page from the start (up to `atMost`), checking each page's size and has_more. */
    async function readFeed(pageSize?: number, atMost = Infinity): Promise<ChangedItem[]> {
      const read: ChangedItem[] = [];
      let cursor = '';
      for (let pages = 0; pages < 10_000; pages++) {
        const size = pageSize === undefined ? '' : `page_size=${pageSize}`;
        const sent = await send(
          'GET',
          `/si/api/v1/changes?${[size, cursor].filter(Boolean).join('&')}`,
        );
        expect(sent.status).toBe(200);
        const page = sent.body.data as ChangesData;
        expect(page.records.length).toBeLessThanOrEqual(pageSize ?? 100);
        read.push(...page.records);
        if (!page.has_more || read.length >= atMost) return read;
        expect(page.records).toHaveLength(pageSize ?? 100);
        const last = page.records[page.records.length - 1];
        cursor = `updated_after=${last.updated_at}&after_record_no=${encodeURIComponent(last.record_no)}`;
      }
      throw new Error('the feed never ended');
    }

    const total = data.employers.length + data.persons.length;

    it('lists every unit and person exactly once, by (updated_at, record_no), for any page size', async () => {
      const all = await readFeed(500);
      expect(all).toHaveLength(total);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1], all[i]];
        expect(
          a.updated_at < b.updated_at ||
            (a.updated_at === b.updated_at && a.record_no < b.record_no),
        ).toBe(true);
      }
      const keys = all.map((r) => `${r.updated_at}|${r.record_no}`);
      for (const size of [1, 7, 64, undefined]) {
        const paged = size === 1 ? await readFeed(1, 150) : await readFeed(size);
        expect(paged.map((r) => `${r.updated_at}|${r.record_no}`)).toEqual(
          size === 1 ? keys.slice(0, 150) : keys,
        );
      }
    }, 60_000);

    it('serves each record as stored, with its change time, a unit without USCC included', async () => {
      const all = await readFeed(500);
      const expected: ChangedItem[] = [
        ...data.employers.map((e) => ({
          record_type: 'employer' as const,
          record_no: e.unit_no,
          updated_at: employerUpdatedAt(e),
          employer: e,
        })),
        ...data.persons.map((p) => ({
          record_type: 'person' as const,
          record_no: p.personal_no,
          updated_at: personUpdatedAt(p),
          person: p,
        })),
      ];
      const key = (r: ChangedItem) => `${r.updated_at}|${r.record_no}`;
      expected.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      expect(all).toEqual(expected);
      expect(all.some((r) => r.employer?.uscc === null)).toBe(true);
      // The contract's lookup examples carry no updated_at: filed at their registration day.
      const example = all.find((r) => r.employer?.uscc === '91330522MA2B7K3Q5E');
      expect(example?.updated_at).toBe('20170410000000');
      for (const r of all) expect(parseSocialInsuranceTime(r.updated_at)).toBeDefined();
    });

    it('answers an empty last page after the last record', async () => {
      const all = await readFeed(500);
      const last = all[all.length - 1];
      const sent = await send(
        'GET',
        `/si/api/v1/changes?updated_after=${last.updated_at}&after_record_no=${last.record_no}`,
      );
      expect(sent.body.data).toEqual({ records: [], has_more: false });
      const far = await send(
        'GET',
        '/si/api/v1/changes?updated_after=99991231235959&after_record_no=SI',
      );
      expect(far.body.data).toEqual({ records: [], has_more: false });
    });

    it.each([
      ['a cursor time without its record number', 'updated_after=20261015093012'],
      ['a cursor record number without its time', 'after_record_no=SI-UNIT-000045'],
      ['a cursor time that is not yyyyMMddHHmmss', 'updated_after=2026-10-15&after_record_no=X'],
      ['a cursor time that does not exist', 'updated_after=20260230120000&after_record_no=X'],
      ['an empty record number', 'updated_after=20261015093012&after_record_no='],
      ['a page size of 0', 'page_size=0'],
      ['a page size over 500', 'page_size=501'],
      ['a page size that is not a number', 'page_size=ten'],
      ['an unknown parameter', 'since=20261015093012'],
      ['a page size given twice', 'page_size=5&page_size=6'],
      ['a cursor given twice', 'updated_after=20261015093012&after_record_no=A&after_record_no=B'],
    ])('refuses %s with INVALID_REQUEST', async (_what, query) => {
      expectError(await send('GET', `/si/api/v1/changes?${query}`), 400, 'INVALID_REQUEST');
    });

    it('is signed like every operation, the query included', async () => {
      const res = await fetch(`${running.url}/si/api/v1/changes`);
      expect(res.status).toBe(401);
      const timestamp = Date.now();
      const nonce = randomUUID();
      const withoutQuery = socialInsuranceSignature(CREDENTIAL.appSecret, {
        method: 'GET',
        path: '/si/api/v1/changes',
        query: '',
        timestamp: String(timestamp),
        nonce,
        body: '',
      });
      expectError(
        await send('GET', '/si/api/v1/changes?page_size=5', {
          timestamp,
          nonce,
          headers: { 'x-signature': withoutQuery },
        }),
        401,
        'BAD_SIGNATURE',
      );
    });

    it('answers faults like every route', async () => {
      running.simulator.faults.update({ errorRate: 1 });
      try {
        const res = await fetch(`${running.url}/si/api/v1/changes`);
        expect(res.status).toBe(503);
      } finally {
        running.simulator.faults.reset();
      }
    });

    describe('the contract’s own examples', () => {
      interface FeedExample {
        value: { data: ChangesData };
      }
      const examples = (contract.paths['/si/api/v1/changes'].get.responses['200'].content?.[
        'application/json'
      ]?.examples ?? {}) as unknown as Record<'firstPage' | 'nextPage' | 'upToDate', FeedExample>;
      const items = [
        ...examples.firstPage.value.data.records,
        ...examples.nextPage.value.data.records,
      ];
      let own: RunningSimulator;

      beforeAll(async () => {
        own = await startSimulator(
          createSocialInsuranceSimulator(
            {
              employers: items.flatMap((i) => (i.employer ? [i.employer] : [])),
              persons: items.flatMap((i) => (i.person ? [i.person] : [])),
            },
            {
              credentials: [CREDENTIAL],
              onContractViolation: (message) => violations.push(message),
            },
          ),
        );
      });
      afterAll(() => own.close());

      it('serves the first page, the next page and the empty page exactly as the examples have them', async () => {
        const first = await send('GET', '/si/api/v1/changes?page_size=3', { url: own.url });
        expect(first.body.data).toEqual(examples.firstPage.value.data);
        const next = await send(
          'GET',
          '/si/api/v1/changes?updated_after=20261015093012&after_record_no=SI-UNIT-000045&page_size=3',
          { url: own.url },
        );
        expect(next.body.data).toEqual(examples.nextPage.value.data);
        const done = await send(
          'GET',
          '/si/api/v1/changes?updated_after=20261015093012&after_record_no=SI-UNIT-000112',
          { url: own.url },
        );
        expect(done.body.data).toEqual(examples.upToDate.value.data);
      });
    });
  });

  it('answers 404 NOT_FOUND outside the contract', async () => {
    expectError(await send('GET', '/si/api/v1/units/91330522MA2B7K3Q5E'), 404, 'NOT_FOUND');
    expectError(await send('PUT', '/si/api/v1/batch/query', { body: '{}' }), 404, 'NOT_FOUND');
  });

  it('uses only statuses the contract documents for each operation', () => {
    const documented = (path: string, method: string) =>
      Object.keys(contract.paths[path][method].responses).sort();
    expect(documented('/si/api/v1/employers/{uscc}', 'get')).toEqual([
      '200',
      '400',
      '401',
      '404',
      '500',
      '503',
    ]);
    expect(documented('/si/api/v1/persons/{social_security_no}', 'get')).toEqual([
      '200',
      '400',
      '401',
      '404',
      '500',
      '503',
    ]);
    expect(documented('/si/api/v1/batch/query', 'post')).toEqual([
      '200',
      '400',
      '401',
      '500',
      '503',
    ]);
    expect(documented('/si/api/v1/changes', 'get')).toEqual(['200', '400', '401', '500', '503']);
  });

  it('never changes the records it serves', () => {
    expect(JSON.stringify(data)).toBe(snapshot);
  });
});
