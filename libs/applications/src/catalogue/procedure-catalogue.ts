import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import {
  ApplicationsError,
  ApplicationsErrorCode,
  UnknownProcedureError,
} from '../applications.errors';
import { deepFreeze } from '../deep-freeze';
import { findRepositoryFile } from '../repository-file';
import { describeSchemaError } from '../schema-errors';
import {
  DEPARTMENTS,
  PROCEDURE_CATALOGUE_SCHEMA,
  type Department,
  type GoldenAttribute,
  type IdentifierScheme,
  type ItemType,
  type TimeLimitUnit,
} from './procedure-catalogue.schema';

/** Where an item's value can come from before the applicant types anything (预填). */
export type PrefillSource =
  | { readonly golden: GoldenAttribute }
  | { readonly identifier: IdentifierScheme }
  | { readonly department: Department; readonly field: string };

/** 表单数据项: one shared data item of the one application form (一张表单). */
export interface FormItem {
  /** Stable id (`applicant.uscc`): submissions and adapters key values by it. */
  readonly id: string;
  /** What the applicant sees (`统一社会信用代码`). */
  readonly label: string;
  readonly type: ItemType;
  /** text: most characters (code points) after trimming. Required for text. */
  readonly maxLength?: number;
  /** decimal, integer: bounds, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** decimal: most digits after the decimal point. */
  readonly scale?: number;
  /** code, codes: key → label, in the order forms show them. */
  readonly codes?: Readonly<Record<string, string>>;
  /** date: the id of a date item this one may not be before (拟建成 ≥ 拟开工). */
  readonly notBefore?: string;
  readonly prefill?: PrefillSource;
  /** Personal information (个人信息): never echoed in messages, masked in logs. */
  readonly personal: boolean;
}

/** 法定办结时限: the statutory time limit and the text that sets it. */
export interface TimeLimit {
  readonly days: number;
  readonly unit: TimeLimitUnit;
  readonly basis: string;
}

export interface ProcedureItem {
  readonly id: string;
  readonly required: boolean;
}

/** 办事事项: one department's procedure, the items it needs and its time limit. */
export interface Procedure {
  readonly code: string;
  readonly name: string;
  /** 审批阶段 (e.g. 立项用地规划许可). */
  readonly stage?: string;
  readonly department: Department;
  readonly timeLimit: TimeLimit;
  readonly items: readonly ProcedureItem[];
}

/** One item of an application's form: the union over the procedures chosen. */
export interface FormField {
  readonly item: FormItem;
  /** True if any chosen procedure requires it. */
  readonly required: boolean;
  /** Chosen procedures that require it, in catalogue order. */
  readonly requiredBy: readonly string[];
  /** Chosen procedures that use it (required or not), in catalogue order. */
  readonly usedBy: readonly string[];
}

/** The JSON as the schema admits it, before the cross-checks. */
interface RawItem {
  id: string;
  label: string;
  type: ItemType;
  maxLength?: number;
  min?: number;
  max?: number;
  scale?: number;
  codes?: Record<string, string>;
  notBefore?: string;
  prefill?: { golden: GoldenAttribute } | { identifier: IdentifierScheme } | RawDepartmentPrefill;
  personal?: boolean;
}
interface RawDepartmentPrefill {
  department: string;
  field: string;
}
interface RawProcedure {
  code: string;
  name: string;
  stage?: string;
  department: string;
  timeLimit: TimeLimit;
  items: ProcedureItem[];
}
interface RawCatalogue {
  version: string;
  items: RawItem[];
  procedures: RawProcedure[];
}

const validateShape = new Ajv({ allErrors: true }).compile<RawCatalogue>(
  PROCEDURE_CATALOGUE_SCHEMA,
);

const NUMERIC_TYPES: readonly ItemType[] = ['decimal', 'integer'];
const CODED_TYPES: readonly ItemType[] = ['code', 'codes'];
/** Bounds are compared digit by digit; a bound JSON would print as 1e21 cannot be. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function isDepartment(value: string): value is Department {
  return (DEPARTMENTS as readonly string[]).includes(value);
}

function isDepartmentPrefill(prefill: RawItem['prefill']): prefill is RawDepartmentPrefill {
  return prefill !== undefined && 'department' in prefill;
}

/** Everything the schema cannot say, each problem naming its entry. */
function crossCheck(catalogue: RawCatalogue): string[] {
  const problems: string[] = [];
  const itemAt = new Map<string, number>();
  catalogue.items.forEach((item, i) => {
    const where = `items/${i} (${item.id})`;
    const first = itemAt.get(item.id);
    if (first !== undefined)
      problems.push(`${where}: id is declared twice (first at items/${first})`);
    else itemAt.set(item.id, i);
  });
  const items = new Map(catalogue.items.map((item) => [item.id, item]));

  catalogue.items.forEach((item, i) => {
    const where = `items/${i} (${item.id})`;
    const coded = CODED_TYPES.includes(item.type);
    const numeric = NUMERIC_TYPES.includes(item.type);
    if (coded && item.codes === undefined)
      problems.push(`${where}: a ${item.type} item needs a codes table`);
    if (!coded && item.codes !== undefined)
      problems.push(`${where}: codes apply only to code and codes items, not ${item.type}`);
    if (item.type === 'text' && item.maxLength === undefined)
      problems.push(`${where}: a text item needs a maxLength`);
    if (item.type !== 'text' && item.maxLength !== undefined)
      problems.push(`${where}: maxLength applies only to text items, not ${item.type}`);
    if (!numeric && (item.min !== undefined || item.max !== undefined))
      problems.push(
        `${where}: min and max apply only to decimal and integer items, not ${item.type}`,
      );
    if (item.type !== 'decimal' && item.scale !== undefined)
      problems.push(`${where}: scale applies only to decimal items, not ${item.type}`);
    for (const bound of ['min', 'max'] as const) {
      const value = item[bound];
      if (value === undefined) continue;
      if (!PLAIN_NUMBER.test(String(value)))
        problems.push(`${where}: ${bound} ${value} must be written as a plain decimal number`);
      else if (item.type === 'integer' && !Number.isInteger(value))
        problems.push(`${where}: ${bound} of an integer item must be a whole number`);
    }
    if (item.min !== undefined && item.max !== undefined && item.min > item.max)
      problems.push(`${where}: min ${item.min} is above max ${item.max}`);
    if (item.notBefore !== undefined) {
      const other = items.get(item.notBefore);
      if (item.type !== 'date')
        problems.push(`${where}: notBefore applies only to date items, not ${item.type}`);
      if (item.notBefore === item.id) problems.push(`${where}: notBefore names the item itself`);
      else if (other === undefined)
        problems.push(`${where}: notBefore names unknown item ${item.notBefore}`);
      else if (other.type !== 'date')
        problems.push(`${where}: notBefore names ${other.id}, a ${other.type} item, not a date`);
    }
    if (isDepartmentPrefill(item.prefill) && !isDepartment(item.prefill.department)) {
      problems.push(
        `${where}: prefill names unknown department ${item.prefill.department} (one of ${DEPARTMENTS.join(', ')})`,
      );
    }
  });

  const procedureAt = new Map<string, number>();
  catalogue.procedures.forEach((procedure, p) => {
    const where = `procedures/${p} (${procedure.code})`;
    const first = procedureAt.get(procedure.code);
    if (first !== undefined)
      problems.push(`${where}: code is declared twice (first at procedures/${first})`);
    else procedureAt.set(procedure.code, p);
    if (!isDepartment(procedure.department)) {
      problems.push(
        `${where}: unknown department ${procedure.department} (one of ${DEPARTMENTS.join(', ')})`,
      );
    }
    const seen = new Set<string>();
    procedure.items.forEach((use, i) => {
      if (!items.has(use.id)) problems.push(`${where}: items/${i} names unknown item ${use.id}`);
      if (seen.has(use.id)) problems.push(`${where}: items/${i} lists ${use.id} twice`);
      seen.add(use.id);
    });
  });
  return problems;
}

/** A copy with only the members the typed catalogue knows (no `$comment`), undefined ones left out. */
function toFormItem(raw: RawItem): FormItem {
  const item: { -readonly [K in keyof FormItem]?: FormItem[K] } = {
    id: raw.id,
    label: raw.label,
    type: raw.type,
  };
  if (raw.maxLength !== undefined) item.maxLength = raw.maxLength;
  if (raw.min !== undefined) item.min = raw.min;
  if (raw.max !== undefined) item.max = raw.max;
  if (raw.scale !== undefined) item.scale = raw.scale;
  if (raw.codes !== undefined) item.codes = { ...raw.codes };
  if (raw.notBefore !== undefined) item.notBefore = raw.notBefore;
  if (raw.prefill !== undefined) item.prefill = { ...raw.prefill } as PrefillSource;
  item.personal = raw.personal ?? false;
  return item as FormItem;
}

function toProcedure(raw: RawProcedure): Procedure {
  return {
    code: raw.code,
    name: raw.name,
    ...(raw.stage === undefined ? {} : { stage: raw.stage }),
    department: raw.department as Department,
    timeLimit: { days: raw.timeLimit.days, unit: raw.timeLimit.unit, basis: raw.timeLimit.basis },
    items: raw.items.map((use) => ({ id: use.id, required: use.required })),
  };
}

/**
 * 办事事项目录: the procedures OnceGate fans an application out to and the
 * shared items of the one form, checked and immutable. Build it with
 * `loadProcedureCatalogue` or `parseProcedureCatalogue`.
 */
export class ProcedureCatalogue {
  private readonly itemsById: ReadonlyMap<string, FormItem>;
  private readonly proceduresByCode: ReadonlyMap<string, Procedure>;

  private constructor(
    /** The catalogue's own `version` (edited by operators with the file). */
    readonly version: string,
    /** Every item, in catalogue order: the order forms show them. */
    readonly items: readonly FormItem[],
    readonly procedures: readonly Procedure[],
  ) {
    this.itemsById = new Map(items.map((item) => [item.id, item]));
    this.proceduresByCode = new Map(procedures.map((procedure) => [procedure.code, procedure]));
  }

  /**
   * Checks parsed JSON against the schema and the cross-checks and returns
   * the catalogue, or throws `ApplicationsError(INVALID_CATALOGUE)` listing
   * every problem found.
   */
  static parse(input: unknown): ProcedureCatalogue {
    if (!validateShape(input)) {
      throw new ApplicationsError(
        ApplicationsErrorCode.INVALID_CATALOGUE,
        (validateShape.errors ?? []).map((error) => describeSchemaError(error, input)),
      );
    }
    const problems = crossCheck(input);
    if (problems.length > 0) {
      throw new ApplicationsError(ApplicationsErrorCode.INVALID_CATALOGUE, problems);
    }
    return new ProcedureCatalogue(
      input.version,
      deepFreeze(input.items.map(toFormItem)),
      deepFreeze(input.procedures.map(toProcedure)),
    );
  }

  /** Whether the catalogue declares this procedure code. */
  has(procedureCode: string): boolean {
    return this.proceduresByCode.has(procedureCode);
  }

  /** The procedure with this code; `UnknownProcedureError` if there is none. */
  procedure(code: string): Procedure {
    const procedure = this.proceduresByCode.get(code);
    if (procedure === undefined) throw new UnknownProcedureError([code]);
    return procedure;
  }

  /** The item with this id; `ApplicationsError(UNKNOWN_ITEM)` if there is none. */
  item(id: string): FormItem {
    const item = this.itemsById.get(id);
    if (item === undefined) {
      throw new ApplicationsError(ApplicationsErrorCode.UNKNOWN_ITEM, [`unknown item ${id}`]);
    }
    return item;
  }

  /**
   * The form of an application for these procedures: the union of their
   * items in catalogue order, each required if any of them requires it.
   * Codes asked twice count once; unknown codes throw one
   * `UnknownProcedureError` naming all of them.
   */
  formItems(procedureCodes: readonly string[]): readonly FormField[] {
    const asked = new Set(procedureCodes);
    const unknown = [...asked].filter((code) => !this.proceduresByCode.has(code));
    if (unknown.length > 0) throw new UnknownProcedureError(unknown);
    const chosen = this.procedures.filter((procedure) => asked.has(procedure.code));
    const fields: FormField[] = [];
    for (const item of this.items) {
      const usedBy: string[] = [];
      const requiredBy: string[] = [];
      for (const procedure of chosen) {
        const use = procedure.items.find((candidate) => candidate.id === item.id);
        if (use === undefined) continue;
        usedBy.push(procedure.code);
        if (use.required) requiredBy.push(procedure.code);
      }
      if (usedBy.length > 0) {
        fields.push({ item, required: requiredBy.length > 0, requiredBy, usedBy });
      }
    }
    return fields;
  }

  /** One procedure's own items (what its department receives), in catalogue order. */
  itemsFor(procedureCode: string): readonly FormField[] {
    return this.formItems([procedureCode]);
  }
}

/** See `ProcedureCatalogue.parse`. */
export function parseProcedureCatalogue(input: unknown): ProcedureCatalogue {
  return ProcedureCatalogue.parse(input);
}

/**
 * Reads and checks `contracts/procedures.json` (found by walking up from this
 * module) or the file given. Problems are reported with the file's path.
 */
export function loadProcedureCatalogue(
  file: string = findRepositoryFile('contracts/procedures.json'),
): ProcedureCatalogue {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ApplicationsError(ApplicationsErrorCode.INVALID_CATALOGUE, [
      `${file}: not valid JSON (${error.message})`,
    ]);
  }
  try {
    return ProcedureCatalogue.parse(json);
  } catch (error) {
    if (!(error instanceof ApplicationsError)) throw error;
    throw new ApplicationsError(
      error.code,
      error.problems.map((problem) => `${file}: ${problem}`),
    );
  }
}
