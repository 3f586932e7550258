import { createHash, randomUUID } from 'node:crypto';
import {
  MatchIndex,
  matchRecords,
  PairDecision,
  type FellegiSunterParameters,
  type MatchRun,
  type MatchSpec,
} from '@oncegate/matching';
import { DataSource } from 'typeorm';
import { ApplicantRepository } from '../applicant.repository';
import { RegistryError, RegistryErrorCode } from '../registry.errors';
import type { Applicant, ApplicantKind, SourceRecord } from '../registry.types';
import {
  chooseGoldenValues,
  conflictsOf,
  type GoldenCatalogue,
  type GoldenSource,
} from './golden-record';
import { IndexedIngest, type PlannedMerge } from './indexed-ingest';
import {
  compactExplanation,
  emptyIngestReport,
  fieldsOf,
  kindOf,
  matcherRow,
  sameFields,
  validIdentifiers,
  type Fields,
} from './resolution-rows';
import {
  emptyIngestWrites,
  ResolutionRepository,
  type CandidateRow,
  type EventRow,
  type GoldenRow,
  type NewApplicantRow,
  type RecordRow,
} from './resolution.repository';
import {
  type ApplicantEvent,
  type AttributeConflict,
  type IncomingRecord,
  type IngestReport,
  type MatchCandidate,
  type MatchCandidateStatus,
} from './resolution.types';

/** One record during a full ingest: stored, new, or stored and changed. */
interface Item {
  id: string;
  system: string;
  localId: string;
  kind: ApplicantKind;
  fields: Fields;
  observedAt: Date;
  applicantId: string | null;
  applicantCreatedAt: Date | null;
  incoming: IncomingRecord | null;
  state: 'STORED' | 'NEW' | 'UPDATED';
}

export interface RegistryResolverOptions {
  /** The comparison spec for department records (`libs/matching/specs/department-records.json`). */
  spec: MatchSpec;
  /** 数源部门 per attribute (`contracts/golden-record.json`). */
  catalogue: GoldenCatalogue;
  /**
   * Resolve small batches record by record against an in-memory match index
   * (default), instead of matching everything the registry holds again.
   */
  indexedIngest?: boolean;
}

/** The registry's records as this process has indexed them, at a revision. */
interface LiveIndex {
  index: MatchIndex;
  revision: number;
}

/** Batches up to this size, or up to this share of the registry, are resolved record by record. */
const INDEXED_MIN_BATCH = 100;
const INDEXED_MAX_SHARE = 0.05;

/**
 * Entity resolution over the registry: attaches every department record to
 * exactly one applicant, links above the link threshold, queues the uncertain
 * for a person, keeps people's decisions, and maintains each applicant's
 * golden record and history. Applicant ids never change: a record already
 * attached stays with its applicant unless a person (or a certain link)
 * merges applicants, and merged ids keep resolving to their survivor.
 */
export class RegistryResolver {
  private readonly resolution: ResolutionRepository;
  private readonly applicants: ApplicantRepository;
  private readonly specHash: string;
  private live: LiveIndex | null = null;
  private ingesting: Promise<unknown> = Promise.resolve();

  constructor(
    dataSource: DataSource,
    private readonly options: RegistryResolverOptions,
  ) {
    this.resolution = new ResolutionRepository(dataSource);
    this.applicants = new ApplicantRepository(dataSource);
    this.specHash = createHash('sha256').update(JSON.stringify(options.spec)).digest('hex');
  }

  /**
   * Takes department records (a bulk load or a page of changes) and resolves
   * them together with every record the registry holds. Running it again on
   * the same records changes nothing.
   */
  ingest(incoming: readonly IncomingRecord[], actor = 'sync'): Promise<IngestReport> {
    // One ingest at a time per process: the match index follows the writes in order.
    const run = this.ingesting.then(() => this.ingestNow(incoming, actor));
    this.ingesting = run.catch(() => undefined);
    return run;
  }

  private async ingestNow(
    incoming: readonly IncomingRecord[],
    actor: string,
  ): Promise<IngestReport> {
    const state = await this.resolution.state();
    if (this.live?.revision !== state.revision) this.live = null;
    if (this.options.indexedIngest !== false && incoming.length > 0) {
      const parameters = this.storedParameters(state.parameters);
      if (!this.live && parameters) {
        const stored = await this.resolution.recordCount();
        if (this.indexedFits(incoming.length, stored))
          this.live = await this.loadIndex(state.revision, parameters);
      }
      if (this.live && this.indexedFits(incoming.length, this.live.index.size))
        return this.ingestIndexed(incoming, actor, this.live);
    }
    return this.ingestFull(incoming, actor, state.revision);
  }

  /** Whether a batch is small enough, against the registry, to resolve record by record. */
  private indexedFits(batch: number, stored: number): boolean {
    return stored > 0 && batch <= Math.max(INDEXED_MIN_BATCH, stored * INDEXED_MAX_SHARE);
  }

  /** The parameters the last full resolution learned, if they were learned with this spec. */
  private storedParameters(saved: unknown): FellegiSunterParameters | null {
    if (typeof saved !== 'object' || saved === null) return null;
    const { spec, fellegiSunter } = saved as { spec?: unknown; fellegiSunter?: unknown };
    return spec === this.specHash ? (fellegiSunter as FellegiSunterParameters) : null;
  }

  /** Builds this process's match index from the registry's records and saved parameters. */
  private async loadIndex(
    revision: number,
    parameters: FellegiSunterParameters,
  ): Promise<LiveIndex> {
    const rows = (await this.resolution.loadRecords()).map((r) =>
      matcherRow({ id: r.id, kind: r.kind, fields: fieldsOf(r.normalized) }),
    );
    return { index: MatchIndex.build(this.options.spec, parameters, rows), revision };
  }

  /** A small batch against the match index: record by record, nothing else re-matched. */
  private async ingestIndexed(
    incoming: readonly IncomingRecord[],
    actor: string,
    live: LiveIndex,
  ): Promise<IngestReport> {
    try {
      const plan = await new IndexedIngest(
        live.index,
        this.resolution,
        this.applicants,
        actor,
      ).plan(incoming);
      const revision = await this.resolution.applyIngest(plan.writes);
      // Another process wrote in between: this index misses its records.
      this.live = revision === live.revision + 1 ? { index: live.index, revision } : null;
      await this.mergeLinked(plan.merges, actor, plan.report);
      await this.refreshGolden([...plan.touched]);
      return plan.report;
    } catch (error) {
      this.live = null;
      throw error;
    }
  }

  /** Everything the registry holds matched again with the batch: bulk loads, and the first ingest of a process. */
  private async ingestFull(
    incoming: readonly IncomingRecord[],
    actor: string,
    revision: number,
  ): Promise<IngestReport> {
    this.live = null;
    const stored = await this.resolution.loadRecords();
    const items: Item[] = stored.map((r) => ({
      id: r.id,
      system: r.system,
      localId: r.localId,
      kind: r.kind,
      fields: fieldsOf(r.normalized),
      observedAt: r.observedAt,
      applicantId: r.applicantId,
      applicantCreatedAt: r.applicantCreatedAt,
      incoming: null,
      state: 'STORED',
    }));
    const byKey = new Map(items.map((item) => [`${item.system}\u0000${item.localId}`, item]));
    for (const record of incoming) {
      const key = `${record.system}\u0000${record.localId}`;
      const fields = fieldsOf({ ...record });
      const known = byKey.get(key);
      if (known) {
        if (known.state === 'STORED' && sameFields(known.fields, fields)) continue;
        known.fields = fields;
        known.observedAt = record.changedAt;
        known.incoming = record;
        if (known.state === 'STORED') known.state = 'UPDATED';
        continue;
      }
      const item: Item = {
        id: randomUUID(),
        system: record.system,
        localId: record.localId,
        kind: record.kind,
        fields,
        observedAt: record.changedAt,
        applicantId: null,
        applicantCreatedAt: null,
        incoming: record,
        state: 'NEW',
      };
      items.push(item);
      byKey.set(key, item);
    }

    const index = new Map(items.map((item, i) => [item.id, i]));
    const firstOf = new Map<string, number>();
    const together: [number, number][] = [];
    items.forEach((item, i) => {
      if (item.applicantId === null) return;
      const first = firstOf.get(item.applicantId);
      if (first === undefined) firstOf.set(item.applicantId, i);
      else together.push([first, i]);
    });
    const apart: [number, number][] = [];
    for (const [a, b] of await this.resolution.keptApart()) {
      const ia = index.get(a);
      const ib = index.get(b);
      if (ia !== undefined && ib !== undefined) apart.push([ia, ib]);
    }
    const run = matchRecords(this.options.spec, [items.map(matcherRow)], {
      decisions: { together, apart },
    });

    // The strongest LINK pair touching each record: the reason it joined.
    const bestLink = new Int32Array(items.length).fill(-1);
    for (let p = 0; p < run.pairs.count; p++) {
      if (run.pairs.decision[p] !== PairDecision.LINK) continue;
      for (const r of [run.pairs.left[p], run.pairs.right[p]]) {
        if (bestLink[r] < 0 || run.pairs.weight[p] > run.pairs.weight[bestLink[r]]) bestLink[r] = p;
      }
    }

    const clusters = new Map<number, number[]>();
    items.forEach((_, i) => {
      const c = run.clusterOf[i];
      (clusters.get(c) ?? clusters.set(c, []).get(c)!).push(i);
    });

    const held = await this.resolution.activeIdentifiers();
    const writes = emptyIngestWrites();
    const merges: PlannedMerge[] = [];
    let between: Map<string, number> | undefined;
    const golden = new Map<string, Item[]>();
    const report = emptyIngestReport('FULL', items.length);
    const now = new Date();

    for (const members of clusters.values()) {
      const group = members.map((i) => items[i]);
      const existing = [
        ...new Map(
          group
            .filter((item) => item.applicantId !== null)
            .map((item) => [item.applicantId!, item.applicantCreatedAt!.getTime()]),
        ),
      ].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
      const changed = group.filter((item) => item.state !== 'STORED');
      if (changed.length === 0 && existing.length <= 1) continue;

      let applicantId: string;
      const identifiers = validIdentifiers(group);
      if (existing.length === 0) {
        applicantId = randomUUID();
        const applicant: NewApplicantRow = {
          id: applicantId,
          kind: kindOf(group),
          name: group[0].fields.name ?? '',
          createdAt: now,
          identifiers: [],
        };
        for (const [key, id] of identifiers) {
          if (held.has(key)) {
            report.identifiersHeldElsewhere++;
            continue;
          }
          held.set(key, applicantId);
          applicant.identifiers.push(id);
        }
        writes.applicants.push(applicant);
        writes.events.push({
          applicantId,
          type: 'CREATED',
          actor,
          payload: {
            records: group.map((item) => `${item.system}:${item.localId}`),
            ...(group.length > 1 && bestLink[members[1]] >= 0
              ? { link: compactExplanation(run.explain(bestLink[members[1]])) }
              : {}),
          },
        });
        report.applicantsCreated++;
      } else {
        applicantId = existing[0][0];
        for (const [other] of existing.slice(1)) {
          between ??= this.bestPairsBetweenApplicants(run, items);
          const p =
            between.get(
              applicantId < other ? `${applicantId}|${other}` : `${other}|${applicantId}`,
            ) ?? -1;
          merges.push({
            survivor: applicantId,
            merged: other,
            explanation: p >= 0 ? compactExplanation(run.explain(p)) : {},
          });
        }
        for (const [key, id] of identifiers) {
          const holder = held.get(key);
          if (holder === undefined) {
            held.set(key, applicantId);
            writes.identifiers.push({ applicantId, ...id });
          } else if (holder !== applicantId && !existing.some(([e]) => e === holder)) {
            report.identifiersHeldElsewhere++;
          }
        }
      }
      for (const i of members) {
        const item = items[i];
        const row: RecordRow = {
          id: item.id,
          applicantId,
          system: item.system,
          localId: item.localId,
          raw: item.incoming?.raw ?? null,
          normalized: { kind: item.kind, ...item.fields, changedAt: item.observedAt.toISOString() },
          observedAt: item.observedAt,
        };
        if (item.state === 'NEW') {
          writes.newRecords.push(row);
          report.newRecords++;
          if (existing.length > 0) {
            report.recordsLinked++;
            writes.events.push({
              applicantId,
              type: 'RECORD_LINKED',
              actor,
              payload: {
                record: `${item.system}:${item.localId}`,
                ...(bestLink[i] >= 0 ? { link: compactExplanation(run.explain(bestLink[i])) } : {}),
              },
            });
          }
        } else if (item.state === 'UPDATED') {
          writes.updatedRecords.push(row);
          report.updatedRecords++;
        }
      }
      golden.set(applicantId, group);
    }

    const queued = await this.resolution.candidateKeys();
    for (let p = 0; p < run.pairs.count; p++) {
      if (run.pairs.decision[p] !== PairDecision.REVIEW) continue;
      const a = run.pairs.left[p];
      const b = run.pairs.right[p];
      if (run.clusterOf[a] === run.clusterOf[b]) continue;
      const [x, y] =
        items[a].id < items[b].id ? [items[a].id, items[b].id] : [items[b].id, items[a].id];
      if (queued.has(`${x}|${y}`)) continue;
      queued.add(`${x}|${y}`);
      const candidate: CandidateRow = {
        recordAId: x,
        recordBId: y,
        probability: run.pairs.probability[p],
        weight: run.pairs.weight[p],
        explanation: compactExplanation(run.explain(p)),
      };
      writes.candidates.push(candidate);
      report.reviewsQueued++;
    }

    const raised = await this.resolution.applyIngest(writes, {
      spec: this.specHash,
      fellegiSunter: run.parameters,
    });
    await this.mergeLinked(merges, actor, report);
    await this.resolution.replaceGolden(
      new Map([...golden].map(([id, group]) => [id, this.goldenRows(group)])),
    );
    // The run's prepared records become the index small batches are matched against.
    if (this.options.indexedIngest !== false && raised === revision + 1)
      this.live = { index: MatchIndex.fromRun(this.options.spec, run), revision: raised };
    return report;
  }

  /** The merges certain links call for, after the ingest's writes. */
  private async mergeLinked(
    merges: readonly PlannedMerge[],
    actor: string,
    report: IngestReport,
  ): Promise<void> {
    for (const merge of merges) {
      await this.merge(
        merge.survivor,
        merge.merged,
        actor,
        'automatic: a certain link',
        merge.explanation,
      );
      report.automaticMerges++;
    }
  }

  /**
   * For every two stored applicants some pair links, that strongest pair:
   * one pass over the pairs, made only when an ingest merges applicants.
   */
  private bestPairsBetweenApplicants(run: MatchRun, items: readonly Item[]): Map<string, number> {
    const best = new Map<string, number>();
    for (let p = 0; p < run.pairs.count; p++) {
      const x = items[run.pairs.left[p]].applicantId;
      const y = items[run.pairs.right[p]].applicantId;
      if (x === null || y === null || x === y) continue;
      const key = x < y ? `${x}|${y}` : `${y}|${x}`;
      const seen = best.get(key);
      if (seen === undefined || run.pairs.weight[p] > run.pairs.weight[seen]) best.set(key, p);
    }
    return best;
  }

  private goldenRows(group: readonly Item[]): GoldenRow[] {
    return chooseGoldenValues(kindOf(group), group.map(toGoldenSource), this.options.catalogue);
  }

  private async merge(
    survivorId: string,
    mergedId: string,
    actor: string,
    reason: string,
    payload: Record<string, unknown> = {},
  ): Promise<void> {
    // Which records the merged applicant brought: a split of exactly these undoes the merge.
    const [brought] = await this.applicants.sourceRecordsFor([mergedId]);
    payload = { ...payload, recordIds: brought.map((r) => r.id) };
    await this.applicants.merge(survivorId, mergedId);
    await this.resolution.appendEvents([
      {
        applicantId: survivorId,
        type: 'MERGED',
        relatedApplicantId: mergedId,
        actor,
        reason,
        payload,
      },
      {
        applicantId: mergedId,
        type: 'MERGED_INTO',
        relatedApplicantId: survivorId,
        actor,
        reason,
        payload,
      },
    ]);
  }

  /** Recomputes the golden record of applicants from their source records. */
  private async refreshGolden(applicantIds: readonly string[]): Promise<void> {
    const records = await this.applicants.sourceRecordsFor(applicantIds);
    const applicants = await this.applicants.findByIds(applicantIds);
    const rows = new Map<string, GoldenRow[]>();
    applicantIds.forEach((id, k) => {
      const kind = applicants[k]?.kind ?? 'PERSON';
      rows.set(id, chooseGoldenValues(kind, records[k].map(storedSource), this.options.catalogue));
    });
    await this.resolution.replaceGolden(rows);
  }

  /** `mergeApplicants`: a person says two applicants are one. */
  async mergeApplicants(
    survivorId: string,
    mergedId: string,
    reason: string,
    actor: string,
  ): Promise<Applicant> {
    requireReason(reason);
    await this.merge(survivorId, mergedId, actor, reason);
    await this.refreshGolden([survivorId]);
    return (await this.applicants.findById(survivorId))!;
  }

  /**
   * `splitApplicant`: a person says some of an applicant's records are
   * someone else. They move to a new applicant with the identifiers only they
   * carry, and the two groups are kept apart from then on.
   */
  async splitApplicant(
    applicantId: string,
    sourceRecordIds: readonly string[],
    reason: string,
    actor: string,
  ): Promise<Applicant> {
    requireReason(reason);
    const applicant = await this.applicants.findById(applicantId);
    if (!applicant || applicant.status !== 'ACTIVE')
      throw new RegistryError(
        RegistryErrorCode.APPLICANT_NOT_FOUND,
        'No active applicant has this id',
        {
          applicantId,
        },
      );
    const [records] = await this.applicants.sourceRecordsFor([applicantId]);
    const moving = new Set(sourceRecordIds);
    const moved = records.filter((r) => moving.has(r.id));
    const staying = records.filter((r) => !moving.has(r.id));
    if (moved.length !== moving.size || moved.length === 0 || staying.length === 0) {
      throw new RegistryError(
        RegistryErrorCode.INVALID_SPLIT,
        'A split moves some, not all, of the applicant’s own source records',
        { applicantId, records: moving.size, held: records.length },
      );
    }
    const stayingIds = validIdentifiers(staying.map(storedSource));
    const movingIds = [...validIdentifiers(moved.map(storedSource))]
      .filter(([key]) => !stayingIds.has(key))
      .map(([, id]) => ({ scheme: id.scheme, value: id.value }));
    // A split that takes back exactly what a merge brought undoes that merge:
    // the merged applicant comes back under its own id.
    const revived = await this.mergedWithExactly(applicantId, moving);
    const created: NewApplicantRow = {
      id: revived ?? randomUUID(),
      kind: applicant.kind,
      name: fieldsOf(moved[0].normalized).name ?? applicant.name,
      createdAt: new Date(),
      identifiers: [],
    };
    if (revived) await this.resolution.reviveMerged(revived, applicantId, [...moving], movingIds);
    else await this.resolution.moveToNewApplicant(applicantId, created, [...moving], movingIds);
    await this.resolution.keepApart(
      moved.flatMap((m) => staying.map((s) => [m.id, s.id] as const)),
      actor,
      reason,
    );
    const payload = {
      records: moved.map((r) => `${r.system}:${r.localId}`),
      ...(revived ? { undoesMerge: true } : {}),
    };
    await this.resolution.appendEvents([
      { applicantId, type: 'SPLIT', relatedApplicantId: created.id, actor, reason, payload },
      {
        applicantId: created.id,
        type: 'SPLIT_FROM',
        relatedApplicantId: applicantId,
        actor,
        reason,
        payload,
      },
    ] satisfies EventRow[]);
    await this.refreshGolden([applicantId, created.id]);
    return (await this.applicants.findById(created.id))!;
  }

  /** The applicant merged into `survivorId` that brought exactly `records`, if any (still merged there). */
  private async mergedWithExactly(
    survivorId: string,
    records: ReadonlySet<string>,
  ): Promise<string | null> {
    const [history] = await this.resolution.events([survivorId]);
    for (const event of [...history].reverse()) {
      if (event.type !== 'MERGED' || !event.relatedApplicantId) continue;
      const brought = event.payload.recordIds;
      if (!Array.isArray(brought) || brought.length !== records.size) continue;
      if (!brought.every((id) => typeof id === 'string' && records.has(id))) continue;
      const merged = await this.applicants.findById(event.relatedApplicantId);
      if (merged?.status === 'MERGED' && merged.mergedIntoId === survivorId) return merged.id;
    }
    return null;
  }

  /** `resolveMatch`: a person decides a queued pair — one applicant, or two kept apart. */
  async resolveMatch(
    candidateId: string,
    decision: 'LINK' | 'KEEP_APART',
    reason: string,
    actor: string,
  ): Promise<MatchCandidate> {
    requireReason(reason);
    const candidate = await this.resolution.candidate(candidateId);
    if (!candidate)
      throw new RegistryError(
        RegistryErrorCode.CANDIDATE_NOT_FOUND,
        'No match candidate has this id',
        {
          candidateId,
        },
      );
    if (candidate.status !== 'PENDING')
      throw new RegistryError(
        RegistryErrorCode.CANDIDATE_ALREADY_DECIDED,
        'The candidate is already decided',
        {
          candidateId,
          status: candidate.status,
        },
      );
    const status = decision === 'LINK' ? 'LINKED' : 'KEPT_APART';
    if (!(await this.resolution.decide(candidateId, status, actor, reason)))
      throw new RegistryError(
        RegistryErrorCode.CANDIDATE_ALREADY_DECIDED,
        'The candidate is already decided',
        {
          candidateId,
        },
      );
    const [a, b] = await this.recordApplicants([candidate.recordAId, candidate.recordBId]);
    if (decision === 'LINK' && a && b && a.id !== b.id) {
      const [survivor, merged] = a.createdAt <= b.createdAt ? [a, b] : [b, a];
      await this.merge(survivor.id, merged.id, actor, reason, { candidateId });
      await this.refreshGolden([survivor.id]);
    }
    const events: EventRow[] = [...new Set([a?.id, b?.id].filter((x): x is string => !!x))].map(
      (id) => ({
        applicantId: id,
        type: 'REVIEW_DECIDED',
        actor,
        reason,
        payload: { candidateId, decision },
      }),
    );
    await this.resolution.appendEvents(events);
    return (await this.resolution.candidate(candidateId))!;
  }

  /** The applicant each record sits on now (records move with merges and splits). */
  private async recordApplicants(recordIds: readonly string[]): Promise<(Applicant | null)[]> {
    const records = await this.applicants.sourceRecordsByIds(recordIds);
    return Promise.all(
      records.map((r) =>
        r ? this.applicants.resolveSurvivor(r.applicantId) : Promise.resolve(null),
      ),
    );
  }

  /**
   * Runs a sync unless one is already running against this database (several
   * gateway replicas, or a replica and the CLI): null when one is.
   */
  runExclusive<T>(work: () => Promise<T>): Promise<T | null> {
    return this.resolution.exclusive('oncegate.sync', work);
  }

  /** Where a department's change feed was last read to (null: never, start from the beginning). */
  syncCursor(system: string): Promise<{ changedAt: Date; localId: string } | null> {
    return this.resolution.cursor(system);
  }

  saveSyncCursor(system: string, cursor: { changedAt: Date; localId: string }): Promise<void> {
    return this.resolution.saveCursor(system, cursor);
  }

  candidates(status: MatchCandidateStatus | null, limit: number): Promise<MatchCandidate[]> {
    return this.resolution.candidates(status, Math.min(Math.max(limit, 0), 500));
  }

  history(applicantIds: readonly string[]): Promise<ApplicantEvent[][]> {
    return this.resolution.events(applicantIds);
  }

  /** Attributes whose departments disagree, per applicant (in input order). */
  async conflicts(applicantIds: readonly string[]): Promise<AttributeConflict[][]> {
    const [records, attributes, applicants] = await Promise.all([
      this.applicants.sourceRecordsFor(applicantIds),
      this.applicants.attributesFor(applicantIds),
      this.applicants.findByIds(applicantIds),
    ]);
    return applicantIds.map((_, k) =>
      conflictsOf(applicants[k]?.kind ?? 'PERSON', records[k].map(storedSource), attributes[k]),
    );
  }
}

/** A stored source record as survivorship and conflicts read it. */
function storedSource(r: SourceRecord): GoldenSource {
  return { id: r.id, system: r.system, observedAt: r.observedAt, fields: fieldsOf(r.normalized) };
}

function toGoldenSource(item: Item): GoldenSource {
  return { id: item.id, system: item.system, observedAt: item.observedAt, fields: item.fields };
}

function requireReason(reason: string): void {
  if (typeof reason !== 'string' || reason.trim().length < 2)
    throw new RegistryError(RegistryErrorCode.REASON_REQUIRED, 'Say why: a reason is required', {});
}
