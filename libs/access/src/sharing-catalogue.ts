import { readFileSync } from 'node:fs';
import { describeSchemaError, findRepositoryFile } from '@oncegate/applications';
import Ajv from 'ajv';
import { AccessError, AccessErrorCode } from './access.errors';
import {
  SHARING_CATALOGUE_SCHEMA,
  type Provider,
  type SharingClass,
} from './sharing-catalogue.schema';

/** A purpose a consumer states (`X-Purpose`). */
export interface Purpose {
  readonly code: string;
  readonly label: string;
}

/** One data item (政务信息资源): who provides it, how it may be shared, why, and the fields it covers. */
export interface DataItem {
  readonly id: string;
  readonly name: string;
  readonly provider: Provider;
  readonly sharingClass: SharingClass;
  readonly legalBasis: string;
  /** GraphQL coordinates, `Type.field`. */
  readonly fields: readonly string[];
}

interface RawCatalogue {
  version: string;
  dataTypes: string[];
  metadata: string[];
  purposes: Purpose[];
  items: DataItem[];
}

const validateShape = new Ajv({ allErrors: true }).compile<RawCatalogue>(SHARING_CATALOGUE_SCHEMA);

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

/** What the schema cannot say, each problem naming its entry. */
function crossCheck(raw: RawCatalogue): string[] {
  const problems: string[] = [];
  for (const id of duplicates(raw.items.map((i) => i.id)))
    problems.push(`item ${id} is declared twice`);
  for (const code of duplicates(raw.purposes.map((p) => p.code)))
    problems.push(`purpose ${code} is declared twice`);
  const owner = new Map<string, string>();
  for (const item of raw.items)
    for (const field of item.fields) {
      const other = owner.get(field);
      if (other === undefined) owner.set(field, item.id);
      else
        problems.push(
          other === item.id
            ? `item ${item.id} lists ${field} twice`
            : `${field} belongs to two items: ${other} and ${item.id}`,
        );
    }
  for (const field of raw.metadata)
    if (owner.has(field))
      problems.push(`${field} is listed as metadata and belongs to item ${owner.get(field)}`);
  for (const type of duplicates(raw.dataTypes)) problems.push(`data type ${type} is listed twice`);
  return problems;
}

/**
 * `contracts/sharing-catalogue.json`, checked and indexed: the data items,
 * the field each GraphQL coordinate belongs to, and the purposes a consumer
 * may state.
 */
export class SharingCatalogue {
  private readonly byId: ReadonlyMap<string, DataItem>;
  private readonly byField: ReadonlyMap<string, DataItem>;
  private readonly purposeByCode: ReadonlyMap<string, Purpose>;

  private constructor(private readonly raw: RawCatalogue) {
    this.byId = new Map(raw.items.map((i) => [i.id, i]));
    this.byField = new Map(raw.items.flatMap((i) => i.fields.map((f) => [f, i] as const)));
    this.purposeByCode = new Map(raw.purposes.map((p) => [p.code, p]));
  }

  /** Checks the shape and every cross-reference, listing every problem at once. */
  static parse(json: unknown): SharingCatalogue {
    if (!validateShape(json))
      throw new AccessError(
        AccessErrorCode.INVALID_CATALOGUE,
        (validateShape.errors ?? []).map((e) => describeSchemaError(e, json)),
      );
    const problems = crossCheck(json);
    if (problems.length > 0) throw new AccessError(AccessErrorCode.INVALID_CATALOGUE, problems);
    return new SharingCatalogue(json);
  }

  get version(): string {
    return this.raw.version;
  }

  items(): readonly DataItem[] {
    return this.raw.items;
  }

  item(id: string): DataItem | undefined {
    return this.byId.get(id);
  }

  /** The item a GraphQL coordinate (`TaxProfile.creditRating`) belongs to, if any. */
  itemOfField(coordinate: string): DataItem | undefined {
    return this.byField.get(coordinate);
  }

  purposes(): readonly Purpose[] {
    return this.raw.purposes;
  }

  purpose(code: string): Purpose | undefined {
    return this.purposeByCode.get(code);
  }

  /** The GraphQL types every field of which must belong to an item or be listed as metadata. */
  dataTypes(): readonly string[] {
    return this.raw.dataTypes;
  }

  /** Coordinates of data types that carry no department data (ids, counts). */
  metadata(): readonly string[] {
    return this.raw.metadata;
  }
}

/** Reads and checks a sharing catalogue file; every problem is prefixed with the file. */
export function loadSharingCatalogue(
  file: string = findRepositoryFile('contracts/sharing-catalogue.json', __dirname),
): SharingCatalogue {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new AccessError(AccessErrorCode.INVALID_CATALOGUE, [
      `${file}: not valid JSON (${error.message})`,
    ]);
  }
  try {
    return SharingCatalogue.parse(json);
  } catch (error) {
    if (!(error instanceof AccessError)) throw error;
    throw new AccessError(
      error.code,
      error.problems.map((p) => `${file}: ${p}`),
    );
  }
}
