import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SourceErrorCode, departmentContract } from '../shared';
import {
  applicationRejection,
  isHolderNotFound,
  mapApplicationReceipt,
  mapBatchResponse,
  mapHolderParcelsResponse,
  mapParcel,
  mapParcelChangesResponse,
} from './land-planning.mapper';

/**
 * Contract test, adapter side: every example the contract ships — every
 * response example of every operation, and every example under
 * components/examples — is parsed by the mapper we run in production.
 */
interface Ref {
  $ref?: string;
}
interface ExampleObject extends Ref {
  value?: unknown;
}
interface Media {
  example?: unknown;
  examples?: Record<string, ExampleObject>;
}
interface ResponseObject extends Ref {
  content?: Record<string, Media>;
}
interface Operation {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
interface Contract {
  paths: Record<string, Record<string, Operation>>;
  components: { examples: Record<string, ExampleObject> };
}
interface ParcelJson {
  BDCDYH: string;
  ZDDM: string;
}
interface GetBody {
  data: { holderId: string; parcels: ParcelJson[] };
}
interface BatchBody {
  data: { results: { holderId: string; status: string; parcels: ParcelJson[] }[] };
}
interface ChangeJson {
  BDCDYH: string;
  QLRMC: string;
  GXSJ: string;
}
interface ChangesBody {
  data: { changes: ChangeJson[]; hasMore: boolean };
}

const contract = parse(
  readFileSync(departmentContract('land-planning.openapi.yaml'), 'utf8'),
) as Contract;

/** Follows a local `$ref` (`#/components/…`). */
function resolve<T extends Ref>(node: T): T {
  if (typeof node.$ref !== 'string') return node;
  let target: unknown = contract;
  for (const key of node.$ref.replace(/^#\//, '').split('/')) {
    target = (target as Record<string, unknown>)[key];
  }
  return resolve(target as T);
}

interface Example {
  operationId: string;
  status: string;
  name: string;
  value: unknown;
}

function responseExamples(): Example[] {
  const out: Example[] = [];
  for (const operations of Object.values(contract.paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, raw] of Object.entries(operation.responses)) {
        const media = resolve(raw).content?.['application/json'];
        if (!media) continue;
        const { operationId } = operation;
        if (media.example !== undefined) {
          out.push({ operationId, status, name: 'example', value: media.example });
        }
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          out.push({ operationId, status, name, value: resolve(example).value });
        }
      }
    }
  }
  return out;
}

const examples = responseExamples();
const of = (operationId: string, status: string) =>
  examples.filter((e) => e.operationId === operationId && e.status === status);

describe('land-planning contract examples → mapper', () => {
  it('ships examples for every response of every operation, and uses every named example', () => {
    const covered = new Set(examples.map((e) => `${e.operationId} ${e.status}`));
    for (const operations of Object.values(contract.paths)) {
      for (const operation of Object.values(operations)) {
        for (const status of Object.keys(operation.responses)) {
          expect(covered).toContain(`${operation.operationId} ${status}`);
        }
      }
    }
    const used = JSON.stringify(contract.paths);
    for (const name of Object.keys(contract.components.examples)) {
      expect(used).toContain(`#/components/examples/${name}`);
    }
  });

  it.each(of('getParcelsByHolder', '200'))(
    'GET 200 example "$name" maps to parcels',
    ({ value }) => {
      const body = value as GetBody;
      const parcels = mapHolderParcelsResponse(value, body.data.holderId);
      expect(parcels.map((p) => p.realEstateUnitNo)).toEqual(
        body.data.parcels.map((p) => p.BDCDYH),
      );
      for (const parcel of parcels) {
        expect(parcel.holderId).toBe(body.data.holderId);
        expect(parcel.redLine.type).toBe('Polygon');
      }
    },
  );

  it.each(of('queryParcelsByHolders', '200'))(
    'batch 200 example "$name" maps to parcels per holder',
    ({ value }) => {
      const body = value as BatchBody;
      const ids = body.data.results.map((r) => r.holderId);
      const found = mapBatchResponse(value, ids);
      for (const result of body.data.results) {
        expect(found.get(result.holderId)?.map((p) => p.realEstateUnitNo)).toEqual(
          result.status === 'FOUND' ? result.parcels.map((p) => p.BDCDYH) : undefined,
        );
      }
      expect(found.size).toBeGreaterThan(0);
    },
  );

  it.each(examples.filter((e) => !e.status.startsWith('2')))(
    '$operationId $status example "$name" is an error envelope the adapter reads correctly',
    ({ operationId, status, value }) => {
      expect(value).toMatchObject({
        code: expect.stringMatching(/^\d{4}$/) as unknown,
        message: expect.any(String) as unknown,
        data: null,
      });
      // Only the GET 404 means "nothing known"; every other answer is not.
      expect(isHolderNotFound(value)).toBe(
        operationId === 'getParcelsByHolder' && status === '404',
      );
    },
  );

  it.each([...of('submitApplication', '201'), ...of('submitApplication', '200')])(
    'submitApplication $status example "$name" maps to a receipt',
    ({ status, value }) => {
      const receipt = mapApplicationReceipt(Number(status), value, '用地预审与选址意见书');
      expect(receipt).toEqual({
        receiptNo: 'YDSQ20261125000001',
        receivedAt: new Date('2026-11-25T01:30:02Z'),
        duplicate: status === '200',
      });
    },
  );

  it.each([
    ...of('submitApplication', '400'),
    ...of('submitApplication', '409'),
    ...of('submitApplication', '422'),
  ])(
    'submitApplication $status example "$name" is read as the contract means it',
    ({ status, value }) => {
      const code = (value as { code: string }).code;
      const error = applicationRejection(Number(status), value);
      if (code === '4002') {
        // The shared 400 examples include the batch query's 批量数量超限, which no application gets.
        expect(error).toBeNull();
      } else {
        expect(error).toMatchObject({
          code: SourceErrorCode.SOURCE_REJECTED,
          source: 'land-planning',
          departmentCode: code,
        });
      }
    },
  );

  it('submitApplication names the items of the columns its 422 example points at', () => {
    const [example] = of('submitApplication', '422');
    expect(applicationRejection(422, example.value)?.message).toContain('items: applicant.uscc');
  });

  const changePages = of('getParcelChanges', '200');

  it.each(changePages)(
    'change feed 200 example "$name" maps to applicant records in feed order',
    ({ value }) => {
      const body = value as ChangesBody;
      const page = mapParcelChangesResponse(value, null, 500);
      expect(page.records.map((r) => r.localId)).toEqual(body.data.changes.map((c) => c.BDCDYH));
      expect(page.records.map((r) => r.name)).toEqual(body.data.changes.map((c) => c.QLRMC));
      expect(page.hasMore).toBe(body.data.hasMore);
      page.records.forEach((record, i) => {
        expect(record.raw).toBe(body.data.changes[i]);
        expect(record.system).toBe('land-planning');
        // GXSJ is China time, 8 hours ahead of UTC.
        expect(record.changedAt).toEqual(
          new Date(`${body.data.changes[i].GXSJ.replace(' ', 'T')}+08:00`),
        );
      });
      expect(page.next).toEqual({
        changedAt: page.records.at(-1)?.changedAt,
        localId: page.records.at(-1)?.localId,
      });
    },
  );

  it('the change feed example holds persons and enterprises, with and without a 证件号, and a tie within a second', () => {
    expect(changePages).toHaveLength(1);
    const { records } = mapParcelChangesResponse(changePages[0].value, null, 500);
    expect(records.map((r) => [r.kind, r.uscc, r.residentId, r.legalRepresentative])).toEqual([
      ['PERSON', null, null, null],
      ['PERSON', null, '33052319770914394x', null],
      ['ENTERPRISE', '91330523MA2D292A2M', null, '林子轩'],
      ['ENTERPRISE', '91330523ma2d292a2m', null, '林子轩'],
    ]);
    expect(records[0].changedAt).toEqual(new Date('2015-12-31T14:00:00Z'));
    expect(records[2].changedAt).toEqual(records[3].changedAt);
  });

  it('the change feed example is only valid for a cursor before its first item', () => {
    const { value } = changePages[0];
    const { records } = mapParcelChangesResponse(value, null, 500);
    const before = { changedAt: new Date(records[0].changedAt.getTime() - 1), localId: 'Z' };
    expect(mapParcelChangesResponse(value, before, 4).records).toHaveLength(4);
    const atFirst = { changedAt: records[0].changedAt, localId: records[0].localId };
    expect(() => mapParcelChangesResponse(value, atFirst, 500)).toThrow(
      expect.objectContaining({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE }),
    );
    expect(() => mapParcelChangesResponse(value, null, 3)).toThrow(
      expect.objectContaining({ code: SourceErrorCode.SOURCE_INVALID_RESPONSE }),
    );
  });

  it('maps every parcel in the named examples, whatever holder asked', () => {
    let parcels = 0;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.BDCDYH === 'string') {
          expect(mapParcel(o, '$', 'ASKED-FOR').parcelCode).toBe(o.ZDDM);
          parcels++;
        } else Object.values(o).forEach(visit);
      }
    };
    // The change feed's items are not Parcels: they are mapped above.
    const { ParcelChanges: _feed, ...parcelExamples } = contract.components.examples;
    visit(parcelExamples);
    expect(parcels).toBeGreaterThanOrEqual(5);
  });
});
