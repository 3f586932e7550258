/**
 * The vocabulary and JSON Schema of `contracts/sharing-catalogue.json`. The
 * schema checks the shape; `SharingCatalogue.parse` then checks what a schema
 * cannot say (unique ids and codes, a field in one item only).
 */

/** 无条件共享 / 有条件共享 / 不予共享 (国发〔2016〕51号). */
export const SHARING_CLASSES = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'] as const;
export type SharingClass = (typeof SHARING_CLASSES)[number];

/** Who holds the data (数源部门): one of the four departments, or OnceGate's own registry. */
export const PROVIDERS = [
  'registry',
  'project-approval',
  'land-planning',
  'tax',
  'social-insurance',
] as const;
export type Provider = (typeof PROVIDERS)[number];

/** `Applicant.tax`: a GraphQL type and one of its fields. */
const COORDINATE = '^[A-Z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*$';

export const SHARING_CATALOGUE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'dataTypes', 'metadata', 'purposes', 'items'],
  properties: {
    $comment: { type: 'string' },
    version: { type: 'string', minLength: 1 },
    dataTypes: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
    },
    metadata: { type: 'array', items: { type: 'string', pattern: COORDINATE } },
    purposes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'label'],
        properties: {
          code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,63}$' },
          label: { type: 'string', minLength: 1 },
        },
      },
    },
    items: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'provider', 'sharingClass', 'legalBasis', 'fields'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+$' },
          name: { type: 'string', minLength: 1 },
          provider: { enum: PROVIDERS },
          sharingClass: { enum: SHARING_CLASSES },
          legalBasis: { type: 'string', minLength: 1 },
          fields: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', pattern: COORDINATE },
          },
        },
      },
    },
  },
} as const;
