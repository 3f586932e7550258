/**
 * The vocabulary and JSON Schema of `contracts/procedures.json`. The schema
 * checks the shape; `parseProcedureCatalogue` then checks what a schema
 * cannot say (ids that must exist, tables a type needs) and names the entry.
 */

/** How an item's value is read and checked (see `validateItem`). */
export const ITEM_TYPES = [
  'text',
  'uscc',
  'residentId',
  'projectCode',
  'realEstateUnitNo',
  'divisionCode',
  'mobile',
  'phone',
  'decimal',
  'integer',
  'date',
  'code',
  'codes',
  'bankAccount',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The four department systems OnceGate fans applications out to (DESIGN.md §2). */
export const DEPARTMENTS = [
  'project-approval',
  'land-planning',
  'tax',
  'social-insurance',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** WORKING: 工作日 (statutory holidays and rest days excluded); CALENDAR: 自然日. */
export const TIME_LIMIT_UNITS = ['WORKING', 'CALENDAR'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

/**
 * Attributes of the golden record an item can be prefilled from. Kept in step
 * with the registry's golden attributes (libs/registry golden-record.ts); a
 * pure library cannot import them.
 */
export const GOLDEN_ATTRIBUTES = [
  'name',
  'legalRepresentative',
  'birthDate',
  'phone',
  'address',
] as const;
export type GoldenAttribute = (typeof GOLDEN_ATTRIBUTES)[number];

/** Identifier schemes of the registry an item can be prefilled from. */
export const IDENTIFIER_SCHEMES = ['USCC', 'RESIDENT_ID'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/** `applicant.uscc`, `si.bankAccount`: lower camelCase words joined by dots. */
const ITEM_ID = '^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$';
/**
 * Procedure codes and code-table keys: upper case, starting with a letter. A
 * key that starts with a digit would be reordered by `JSON.parse` (integer-like
 * keys come first), and code tables keep their catalogue order.
 */
const CODE = '^[A-Z][A-Z0-9_]*$';

const prefill = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['golden'],
      properties: { golden: { enum: GOLDEN_ATTRIBUTES } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['identifier'],
      properties: { identifier: { enum: IDENTIFIER_SCHEMES } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['department', 'field'],
      properties: {
        department: { type: 'string', minLength: 1 },
        field: { type: 'string', minLength: 1 },
      },
    },
  ],
} as const;

const item = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'label', 'type'],
  properties: {
    $comment: { type: 'string' },
    id: { type: 'string', pattern: ITEM_ID },
    label: { type: 'string', minLength: 1 },
    type: { enum: ITEM_TYPES },
    maxLength: { type: 'integer', minimum: 1 },
    min: { type: 'number' },
    max: { type: 'number' },
    scale: { type: 'integer', minimum: 0, maximum: 10 },
    codes: {
      type: 'object',
      minProperties: 1,
      propertyNames: { type: 'string', pattern: CODE },
      additionalProperties: { type: 'string', minLength: 1 },
    },
    notBefore: { type: 'string', pattern: ITEM_ID },
    prefill,
    personal: { type: 'boolean' },
  },
} as const;

const procedure = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'department', 'timeLimit', 'items'],
  properties: {
    $comment: { type: 'string' },
    code: { type: 'string', pattern: CODE },
    name: { type: 'string', minLength: 1 },
    stage: { type: 'string', minLength: 1 },
    department: { type: 'string', minLength: 1 },
    timeLimit: {
      type: 'object',
      additionalProperties: false,
      required: ['days', 'unit', 'basis'],
      properties: {
        days: { type: 'integer', minimum: 0, maximum: 3650 },
        unit: { enum: TIME_LIMIT_UNITS },
        basis: { type: 'string', minLength: 1 },
      },
    },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'required'],
        properties: {
          id: { type: 'string', pattern: ITEM_ID },
          required: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** JSON Schema (draft-07, as ajv reads it) of `contracts/procedures.json`. */
export const PROCEDURE_CATALOGUE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'items', 'procedures'],
  properties: {
    $schema: { type: 'string' },
    $comment: { type: 'string' },
    version: { type: 'string', minLength: 1 },
    items: { type: 'array', minItems: 1, items: item },
    procedures: { type: 'array', minItems: 1, items: procedure },
  },
} as const;
