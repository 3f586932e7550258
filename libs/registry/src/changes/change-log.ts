import type { EntityManager } from 'typeorm';
import { GoldenAttributeEntity } from '../golden-attribute.entity';
import { ResolutionStateEntity } from '../resolution-state.entity';
import { ApplicantChangeEntity } from './applicant-change.entity';
import type { GoldenValue, NewApplicantChange } from './applicant-change.types';

/** The `resolution_state` row whose lock orders the change log (added by its migration). */
export const CHANGE_LOG_STATE = 'applicant_changes';

/** Rows per INSERT or `IN (…)`: well inside SQLite's bound-parameter limit and MySQL's packet size. */
const CHUNK = 200;

/** `rows` in slices of at most {@link CHUNK}. */
export function* inChunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += CHUNK) yield rows.slice(start, start + CHUNK);
}

/**
 * What changed between an applicant's golden attributes before and after a
 * write, by attribute name: a value that differs, an attribute that appeared
 * (old value null) or disappeared (new value and source null). Nothing when
 * the applicant had no golden attributes before — its first golden record is
 * not a change, so a bulk load logs nothing. A value that stays the same with
 * other provenance (a newer record saying the same) is not a change either.
 */
export function goldenChanges(
  applicantId: string,
  before: readonly Pick<GoldenValue, 'name' | 'value'>[],
  after: readonly GoldenValue[],
): NewApplicantChange[] {
  if (before.length === 0) return [];
  const old = new Map(before.map((g) => [g.name, g.value]));
  const kept = new Set(after.map((g) => g.name));
  const changes: NewApplicantChange[] = after
    .filter((g) => old.get(g.name) !== g.value)
    .map((g) => ({
      applicantId,
      attribute: g.name,
      oldValue: old.get(g.name) ?? null,
      newValue: g.value,
      source: { system: g.sourceSystem, recordId: g.sourceRecordId, observedAt: g.observedAt },
    }));
  for (const [name, value] of old)
    if (!kept.has(name))
      changes.push({ applicantId, attribute: name, oldValue: value, newValue: null, source: null });
  return changes.sort((a, b) =>
    a.attribute < b.attribute ? -1 : a.attribute > b.attribute ? 1 : 0,
  );
}

function mysqlFamily(manager: EntityManager): boolean {
  const type = manager.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}

/**
 * The golden values these applicants hold now, in one query, inside the
 * transaction about to replace them. On MySQL the rows are locked (they are
 * about to be deleted anyway), so that two writers of the same applicant log
 * each transition once rather than both from the same old value.
 */
export async function goldenBefore(
  manager: EntityManager,
  applicantIds: readonly string[],
): Promise<Map<string, { name: string; value: string }[]>> {
  const out = new Map<string, { name: string; value: string }[]>();
  if (applicantIds.length === 0) return out;
  const query = manager
    .getRepository(GoldenAttributeEntity)
    .createQueryBuilder('g')
    .select(['g.applicant_id AS applicant_id', 'g.name AS name', 'g.value AS value'])
    .where('g.applicant_id IN (:...ids)', { ids: applicantIds });
  if (mysqlFamily(manager)) query.setLock('pessimistic_write');
  for (const row of await query.getRawMany<{ applicant_id: string; name: string; value: string }>())
    (out.get(row.applicant_id) ?? out.set(row.applicant_id, []).get(row.applicant_id)!).push({
      name: row.name,
      value: row.value,
    });
  return out;
}

/**
 * Appends changes to the log inside the caller's transaction, so that they
 * commit (or not) with the golden attributes they describe. Call it last in
 * the transaction: it takes the change log's lock — one writer at a time
 * from here to the commit — which is what numbers the changes in commit
 * order (a reader of `id > n` never skips one that commits late).
 */
export async function appendChanges(
  manager: EntityManager,
  changes: readonly NewApplicantChange[],
  at: Date,
): Promise<void> {
  if (changes.length === 0) return;
  const locked = await manager
    .createQueryBuilder()
    .update(ResolutionStateEntity)
    .set({ revision: () => 'revision + 1', updatedAt: at })
    .where({ name: CHANGE_LOG_STATE })
    .execute();
  if (!locked.affected)
    throw new Error(`resolution_state has no ${CHANGE_LOG_STATE} row: run the registry migrations`);
  const query = manager
    .getRepository(ApplicantChangeEntity)
    .createQueryBuilder('c')
    .select('MAX(c.id)', 'last');
  // A locking read sees the latest commit, whatever snapshot the transaction has.
  if (mysqlFamily(manager)) query.setLock('pessimistic_write');
  let last = Number((await query.getRawOne<{ last: string | number | null }>())?.last ?? 0);
  for (const chunk of inChunks(changes)) {
    await manager.insert(
      ApplicantChangeEntity,
      chunk.map((c) => ({
        id: String(++last),
        applicantId: c.applicantId,
        attribute: c.attribute,
        oldValue: c.oldValue,
        newValue: c.newValue,
        sourceSystem: c.source?.system ?? null,
        sourceRecordId: c.source?.recordId ?? null,
        observedAt: c.source?.observedAt ?? null,
        changedAt: at,
        fannedOutAt: null,
        leaseOwner: null,
        leaseUntil: null,
      })),
    );
  }
}
