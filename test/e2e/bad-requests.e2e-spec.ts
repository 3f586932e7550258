import { describeGateway } from '../support/gateway';

/** Journey: a client sends something wrong; it gets a clear coded error and the gateway keeps serving. */
describeGateway('bad requests', (gateway) => {
  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const res = await gateway.graphql('{ applicant(id: "x" { id }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await gateway.graphql('{ applicant(id: "x") { password } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a wrongly typed variable with BAD_USER_INPUT', async () => {
    const res = await gateway.graphql(
      'query($s: IdentifierScheme!) { applicantByIdentifier(scheme: $s, value: "1") { id } }',
      {
        s: 'PASSPORT',
      },
    );
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('shows no stack traces or internals', async () => {
    const res = await gateway.graphql('{ applicant(id: "x" { id }');
    expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|node_modules|at .*\.js/);
  });

  it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
    const given = await gateway.http().get('/health').set('X-Request-Id', 'case-2026-0001');
    expect(given.headers['x-request-id']).toBe('case-2026-0001');
    const made = await gateway.http().get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('still serves after all of that', async () => {
    const res = await gateway.graphql('{ searchApplicants(name: "有限", first: 1) { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.searchApplicants).toHaveLength(1);
  });

  it('serves GraphiQL to browsers at GET /graphql with a same-origin-only policy', async () => {
    const page = await gateway.http().get('/graphql').set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain('/graphiql/assets/graphiql.min.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    for (const asset of [
      'graphiql.min.js',
      'graphiql.min.css',
      'react.production.min.js',
      'react-dom.production.min.js',
    ]) {
      await gateway.http().get(`/graphiql/assets/${asset}`).expect(200);
    }
    await gateway.http().get('/graphiql/assets/..%2Fpackage.json').expect(404);
    await gateway.http().get('/graphiql/init.js').expect(200);
  });

  it('still answers GraphQL over GET for non-browser clients', async () => {
    const res = await gateway
      .http()
      .get('/graphql')
      .query({ query: '{ __typename }' })
      .set('Accept', 'application/json')
      .set('apollo-require-preflight', 'true')
      .set(await gateway.as('default'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { __typename: 'Query' } });
  });
});
