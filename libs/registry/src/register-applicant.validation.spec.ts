import { prepareRegistration, REGISTRY_LIMITS } from './register-applicant.validation';
import { RegistryErrorCode } from './registry.errors';
import type { RegisterApplicantInput } from './registry.types';

const observedAt = new Date('2024-05-06T07:08:09.010Z');

const valid: RegisterApplicantInput = {
  kind: 'ENTERPRISE',
  name: ' 某某建设有限公司\t',
  identifiers: [{ scheme: 'USCC', value: '91330100MA27XXXX0X' }],
  sourceRecords: [
    {
      system: 'tax',
      localId: 'NSR-1',
      rawPayload: '<nsr/>',
      normalized: { name: '某某建设有限公司' },
      observedAt,
    },
  ],
  attributes: [
    { name: 'address', value: '某地', sourceSystem: 'tax', sourceLocalId: 'NSR-1', observedAt },
    { name: 'phone', value: '0571-1', sourceSystem: 'market-regulation', observedAt },
  ],
};

function refusal(input: unknown): { code: unknown; field: unknown } {
  try {
    prepareRegistration(input as RegisterApplicantInput);
  } catch (error) {
    const { code, details } = error as { code: unknown; details: { field?: unknown } };
    return { code, field: details.field };
  }
  throw new Error('expected a refusal');
}

describe('prepareRegistration', () => {
  it('trims the name, serializes the payloads and fills the optional parts', () => {
    const prepared = prepareRegistration(valid);
    expect(prepared.name).toBe('某某建设有限公司');
    expect(prepared.identifiers).toEqual([
      { scheme: 'USCC', value: '91330100MA27XXXX0X', originalValue: null },
    ]);
    expect(prepared.sourceRecords[0]).toMatchObject({
      rawPayload: '"<nsr/>"',
      normalized: '{"name":"某某建设有限公司"}',
      observedAt,
    });
    expect(prepared.attributes.map((a) => a.sourceLocalId)).toEqual(['NSR-1', null]);
    expect(prepareRegistration({ kind: 'PERSON', name: '张三', identifiers: [] })).toMatchObject({
      sourceRecords: [],
      attributes: [],
    });
  });

  it('counts characters as MySQL does: 𠮷 is one', () => {
    const name = '𠮷'.repeat(REGISTRY_LIMITS.name);
    expect(prepareRegistration({ ...valid, name }).name).toBe(name);
    expect(refusal({ ...valid, name: `${name}a` }).field).toBe('name');
  });

  it.each<[string, Partial<RegisterApplicantInput> | Record<string, unknown>, string]>([
    ['an unknown kind', { kind: 'ROBOT' }, 'kind'],
    ['an empty name', { name: '   ' }, 'name'],
    [
      'an unknown scheme',
      { identifiers: [{ scheme: 'PASSPORT', value: 'x' }] },
      'identifiers[0].scheme',
    ],
    [
      'a blank identifier',
      { identifiers: [{ scheme: 'USCC', value: ' ' }] },
      'identifiers[0].value',
    ],
    [
      'a too long identifier',
      { identifiers: [{ scheme: 'USCC', value: 'x'.repeat(65) }] },
      'identifiers[0].value',
    ],
    [
      'the same identifier twice',
      {
        identifiers: [
          { scheme: 'USCC', value: 'A' },
          { scheme: 'USCC', value: 'A' },
        ],
      },
      'identifiers[1].value',
    ],
    [
      'the same source record twice',
      { sourceRecords: [valid.sourceRecords![0], valid.sourceRecords![0]], attributes: [] },
      'sourceRecords[1].localId',
    ],
    [
      'a payload JSON cannot carry',
      { sourceRecords: [{ ...valid.sourceRecords![0], rawPayload: undefined }], attributes: [] },
      'sourceRecords[0].rawPayload',
    ],
    [
      'a payload too large for a TEXT column',
      {
        sourceRecords: [{ ...valid.sourceRecords![0], rawPayload: '字'.repeat(30_000) }],
        attributes: [],
      },
      'sourceRecords[0].rawPayload',
    ],
    [
      'a normalized form that is not an object',
      { sourceRecords: [{ ...valid.sourceRecords![0], normalized: [] as never }], attributes: [] },
      'sourceRecords[0].normalized',
    ],
    [
      'an invalid date',
      {
        sourceRecords: [{ ...valid.sourceRecords![0], observedAt: new Date('x') }],
        attributes: [],
      },
      'sourceRecords[0].observedAt',
    ],
    [
      'a date MySQL cannot hold',
      {
        sourceRecords: [
          { ...valid.sourceRecords![0], observedAt: new Date('0099-01-01T00:00:00Z') },
        ],
        attributes: [],
      },
      'sourceRecords[0].observedAt',
    ],
    [
      'the same attribute name twice',
      { attributes: [valid.attributes![1], valid.attributes![1]] },
      'attributes[1].name',
    ],
    [
      'an attribute naming a record not in the registration',
      { attributes: [{ ...valid.attributes![0], sourceLocalId: 'NSR-2' }] },
      'attributes[0].sourceLocalId',
    ],
    [
      'an attribute naming a record of another system',
      { attributes: [{ ...valid.attributes![0], sourceSystem: 'land-planning' }] },
      'attributes[0].sourceLocalId',
    ],
    [
      'a non-string attribute value',
      { attributes: [{ ...valid.attributes![1], value: 42 as never }] },
      'attributes[0].value',
    ],
  ])('refuses %s, naming the field', (_, change, field) => {
    expect(refusal({ ...valid, ...change })).toEqual({
      code: RegistryErrorCode.INVALID_REGISTRATION,
      field,
    });
  });
});
