import { generateDemoApplicants } from '@oncegate/demo';
import { ApplicantRepository } from '@oncegate/registry';
import { describeGateway } from '../support/gateway';

/** Journey: an official who has only a name finds candidates, and a list costs one query per field, not one per row. */
const demo = generateDemoApplicants();
const enterprise = demo.find((a) => a.kind === 'ENTERPRISE');
if (!enterprise) throw new Error('no demo enterprise');

type Search = {
  searchApplicants: Array<{
    id: string;
    name: string;
    kind: string;
    identifiers: Array<{ value: string }>;
  }>;
};
const SEARCH =
  'query($name: String!, $first: Int) { searchApplicants(name: $name, first: $first) { id name kind identifiers { value } } }';

describeGateway('searching applicants by name', (gateway) => {
  it('finds names containing the text, exact match first', async () => {
    const res = await gateway.graphql<Search>(SEARCH, { name: enterprise.name });
    expect(res.errors).toBeUndefined();
    expect(res.data?.searchApplicants[0]).toMatchObject({
      name: enterprise.name,
      kind: 'ENTERPRISE',
    });
  });

  it('honours first and returns only matching names', async () => {
    const surname = demo.filter((a) => a.kind === 'PERSON')[0].name[0];
    const res = await gateway.graphql<Search>(SEARCH, { name: surname, first: 3 });
    expect(res.errors).toBeUndefined();
    expect(res.data?.searchApplicants.length).toBeGreaterThan(0);
    expect(res.data?.searchApplicants.length).toBeLessThanOrEqual(3);
    for (const a of res.data?.searchApplicants ?? []) expect(a.name).toContain(surname);
  });

  it('defaults to 20 results', async () => {
    const res = await gateway.graphql<Search>(SEARCH, { name: '公司' });
    expect(res.data?.searchApplicants).toHaveLength(20);
  });

  it('treats LIKE wildcards as text', async () => {
    const res = await gateway.graphql<Search>(SEARCH, { name: '%' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.searchApplicants).toEqual([]);
  });

  it.each([
    [{ name: '  ', first: 5 }, 'name'],
    [{ name: '王', first: 0 }, 'first'],
    [{ name: '王', first: 101 }, 'first'],
  ])('refuses %j with BAD_USER_INPUT', async (variables, argument) => {
    const res = await gateway.graphql<Search>(SEARCH, variables);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('loads the identifiers of a whole result list in one batch', async () => {
    const repository = gateway.app.get(ApplicantRepository);
    const spy = jest.spyOn(repository, 'identifiersFor');
    try {
      const res = await gateway.graphql<Search>(SEARCH, { name: '公司', first: 15 });
      expect(res.data?.searchApplicants).toHaveLength(15);
      expect(res.data?.searchApplicants.every((a) => a.identifiers.length > 0)).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0][0]).toHaveLength(15);
    } finally {
      spy.mockRestore();
    }
  });
});
