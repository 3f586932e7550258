import { randomUUID } from 'node:crypto';
import type { IndexMatch, MatchIndex } from '@oncegate/matching';
import type { ApplicantRepository } from '../applicant.repository';
import type { ApplicantKind } from '../registry.types';
import {
  compactExplanation,
  emptyIngestReport,
  fieldsOf,
  kindOf,
  matcherRow,
  pairKey,
  sameFields,
  validIdentifiers,
  type Fields,
} from './resolution-rows';
import {
  emptyIngestWrites,
  type IngestWrites,
  type NewApplicantRow,
  type RecordRow,
  type ResolutionRepository,
  type StoredRecord,
} from './resolution.repository';
import type { IncomingRecord, IngestReport } from './resolution.types';

/** How many of the strongest indexed records one incoming record is scored against. */
const MATCHES_PER_RECORD = 20;

/** A merge the ingest asks for: `merged` into `survivor`, after its writes. */
export interface PlannedMerge {
  survivor: string;
  merged: string;
  explanation: Record<string, unknown>;
}

export interface IndexedIngestPlan {
  writes: IngestWrites;
  merges: PlannedMerge[];
  /** Applicants whose golden record must be chosen again once everything is written. */
  touched: Set<string>;
  report: IngestReport;
}

/** A record this ingest writes. */
interface Placed {
  id: string;
  kind: ApplicantKind;
  fields: Fields;
  applicant: string;
  state: 'NEW' | 'UPDATED';
  incoming: IncomingRecord;
}

/** An applicant this ingest creates. */
interface Fresh {
  kind: ApplicantKind;
  name: string;
  first: string;
  link?: Record<string, unknown>;
}

/**
 * Resolves a few department records against the registry's match index,
 * record by record, instead of matching everything the registry holds again:
 * each record's blocking keys find the records it may be, the learned
 * parameters score them, and the record joins the applicant of its strongest
 * link that no cannot-link rule or person's "keep apart" refuses. Further
 * links merge applicants as a full resolution would; uncertain pairs are
 * queued for review. Records are added to the index as they are placed, so
 * the next record in the batch finds them.
 *
 * Produces the writes; the resolver applies them (one transaction), then the
 * merges and golden records.
 */
export class IndexedIngest {
  private readonly placed = new Map<string, Placed>();
  private readonly byKey = new Map<string, Placed>();
  private readonly fresh = new Map<string, Fresh>();
  /** Merged applicant → its survivor, for merges this ingest plans. */
  private readonly alias = new Map<string, string>();
  /** Record ids per applicant: what the registry holds plus what this ingest placed. */
  private readonly members = new Map<string, string[]>();
  /** Applicant of each record looked up in the registry, and applicants' creation times. */
  private readonly applicantOfRecord = new Map<string, string>();
  private readonly createdAt = new Map<string, number>();
  private readonly writes = emptyIngestWrites();
  private readonly merges: PlannedMerge[] = [];
  private readonly linkedTo = new Map<string, Record<string, unknown>>();
  private readonly reviews = new Map<
    string,
    { a: string; b: string; match: IndexMatch; explanation: Record<string, unknown> }
  >();
  private readonly report: IngestReport;

  constructor(
    private readonly index: MatchIndex,
    private readonly resolution: ResolutionRepository,
    private readonly applicants: ApplicantRepository,
    private readonly actor: string,
  ) {
    this.report = emptyIngestReport('INDEXED', 0);
  }

  async plan(incoming: readonly IncomingRecord[]): Promise<IndexedIngestPlan> {
    const stored = new Map<string, StoredRecord>();
    for (const record of await this.resolution.recordsByKeys(incoming))
      stored.set(keyOf(record), record);
    for (const record of incoming) await this.place(record, stored.get(keyOf(record)));
    await this.write();
    this.report.records = this.index.size;
    const touched = new Set([...this.placed.values()].map((p) => this.resolve(p.applicant)));
    for (const merge of this.merges) touched.add(merge.survivor);
    return { writes: this.writes, merges: this.merges, touched, report: this.report };
  }

  private async place(record: IncomingRecord, stored: StoredRecord | undefined): Promise<void> {
    const fields = fieldsOf({ ...record });
    const earlier = this.byKey.get(keyOf(record));
    if (earlier) {
      // The same record twice in one batch: the later version wins.
      if (sameFields(earlier.fields, fields)) return;
      earlier.fields = fields;
      earlier.incoming = record;
      this.index.add(matcherRow(earlier));
      return;
    }
    if (stored && sameFields(fieldsOf(stored.normalized), fields)) return;
    const id = stored?.id ?? randomUUID();
    const row = matcherRow({ id, kind: record.kind, fields });
    const matches = this.index
      .query(row, MATCHES_PER_RECORD)
      .filter((m) => m.id !== id)
      .map((match) => ({
        match,
        explanation: compactExplanation(this.index.explain(match.index)),
      }));
    const position = this.index.add(row);
    const own = stored ? stored.applicantId : null;
    if (stored) {
      this.applicantOfRecord.set(id, stored.applicantId);
      this.createdAt.set(stored.applicantId, stored.applicantCreatedAt.getTime());
    }
    await this.learnApplicants(matches.map((m) => m.match.id));

    let target = own === null ? null : this.resolve(own);
    let link: Record<string, unknown> | undefined;
    for (const { match, explanation } of matches) {
      if (match.decision !== 'LINK') continue;
      const other = this.resolve(this.applicantOf(match.id)!);
      if (other === target) continue;
      if (target === null) {
        if (await this.compatible([id], await this.membersOf(other), [position])) {
          target = other;
          link = explanation;
        }
        continue;
      }
      if (await this.compatible(await this.membersOf(target), await this.membersOf(other))) {
        target = this.mergeApplicants(target, other, explanation);
      }
    }
    if (target === null) {
      target = randomUUID();
      this.fresh.set(target, { kind: record.kind, name: fields.name ?? '', first: id });
      this.createdAt.set(target, Date.now() + this.fresh.size);
      this.members.set(target, []);
    } else if (this.fresh.has(target)) {
      this.fresh.get(target)!.link ??= link;
    } else if (!stored && link) {
      this.linkedTo.set(id, link);
    }
    const placed: Placed = {
      id,
      kind: record.kind,
      fields,
      applicant: target,
      state: stored ? 'UPDATED' : 'NEW',
      incoming: record,
    };
    this.placed.set(id, placed);
    this.byKey.set(keyOf(record), placed);
    this.applicantOfRecord.set(id, target);
    if (!stored) (await this.membersOf(target)).push(id);

    for (const { match, explanation } of matches) {
      if (match.decision !== 'REVIEW') continue;
      if (this.resolve(this.applicantOf(match.id)!) === target) continue;
      const key = pairKey(id, match.id);
      if (!this.reviews.has(key)) this.reviews.set(key, { a: id, b: match.id, match, explanation });
    }
  }

  /** Plans `b` and `a` as one applicant: the older survives (registry applicants are older than new ones). */
  private mergeApplicants(a: string, b: string, explanation: Record<string, unknown>): string {
    const [survivor, merged] =
      this.createdAt.get(a)! < this.createdAt.get(b)! ||
      (this.createdAt.get(a) === this.createdAt.get(b) && a < b)
        ? [a, b]
        : [b, a];
    this.alias.set(merged, survivor);
    this.members.get(survivor)!.push(...this.members.get(merged)!);
    this.members.delete(merged);
    if (this.fresh.has(merged)) {
      const gone = this.fresh.get(merged)!;
      this.fresh.delete(merged);
      if (this.fresh.has(survivor)) this.fresh.get(survivor)!.link ??= gone.link ?? explanation;
    } else this.merges.push({ survivor, merged, explanation });
    return survivor;
  }

  /**
   * Whether two groups of records may be one applicant: no cannot-link rule
   * between any two of them, and no pair a person kept apart.
   */
  private async compatible(
    a: readonly string[],
    b: readonly string[],
    aPositions?: readonly number[],
  ): Promise<boolean> {
    const left = aPositions ?? a.map((id) => this.index.positionOf(id));
    const right = b.map((id) => this.index.positionOf(id));
    for (const i of left) {
      if (i === undefined) continue;
      for (const j of right)
        if (j !== undefined && this.index.conflict(i, j) !== null) return false;
    }
    const apart = await this.resolution.keptApartTouching(a.length <= b.length ? a : b);
    if (apart.size === 0) return true;
    for (const x of a) for (const y of b) if (apart.has(pairKey(x, y))) return false;
    return true;
  }

  /** Looks up, once, the applicants of records this ingest has not seen yet. */
  private async learnApplicants(recordIds: readonly string[]): Promise<void> {
    const unknown = recordIds.filter((id) => !this.applicantOfRecord.has(id));
    if (unknown.length === 0) return;
    const records = await this.applicants.sourceRecordsByIds(unknown);
    const applicantIds = [...new Set(records.flatMap((r) => (r ? [r.applicantId] : [])))].filter(
      (id) => !this.createdAt.has(id),
    );
    const applicants = await this.applicants.findByIds(applicantIds);
    applicants.forEach((a, k) => {
      if (a) this.createdAt.set(applicantIds[k], a.createdAt.getTime());
    });
    unknown.forEach((id, k) => {
      const r = records[k];
      if (r) this.applicantOfRecord.set(id, r.applicantId);
    });
  }

  private applicantOf(recordId: string): string | undefined {
    return this.applicantOfRecord.get(recordId);
  }

  private resolve(applicantId: string): string {
    let id = applicantId;
    while (this.alias.has(id)) id = this.alias.get(id)!;
    return id;
  }

  private async membersOf(applicantId: string): Promise<string[]> {
    let members = this.members.get(applicantId);
    if (!members) {
      const [records] = await this.applicants.sourceRecordsFor([applicantId]);
      members = records.map((r) => r.id);
      this.members.set(applicantId, members);
    }
    return members;
  }

  /** Turns what was placed into the ingest's writes. */
  private async write(): Promise<void> {
    const placed = [...this.placed.values()];
    const groups = new Map<string, Placed[]>();
    for (const p of placed) {
      p.applicant = this.resolve(p.applicant);
      (groups.get(p.applicant) ?? groups.set(p.applicant, []).get(p.applicant)!).push(p);
    }
    const identifierKeys = [...validIdentifiers(placed).keys()];
    const held = await this.resolution.identifierHolders(identifierKeys);
    const now = new Date();
    for (const [applicantId, group] of groups) {
      const fresh = this.fresh.get(applicantId);
      const absorbed = new Set(
        this.merges.filter((m) => m.survivor === applicantId).map((m) => m.merged),
      );
      const identifiers = [];
      for (const [key, id] of validIdentifiers(group)) {
        const holder = held.get(key);
        if (holder === undefined) {
          held.set(key, applicantId);
          identifiers.push(id);
        } else if (holder !== applicantId && !absorbed.has(holder)) {
          this.report.identifiersHeldElsewhere++;
        }
      }
      if (fresh) {
        const row: NewApplicantRow = {
          id: applicantId,
          kind: kindOf(group),
          name: fresh.name,
          createdAt: now,
          identifiers,
        };
        this.writes.applicants.push(row);
        this.writes.events.push({
          applicantId,
          type: 'CREATED',
          actor: this.actor,
          payload: {
            records: group.map((p) => `${p.incoming.system}:${p.incoming.localId}`),
            ...(fresh.link ? { link: fresh.link } : {}),
          },
        });
        this.report.applicantsCreated++;
      } else {
        this.writes.identifiers.push(...identifiers.map((id) => ({ applicantId, ...id })));
      }
      for (const p of group) {
        const row: RecordRow = {
          id: p.id,
          applicantId,
          system: p.incoming.system,
          localId: p.incoming.localId,
          raw: p.incoming.raw ?? null,
          normalized: { kind: p.kind, ...p.fields, changedAt: p.incoming.changedAt.toISOString() },
          observedAt: p.incoming.changedAt,
        };
        if (p.state === 'UPDATED') {
          this.writes.updatedRecords.push(row);
          this.report.updatedRecords++;
          continue;
        }
        this.writes.newRecords.push(row);
        this.report.newRecords++;
        if (fresh) continue;
        this.report.recordsLinked++;
        const link = this.linkedTo.get(p.id);
        this.writes.events.push({
          applicantId,
          type: 'RECORD_LINKED',
          actor: this.actor,
          payload: {
            record: `${p.incoming.system}:${p.incoming.localId}`,
            ...(link ? { link } : {}),
          },
        });
      }
    }

    const reviews = [...this.reviews.values()].filter(
      (r) => this.resolve(this.applicantOf(r.a)!) !== this.resolve(this.applicantOf(r.b)!),
    );
    const queued = await this.resolution.candidateKeysTouching(reviews.map((r) => r.a));
    for (const r of reviews) {
      const [x, y] = r.a < r.b ? [r.a, r.b] : [r.b, r.a];
      if (queued.has(`${x}|${y}`)) continue;
      queued.add(`${x}|${y}`);
      this.writes.candidates.push({
        recordAId: x,
        recordBId: y,
        probability: r.match.probability,
        weight: r.match.weight,
        explanation: r.explanation,
      });
      this.report.reviewsQueued++;
    }
  }
}

function keyOf(record: { system: string; localId: string }): string {
  return `${record.system}\u0000${record.localId}`;
}
