import { AccessError } from './access.errors';
import { loadSharingCatalogue, SharingCatalogue } from './sharing-catalogue';

function minimal(): Record<string, unknown> {
  return {
    version: '1',
    dataTypes: ['Applicant'],
    metadata: ['Applicant.id'],
    purposes: [{ code: 'AUDIT', label: '审计' }],
    items: [
      {
        id: 'tax.credit-rating',
        name: '纳税信用级别',
        provider: 'tax',
        sharingClass: 'CONDITIONAL',
        legalBasis: '…',
        fields: ['TaxProfile.creditRating'],
      },
    ],
  };
}

function problemsOf(json: unknown): readonly string[] {
  try {
    SharingCatalogue.parse(json);
  } catch (error) {
    if (error instanceof AccessError) return error.problems;
    throw error;
  }
  return [];
}

describe('SharingCatalogue', () => {
  it('loads the catalogue in contracts/, with the items and purposes the gateway relies on', () => {
    const catalogue = loadSharingCatalogue();
    expect(catalogue.itemOfField('TaxProfile.creditRating')?.sharingClass).toBe('CONDITIONAL');
    expect(catalogue.itemOfField('InsuredPerson.crossRegionMedicalFilings')?.sharingClass).toBe(
      'NOT_SHARED',
    );
    expect(catalogue.itemOfField('Applicant.tax')?.provider).toBe('tax');
    expect(catalogue.purpose('ONE_STOP_SERVICE')?.label).toContain('一网通办');
    const classes = new Set(catalogue.items().map((i) => i.sharingClass));
    expect(classes).toEqual(new Set(['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED']));
  });

  it('indexes fields and purposes', () => {
    const catalogue = SharingCatalogue.parse(minimal());
    expect(catalogue.item('tax.credit-rating')?.name).toBe('纳税信用级别');
    expect(catalogue.itemOfField('TaxProfile.creditRating')?.id).toBe('tax.credit-rating');
    expect(catalogue.itemOfField('TaxProfile.status')).toBeUndefined();
    expect(catalogue.purpose('AUDIT')).toBeDefined();
    expect(catalogue.purpose('audit')).toBeUndefined();
  });

  it('names every shape problem, with the entry it is in', () => {
    const json = minimal();
    (json.items as Record<string, unknown>[])[0].sharingClass = 'SOMETIMES';
    (json.items as Record<string, unknown>[])[0].fields = ['taxProfile'];
    delete json.purposes;
    const problems = problemsOf(json);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('purposes'),
        expect.stringMatching(/items\/0 \(tax\.credit-rating\)\/sharingClass .*UNCONDITIONAL/),
        expect.stringContaining('items/0 (tax.credit-rating)/fields/0'),
      ]),
    );
  });

  it('refuses a field in two items, duplicate ids and codes, and metadata that is an item', () => {
    const json = minimal();
    const items = json.items as Record<string, unknown>[];
    items.push({ ...items[0] });
    items.push({ ...items[0], id: 'tax.other', fields: ['TaxProfile.creditRating'] });
    (json.purposes as unknown[]).push({ code: 'AUDIT', label: 'again' });
    (json.metadata as string[]).push('TaxProfile.creditRating');
    expect(problemsOf(json)).toEqual(
      expect.arrayContaining([
        'item tax.credit-rating is declared twice',
        'purpose AUDIT is declared twice',
        'TaxProfile.creditRating belongs to two items: tax.credit-rating and tax.other',
        'TaxProfile.creditRating is listed as metadata and belongs to item tax.credit-rating',
      ]),
    );
  });

  it('names the file it read', () => {
    expect(() => loadSharingCatalogue(__filename)).toThrow(
      /sharing-catalogue\.spec\.ts: not valid JSON/,
    );
  });
});
