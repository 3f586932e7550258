import { loadSharingCatalogue, SharingCatalogue } from '@oncegate/access';
import { buildSchema } from 'graphql';
import { buildGatewaySchema } from '../schema/gateway-schema';
import { catalogueCoverageProblems } from './field-guard';

function catalogue(overrides: Record<string, unknown> = {}): SharingCatalogue {
  return SharingCatalogue.parse({
    version: '1',
    dataTypes: ['Applicant'],
    metadata: ['Applicant.id'],
    purposes: [{ code: 'AUDIT', label: '审计' }],
    items: [
      {
        id: 'applicant.identity',
        name: 'x',
        provider: 'registry',
        sharingClass: 'UNCONDITIONAL',
        legalBasis: 'x',
        fields: ['Applicant.name'],
      },
      {
        id: 'tax.credit-rating',
        name: 'x',
        provider: 'tax',
        sharingClass: 'CONDITIONAL',
        legalBasis: 'x',
        fields: ['Tax.rating'],
      },
    ],
    ...overrides,
  });
}

describe('catalogueCoverageProblems', () => {
  it('finds nothing wrong with the gateway schema and contracts/sharing-catalogue.json (the CI check)', async () => {
    expect(catalogueCoverageProblems(await buildGatewaySchema(), loadSharingCatalogue())).toEqual(
      [],
    );
  });

  it('names a data field no item covers, an item field the schema lacks, and a refusable non-null field', () => {
    const schema = buildSchema(`
      type Query { applicant: Applicant }
      type Applicant { id: ID! name: String! tax: Tax phone: String }
      type Tax { rating: String! }
    `);
    expect(catalogueCoverageProblems(schema, catalogue())).toEqual([
      expect.stringMatching(/^tax\.credit-rating: Tax\.rating is CONDITIONAL but non-null/),
      expect.stringMatching(/^Applicant\.tax carries data but belongs to no item/),
      expect.stringMatching(/^Applicant\.phone carries data but belongs to no item/),
    ]);
    const renamed = buildSchema(`
      type Query { applicant: Applicant }
      type Applicant { id: ID! fullName: String! }
    `);
    expect(catalogueCoverageProblems(renamed, catalogue())).toEqual(
      expect.arrayContaining([
        'applicant.identity: Applicant.name is not a field of the schema',
        'tax.credit-rating: Tax.rating is not a field of the schema',
        expect.stringMatching(/^Applicant\.fullName carries data/),
      ]),
    );
  });
});
