import { createHash, randomBytes } from 'node:crypto';
import { isRegistryError, RegistryErrorCode } from '../registry.errors';
import { describeEachDatabase } from '../testing/test-database';
import { ConsumerRepository } from './consumer.repository';
import { GrantRepository } from './grant.repository';

/** A key as the gateway stores it: an id and the SHA-256 of a secret. */
function newKey(expiresAt: Date | null = null) {
  const secret = randomBytes(32).toString('base64url');
  return {
    keyId: randomBytes(6).toString('hex'),
    secretHash: createHash('sha256').update(secret).digest('hex'),
    expiresAt,
  };
}

describeEachDatabase('ConsumerRepository and GrantRepository', (db) => {
  let consumers: ConsumerRepository;
  let grants: GrantRepository;

  beforeAll(() => {
    consumers = new ConsumerRepository(db.dataSource);
    grants = new GrantRepository(db.dataSource);
  });

  it('stores a consumer with its roles and its first key, as a hash only', async () => {
    const key = newKey();
    const created = await consumers.create(
      { name: 'tax-system', department: 'tax', roles: ['department'], description: '税务核心征管' },
      key,
    );
    expect(created).toMatchObject({ name: 'tax-system', department: 'tax', roles: ['department'] });
    const found = await consumers.findKey(key.keyId);
    expect(found?.consumer.id).toBe(created.id);
    expect(found?.secretHash).toBe(key.secretHash);
    expect(found?.key).toMatchObject({ expiresAt: null, revokedAt: null });
    const rows = await db.dataSource.query<Record<string, unknown>[]>(
      'SELECT * FROM consumer_keys WHERE consumer_id = ?',
      [created.id],
    );
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['consumer_id', 'created_at', 'expires_at', 'key_id', 'revoked_at', 'secret_hash'].sort(),
    );
  });

  it('refuses a second consumer of the same name', async () => {
    await consumers.create({ name: 'portal', department: null, roles: ['eservice'] }, newKey());
    await expect(
      consumers.create({ name: 'portal', department: null, roles: ['eservice'] }, newKey()),
    ).rejects.toMatchObject({ code: RegistryErrorCode.CONSUMER_EXISTS });
  });

  it('rotates: the new key is live and the old ones expire after the grace period', async () => {
    const first = newKey();
    await consumers.create(
      { name: 'land-system', department: 'land-planning', roles: ['department'] },
      first,
    );
    const now = new Date('2026-12-07T00:00:00Z');
    const second = newKey();
    await consumers.rotate('land-system', second, 3_600_000, now);
    expect((await consumers.findKey(first.keyId))?.key.expiresAt).toEqual(
      new Date('2026-12-07T01:00:00Z'),
    );
    expect((await consumers.findKey(second.keyId))?.key.expiresAt).toBeNull();
    const keys = await consumers.keysOf((await consumers.findByName('land-system'))!.id);
    expect(keys.map((k) => k.keyId).sort()).toEqual([first.keyId, second.keyId].sort());
  });

  it('revokes a consumer and all its keys, and then refuses to rotate or revoke it again', async () => {
    const key = newKey();
    await consumers.create({ name: 'old-portal', department: null, roles: ['eservice'] }, key);
    const revoked = await consumers.revoke('old-portal', '系统下线');
    expect(revoked.revokedAt).not.toBeNull();
    expect((await consumers.findKey(key.keyId))?.key.revokedAt).not.toBeNull();
    await expect(consumers.rotate('old-portal', newKey(), 0)).rejects.toMatchObject({
      code: RegistryErrorCode.CONSUMER_NOT_FOUND,
    });
    await expect(consumers.revoke('old-portal', 'again')).rejects.toMatchObject({
      code: RegistryErrorCode.CONSUMER_NOT_FOUND,
    });
  });

  it('keeps a grant request until one decision, then only that decision', async () => {
    const consumer = await consumers.create(
      { name: 'credit-portal', department: null, roles: ['eservice'] },
      newKey(),
    );
    const requestedAt = new Date('2026-12-07T01:00:00Z');
    const grant = await grants.request({
      consumerId: consumer.id,
      provider: 'tax',
      items: ['tax.credit-rating', 'tax.arrears'],
      purpose: 'CREDIT_SUPERVISION',
      basis: '《纳税信用管理办法》',
      requestedBy: 'user:li',
      requestedAt,
      dueAt: new Date('2026-12-21T16:00:00Z'),
    });
    expect(grant).toMatchObject({
      status: 'REQUESTED',
      items: ['tax.arrears', 'tax.credit-rating'],
    });
    expect(await grants.list({ overdueAt: new Date('2026-12-22T00:00:00Z') }, 10)).toHaveLength(1);
    expect(await grants.list({ overdueAt: new Date('2026-12-20T00:00:00Z') }, 10)).toHaveLength(0);

    const expiresAt = new Date('2027-12-31T16:00:00Z');
    const decide = (status: 'APPROVED' | 'REJECTED') =>
      grants.decide(grant.id, 'REQUESTED', {
        status,
        decidedBy: 'consumer:tax-system',
        decidedAt: new Date('2026-12-08T01:00:00Z'),
        reason: status === 'APPROVED' ? '同意' : '不同意',
        expiresAt: status === 'APPROVED' ? expiresAt : null,
      });
    const [a, b] = await Promise.allSettled([decide('APPROVED'), decide('REJECTED')]);
    const won = [a, b].filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isRegistryError(lost.reason, RegistryErrorCode.GRANT_ALREADY_DECIDED)).toBe(true);

    const final = (await grants.findById(grant.id))!;
    const approved = await grants.approvedFor(consumer.id);
    expect(approved.map((g) => [g.id, g.expiresAt])).toEqual(
      final.status === 'APPROVED' ? [[grant.id, expiresAt]] : [],
    );
    await expect(
      grants.decide('00000000-0000-0000-0000-000000000000', 'REQUESTED', {
        status: 'APPROVED',
        decidedBy: 'x',
        decidedAt: new Date(),
        reason: 'x',
        expiresAt,
      }),
    ).rejects.toMatchObject({ code: RegistryErrorCode.GRANT_NOT_FOUND });
  });
});
