const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/** JSON Schema (draft-07, as ajv reads it) of `contracts/working-calendar.json`. */
export const WORKING_CALENDAR_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['timeZone', 'years'],
  properties: {
    $schema: { type: 'string' },
    $comment: { type: 'string' },
    timeZone: { const: 'Asia/Shanghai' },
    years: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['year', 'notice', 'holidays', 'workingDays'],
        properties: {
          $comment: { type: 'string' },
          year: { type: 'integer', minimum: 1999, maximum: 2999 },
          notice: {
            type: 'object',
            additionalProperties: false,
            required: ['number', 'title', 'issued'],
            properties: {
              number: { type: 'string', minLength: 1 },
              title: { type: 'string', minLength: 1 },
              issued: { type: 'string', pattern: DATE },
            },
          },
          holidays: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'from', 'to', 'days'],
              properties: {
                name: { type: 'string', minLength: 1 },
                from: { type: 'string', pattern: DATE },
                to: { type: 'string', pattern: DATE },
                days: { type: 'integer', minimum: 1, maximum: 15 },
              },
            },
          },
          workingDays: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['date', 'for'],
              properties: {
                date: { type: 'string', pattern: DATE },
                for: { type: 'string', minLength: 1 },
              },
            },
          },
        },
      },
    },
  },
} as const;
