import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { departmentContract } from '../shared';
import {
  isHolderNotFound,
  mapBatchResponse,
  mapHolderParcelsResponse,
  mapParcel,
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

  it.each(examples.filter((e) => e.status !== '200'))(
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
    visit(contract.components.examples);
    expect(parcels).toBeGreaterThanOrEqual(5);
  });
});
