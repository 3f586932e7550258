import { generateDemoApplicants } from '@oncegate/demo';
import { ApplicantRepository } from '@oncegate/registry';
import { describeGateway } from '../support/gateway';

/**
 * Journey: a department system finds an applicant by the identifier an
 * official typed — however it was typed — and reads the golden record with
 * its provenance.
 */
const demo = generateDemoApplicants();
const persons = demo.filter((a) => a.kind === 'PERSON');
const person = persons.find(
  (p) => p.identifiers[0].value.endsWith('X') && p.identifiers[0].value.slice(6, 8) === '19',
);
const enterprise = demo.find((a) => a.kind === 'ENTERPRISE');
if (!person || !enterprise)
  throw new Error('The demo data set has no 19xx person with an X check or no enterprise');
const personId = person.identifiers[0].value;
const uscc = enterprise.identifiers[0].value;

/** The GraphQL enum name of a department system: `social-insurance` → `SOCIAL_INSURANCE`. */
const systemEnum = (system: string) => system.toUpperCase().replace(/-/g, '_');

const APPLICANT_FIELDS = `
  id kind name
  identifiers { scheme value legacyValue }
  sourceRecords { system localId observedAt }
  attributes { name value source sourceRecord { system localId } observedAt }
`;
const BY_IDENTIFIER = `query($scheme: IdentifierScheme!, $value: String!) {
  applicantByIdentifier(scheme: $scheme, value: $value) { ${APPLICANT_FIELDS} }
}`;

type Found = {
  applicantByIdentifier: {
    id: string;
    kind: string;
    name: string;
    identifiers: Array<{ scheme: string; value: string; legacyValue: string | null }>;
    sourceRecords: Array<{ system: string; localId: string; observedAt: string }>;
    attributes: Array<{
      name: string;
      value: string;
      source: string;
      sourceRecord: { system: string; localId: string } | null;
      observedAt: string;
    }>;
  } | null;
};

describeGateway('applicant lookup through GraphQL', (gateway) => {
  it('reports health with the database up', async () => {
    const res = await gateway.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('seeded the demo applicants', async () => {
    expect(await gateway.app.get(ApplicantRepository).count()).toBe(demo.length);
  });

  it('finds a person by an 18-digit ID typed with spaces and a lower-case x', async () => {
    const typed = `${personId.slice(0, 6)} ${personId.slice(6, 14)} ${personId.slice(14).toLowerCase()}`;
    const res = await gateway.graphql<Found>(BY_IDENTIFIER, {
      scheme: 'RESIDENT_ID',
      value: typed,
    });
    expect(res.errors).toBeUndefined();
    const found = res.data?.applicantByIdentifier;
    expect(found).toMatchObject({ kind: 'PERSON', name: person.name });
    expect(found?.identifiers).toContainEqual(
      expect.objectContaining({ scheme: 'RESIDENT_ID', value: personId }),
    );
    expect(found?.sourceRecords.map((r) => `${r.system}/${r.localId}`).sort()).toEqual(
      person.sourceRecords.map((r) => `${systemEnum(r.system)}/${r.localId}`).sort(),
    );
    for (const attribute of person.attributes) {
      expect(found?.attributes).toContainEqual(
        expect.objectContaining({
          name: attribute.name,
          value: attribute.value,
          source: systemEnum(attribute.sourceSystem),
          sourceRecord: {
            system: systemEnum(attribute.sourceSystem),
            localId: attribute.sourceLocalId,
          },
          observedAt: attribute.observedAt.toISOString(),
        }),
      );
    }
  });

  it('finds the same person by the 15-digit form and by full-width digits', async () => {
    const id15 = personId.slice(0, 6) + personId.slice(8, 17);
    const fullWidth = [...personId.toLowerCase()]
      .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      .join('');
    const by18 = await gateway.graphql<Found>(BY_IDENTIFIER, {
      scheme: 'RESIDENT_ID',
      value: personId,
    });
    for (const value of [id15, fullWidth]) {
      const res = await gateway.graphql<Found>(BY_IDENTIFIER, { scheme: 'RESIDENT_ID', value });
      expect(res.errors).toBeUndefined();
      expect(res.data?.applicantByIdentifier?.id).toBe(by18.data?.applicantByIdentifier?.id);
    }
  });

  it('finds an enterprise by its credit code in lower case with spaces', async () => {
    const typed = ` ${uscc.slice(0, 9)} ${uscc.slice(9).toLowerCase()} `;
    const res = await gateway.graphql<Found>(BY_IDENTIFIER, { scheme: 'USCC', value: typed });
    expect(res.errors).toBeUndefined();
    expect(res.data?.applicantByIdentifier).toMatchObject({
      kind: 'ENTERPRISE',
      name: enterprise.name,
    });
  });

  it('refuses an invalid ID with INVALID_IDENTIFIER and its reason, without echoing the number', async () => {
    const wrongCheck = personId.slice(0, 17) + (personId[17] === '0' ? '1' : '0');
    const res = await gateway.graphql<Found>(BY_IDENTIFIER, {
      scheme: 'RESIDENT_ID',
      value: wrongCheck,
    });
    expect(res.status).toBe(200);
    expect(res.data?.applicantByIdentifier).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_IDENTIFIER',
      scheme: 'RESIDENT_ID',
      reason: 'CHECK_CHARACTER',
    });
    expect(res.errors?.[0].extensions.messageZh).toEqual(expect.stringContaining('校验码'));
    expect(JSON.stringify(res.errors)).not.toContain(wrongCheck);
  });

  it.each([
    ['RESIDENT_ID', '11010519490230002X', 'BIRTH_DATE_INVALID'],
    ['RESIDENT_ID', '1101051949123100', 'LENGTH'],
    ['USCC', '91350100M000100Y4Z', 'CHARSET'],
    ['USCC', '914403001922038217', 'CHECK_CHARACTER'],
  ])('refuses %s %s with reason %s', async (scheme, value, reason) => {
    const res = await gateway.graphql<Found>(BY_IDENTIFIER, { scheme, value });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'INVALID_IDENTIFIER', reason });
  });

  it('answers null for a valid identifier nobody has', async () => {
    const res = await gateway.graphql<Found>(BY_IDENTIFIER, {
      scheme: 'USCC',
      value: '91350100M000100Y43',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.applicantByIdentifier).toBeNull();
  });

  it('resolves the id of a merged applicant to its survivor', async () => {
    const [a, b] = persons.slice(-2);
    const ra = await gateway.graphql<Found>(BY_IDENTIFIER, {
      scheme: 'RESIDENT_ID',
      value: a.identifiers[0].value,
    });
    const rb = await gateway.graphql<Found>(BY_IDENTIFIER, {
      scheme: 'RESIDENT_ID',
      value: b.identifiers[0].value,
    });
    const survivor = ra.data?.applicantByIdentifier?.id as string;
    const merged = rb.data?.applicantByIdentifier?.id as string;
    await gateway.app.get(ApplicantRepository).merge(survivor, merged);

    const res = await gateway.graphql<{
      applicant: { id: string; identifiers: Array<{ value: string }> } | null;
    }>('query($id: ID!) { applicant(id: $id) { id identifiers { value } } }', { id: merged });
    expect(res.errors).toBeUndefined();
    expect(res.data?.applicant?.id).toBe(survivor);
    expect(res.data?.applicant?.identifiers.map((i) => i.value)).toEqual(
      expect.arrayContaining([a.identifiers[0].value, b.identifiers[0].value]),
    );
    const byMergedId = await gateway.graphql<Found>(BY_IDENTIFIER, {
      scheme: 'RESIDENT_ID',
      value: b.identifiers[0].value,
    });
    expect(byMergedId.data?.applicantByIdentifier?.id).toBe(survivor);
  });

  it('answers null for an unknown id', async () => {
    const res = await gateway.graphql(
      '{ applicant(id: "00000000-0000-4000-8000-000000000000") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ applicant: null });
  });
});
