import { ApplicantRepository } from '@oncegate/registry';
import { DataSource } from 'typeorm';
import { describeGateway } from '../support/gateway';

/** Journey: something breaks inside the gateway; the caller learns nothing of the inside, and the process carries on. */
describeGateway('internal failures', (gateway) => {
  it('answers INTERNAL_SERVER_ERROR without the database message when a query fails inside', async () => {
    const repository = gateway.app.get(ApplicantRepository);
    const spy = jest
      .spyOn(repository, 'searchByName')
      .mockRejectedValueOnce(
        new Error("ER_NO_SUCH_TABLE: Table 'secret_schema.applicants' doesn't exist"),
      );
    try {
      const res = await gateway.graphql('{ searchApplicants(name: "王") { id } }');
      expect(res.status).toBe(200);
      expect(res.errors?.[0]).toMatchObject({
        message: 'Internal error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(res.errors)).not.toContain('secret_schema');
    } finally {
      spy.mockRestore();
    }
    const after = await gateway.graphql<{ searchApplicants: unknown[] }>(
      '{ searchApplicants(name: "王", first: 1) { id } }',
    );
    expect(after.errors).toBeUndefined();
    expect(after.data?.searchApplicants).toHaveLength(1);
  });

  it('reports 503 on /health once the database is gone', async () => {
    await gateway.app.get(DataSource).destroy();
    const res = await gateway.http().get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
  });
});
