import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SourceErrorCode, departmentContract } from '../shared';
import {
  parseBatchResponse,
  parseChangesResponse,
  parseEmployerResponse,
  parseErrorBody,
  parsePersonsResponse,
  parseUnitRegistrationResponse,
  unitRegistrationRejection,
} from './social-insurance.mapper';
import { canonicalString, signatureHeaders } from './social-insurance.signer';

/**
 * Contract test, our side: the mapper parses every example the contract
 * ships — every success into our types, every error into its code — and the
 * signer reproduces the contract's worked signature examples.
 */

interface ExampleSet {
  content?: Record<string, { examples?: Record<string, { value: unknown }>; example?: unknown }>;
  $ref?: string;
}
interface Operation {
  requestBody?: ExampleSet;
  responses: Record<string, ExampleSet>;
}
interface Contract {
  paths: Record<string, Record<string, Operation>>;
  components: {
    responses: Record<string, ExampleSet>;
    securitySchemes: { hmacSignature: { description: string } };
    schemas: { ErrorResponse: { properties: { code: { enum: string[] } } } };
  };
}

const text = readFileSync(departmentContract('social-insurance.openapi.yaml'), 'utf8');
const contract = parse(text) as Contract;

function resolve(set: ExampleSet): ExampleSet {
  if (!set.$ref) return set;
  const name = set.$ref.replace('#/components/responses/', '');
  return contract.components.responses[name];
}

/** Every JSON example of every response: [operation, status, example name, value]. */
const examples: [string, string, string, unknown][] = Object.entries(contract.paths).flatMap(
  ([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) =>
      Object.entries(op.responses).flatMap(([status, response]) =>
        Object.entries(resolve(response).content?.['application/json']?.examples ?? {}).map(
          ([name, e]) =>
            [`${method.toUpperCase()} ${path}`, status, name, e.value] as [
              string,
              string,
              string,
              unknown,
            ],
        ),
      ),
    ),
);

/** The keys a batch answer example was asked for: all it accounts for. */
function keysOf(value: unknown): { employers: string[]; persons: string[] } {
  const data = (value as { data: Record<string, { query_key: string; query_type?: string }[]> })
    .data;
  const notFound = data.not_found;
  return {
    employers: [
      ...new Set([
        ...data.employers.map((e) => e.query_key),
        ...notFound.filter((n) => n.query_type === 'employer').map((n) => n.query_key),
      ]),
    ],
    persons: [
      ...new Set([
        ...data.persons.map((p) => p.query_key),
        ...notFound.filter((n) => n.query_type === 'person').map((n) => n.query_key),
      ]),
    ],
  };
}

describe('the social-insurance contract examples parse with our mapper', () => {
  it('has examples for every operation, successes and errors', () => {
    const operations = new Set(examples.map(([op]) => op));
    expect(operations).toEqual(
      new Set([
        'GET /si/api/v1/employers/{uscc}',
        'GET /si/api/v1/persons/{social_security_no}',
        'POST /si/api/v1/batch/query',
        'GET /si/api/v1/changes',
        'POST /si/api/v1/unit-registrations',
      ]),
    );
    for (const op of operations) {
      const statuses = new Set(examples.filter(([o]) => o === op).map(([, s]) => s));
      expect([...statuses]).toEqual(expect.arrayContaining(['200', '400', '401']));
    }
  });

  const successes = examples.filter(([, status]) => status.startsWith('2'));
  const errors = examples.filter(([, status]) => !status.startsWith('2'));

  it.each(successes)('%s %s %s', (op, status, _name, value) => {
    if (op.endsWith('/unit-registrations')) {
      expect(parseUnitRegistrationResponse(Number(status), value)).toEqual({
        receiptNo: 'SI-ACC-20261125-000001',
        receivedAt: new Date('2026-11-25T01:30:02Z'),
        duplicate: status === '200',
      });
    } else if (op.endsWith('{uscc}')) {
      const employer = parseEmployerResponse(value);
      expect(employer.uscc).toMatch(/^[0-9A-Z]{18}$/);
      expect(employer.lines.length).toBeGreaterThan(0);
    } else if (op.endsWith('{social_security_no}')) {
      const person = parsePersonsResponse(value);
      expect(person.socialSecurityNo).toMatch(/^\d{17}[\dX]$/);
      expect(person.recordCount).toBe((value as { data: unknown[] }).data.length);
    } else if (op.endsWith('/changes')) {
      const items = (value as { data: { records: unknown[] } }).data.records;
      const page = parseChangesResponse(value, { after: null, pageSize: 500 });
      expect(page.records).toHaveLength(items.length);
      page.records.forEach((record, i) => {
        expect(record.system).toBe('social-insurance');
        expect(record.raw).toBe(items[i]);
        expect(Number.isNaN(record.changedAt.getTime())).toBe(false);
      });
    } else {
      const sent = keysOf(value);
      const answer = parseBatchResponse(value, sent);
      const found = (value as { data: { employers: unknown[]; persons: { query_key: string }[] } })
        .data;
      expect(answer.employers.size).toBe(found.employers.length);
      expect(answer.persons.size).toBe(new Set(found.persons.map((p) => p.query_key)).size);
    }
  });

  it.each(errors)('%s %s %s', (op, status, _name, value) => {
    const error = parseErrorBody(value);
    expect(error).not.toBeNull();
    expect(contract.components.schemas.ErrorResponse.properties.code.enum).toContain(error?.code);
    if (op.endsWith('/unit-registrations')) {
      // A refusal of the content is final; a refused signature (401) or a failure (5xx) is not.
      const rejection = unitRegistrationRejection(Number(status), value);
      if (['400', '409', '422'].includes(status)) {
        expect(rejection).toMatchObject({
          code: SourceErrorCode.SOURCE_REJECTED,
          departmentCode: error?.code,
        });
      } else {
        expect(rejection).toBeNull();
      }
    }
  });

  it('names the items of a 422 example’s invalid_fields, not its message', () => {
    const [, , , value] = errors.find(
      ([op, status]) => op.endsWith('/unit-registrations') && status === '422',
    )!;
    const rejection = unitRegistrationRejection(422, value);
    expect(rejection?.message).toContain('items: applicant.uscc');
    expect(rejection?.message).not.toContain((value as { message: string }).message);
  });

  it('reads the change-feed examples as one feed: the next page after the first page’s cursor', () => {
    const feed = contract.paths['/si/api/v1/changes'].get.responses['200'].content?.[
      'application/json'
    ]?.examples as Record<string, { value: unknown }>;
    const first = parseChangesResponse(feed.firstPage.value, { after: null, pageSize: 3 });
    expect(first.hasMore).toBe(true);
    expect(first.records.map((r) => [r.kind, r.localId])).toEqual([
      ['ENTERPRISE', 'SI-UNIT-000009'],
      ['PERSON', 'SI-PER-000031'],
      ['ENTERPRISE', 'SI-UNIT-000045'],
    ]);
    // As held: no USCC on the unit known by its organisation code only, the 15-digit number, yyyyMMdd.
    expect(first.records[0]).toMatchObject({ uscc: null, legalRepresentative: '周德明' });
    expect(first.records[1]).toMatchObject({
      residentId: '330522650312041',
      birthDate: '19650312',
      name: '李建國',
      uscc: null,
    });
    expect(first.records[0].changedAt).toEqual(new Date('2015-03-11T10:15:02+08:00'));
    expect(first.last).toEqual({ updatedAt: '20261015093012', recordNo: 'SI-UNIT-000045' });

    const next = parseChangesResponse(feed.nextPage.value, { after: first.last, pageSize: 3 });
    expect(next.hasMore).toBe(false);
    expect(next.records.map((r) => r.localId)).toEqual(['SI-UNIT-000112']);
    // Same second as the cursor, greater number: after it.
    expect(next.records[0].changedAt).toEqual(first.records[2].changedAt);

    const upToDate = parseChangesResponse(feed.upToDate.value, { after: next.last, pageSize: 3 });
    expect(upToDate).toEqual({ records: [], hasMore: false, last: null });
    // The next page asked from its own last record would repeat it: off the contract.
    expect(() =>
      parseChangesResponse(feed.nextPage.value, { after: next.last, pageSize: 3 }),
    ).toThrow(expect.objectContaining({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE }));
  });

  it('parses the batch request example keys as keys the adapter would send', () => {
    const request = contract.paths['/si/api/v1/batch/query'].post.requestBody?.content?.[
      'application/json'
    ]?.examples?.mixed.value as { employers: string[]; persons: string[] };
    for (const k of request.employers) expect(k).toMatch(/^[0-9A-Za-z]{18}$/);
    for (const k of request.persons) expect(k).toMatch(/^(\d{15}|\d{17}[0-9Xx])$/);
  });

  it('signs the worked examples of the security scheme exactly as documented', () => {
    const description = contract.components.securitySchemes.hmacSignature.description;
    const key = { appKey: 'county-gateway-01', reveal: () => 'example-secret-do-not-use' };
    const post = {
      method: 'POST' as const,
      path: '/si/api/v1/batch/query',
      body: '{"employers":["91330522MA2B7K3Q5E"],"persons":["330522198506151235"]}',
    };
    const canonical = canonicalString(
      post,
      '1793672130123',
      '6f1c2a9e-3b7d-4c55-9a0e-2d8b7f41c0aa',
    );
    expect(description).toContain(canonical);
    const postHeaders = signatureHeaders(
      post,
      key,
      1793672130123,
      '6f1c2a9e-3b7d-4c55-9a0e-2d8b7f41c0aa',
    );
    expect(description).toContain(`X-Signature: ${postHeaders['x-signature']}`);
    const getHeaders = signatureHeaders(
      { method: 'GET', path: '/si/api/v1/employers/91330522MA2B7K3Q5E', body: '' },
      key,
      1793672130123,
      '0d9e4c1b-77a2-4f3e-8c61-5b2a9f0e3d14',
    );
    expect(getHeaders['x-signature']).toBe('uW5Nc25GGRfXk98/dgn+EhXcYHhzJnl+Sil0EFsko7Y=');
    expect(description).toContain(getHeaders['x-signature']);
  });
});
