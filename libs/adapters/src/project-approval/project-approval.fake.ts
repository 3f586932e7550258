import {
  isAfterCursor,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { FakeSubmissions } from '../shared/fake-submissions';
import { toXmsbRequest } from './project-approval.mapper';
import { ProjectApprovalPort, changesPageSize } from './project-approval.port';
import type { Project } from './project-approval.types';

/**
 * In-memory stand-in for the platform, for other units' tests: answers from
 * the projects and feed records it was given, records every call it was
 * asked, and can be told to fail the way the real adapter fails (with a
 * `SourceError`). The projects (`projectsByUscc`) and the feed (`changes`)
 * are separate: a test gives each what it needs. Submissions are checked as
 * the real adapter checks them (a RangeError for one it could not send),
 * recorded, and deduplicated by idempotency key (`submissions`).
 */
export class ProjectApprovalFake extends ProjectApprovalPort {
  /** Every `projectsByUscc` call's keys, in order: a test can prove batching (one call, N keys). */
  readonly calls: string[][] = [];
  /** Every `changes` call, in order. */
  readonly changeCalls: Array<{ after: ChangeCursor | null; limit: number }> = [];
  private readonly byUscc = new Map<string, Project[]>();
  private readonly feed = new Map<string, DepartmentApplicantRecord>();
  /** Every submission delivered (`calls`), the cases opened and their receipts (`cases()`), `counts()`. */
  readonly submissions = new FakeSubmissions('project-approval', 'XMSB-FAKE-');
  private failure: Error | null = null;

  constructor(
    projects: readonly Project[] = [],
    records: readonly DepartmentApplicantRecord[] = [],
  ) {
    super();
    for (const project of projects) this.add(project);
    for (const record of records) this.putRecord(record);
  }

  /**
   * Puts a record in the change feed, replacing the one with the same
   * `localId`: what the platform does when it changes a project (give the new
   * version a later `changedAt` to have it reappear after older cursors).
   */
  putRecord(record: DepartmentApplicantRecord): this {
    this.feed.set(record.localId, copyRecord(record));
    return this;
  }

  /** Files a project under its `applicantUscc` (projects without one are never found, as on the platform). */
  add(project: Project): this {
    if (project.applicantUscc === null) return this;
    const list = this.byUscc.get(project.applicantUscc);
    if (list) list.push(project);
    else this.byUscc.set(project.applicantUscc, [project]);
    return this;
  }

  /** Every later call rejects with `error` (e.g. `SourceError.unavailable('project-approval', 'down')`); null to recover. */
  failWith(error: Error | null): this {
    this.failure = error;
    return this;
  }

  projectsByUscc(usccs: readonly string[]): Promise<ReadonlyMap<string, Project[]>> {
    this.calls.push([...usccs]);
    if (this.failure) return Promise.reject(this.failure);
    const found = new Map<string, Project[]>();
    for (const key of usccs) {
      const projects = this.byUscc.get(key);
      if (projects) found.set(key, projects.map(copyProject));
    }
    return Promise.resolve(found);
  }

  /** The feed's records after the cursor, as the real adapter pages them (copies). */
  changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    this.changeCalls.push({ after: after && copyCursor(after), limit });
    if (this.failure) return Promise.reject(this.failure);
    try {
      return Promise.resolve(this.page(after, changesPageSize(limit)));
    } catch (error) {
      // A bad limit: a rejection, as from the real adapter.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** A receipt as the platform gives it: the first for a key, the same again (`duplicate`) for a repeat. */
  submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    return this.submissions.submit(submission, toXmsbRequest, this.failure);
  }

  private page(after: ChangeCursor | null, size: number): DepartmentRecordPage {
    const pending = [...this.feed.values()]
      .filter((record) => isAfterCursor(record, after))
      .sort(byCursor);
    const records = pending.slice(0, size).map(copyRecord);
    const last = records[records.length - 1];
    return {
      records,
      next: last ? { changedAt: new Date(last.changedAt), localId: last.localId } : after,
      hasMore: pending.length > records.length,
    };
  }
}

function byCursor(a: DepartmentApplicantRecord, b: DepartmentApplicantRecord): number {
  const t = a.changedAt.getTime() - b.changedAt.getTime();
  if (t !== 0) return t;
  return a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0;
}

function copyCursor(cursor: ChangeCursor): ChangeCursor {
  return { changedAt: new Date(cursor.changedAt), localId: cursor.localId };
}

function copyRecord(record: DepartmentApplicantRecord): DepartmentApplicantRecord {
  return {
    ...record,
    changedAt: new Date(record.changedAt),
    raw: structuredClone(record.raw),
  };
}

function copyProject(project: Project): Project {
  return {
    ...project,
    updatedAt: new Date(project.updatedAt.getTime()),
    stages: project.stages.map((s) => ({
      ...s,
      completedAt: s.completedAt ? new Date(s.completedAt.getTime()) : null,
    })),
  };
}

/**
 * A plausible project for tests (a filed enterprise project, approved), with
 * any field overridden.
 */
export function exampleProject(overrides: Partial<Project> = {}): Project {
  return {
    projectCode: '2411-330522-04-03-582013',
    name: '年产20万套定制家具项目',
    applicantUscc: '91330522MA2B7K3C0J',
    applicantName: '长兴县恒达家居有限公司',
    legalRepresentative: '王建国',
    route: 'FILING',
    location: '长兴县雉城街道',
    locationDivisionCode: '330522',
    totalInvestmentWanYuan: 12000,
    scale: '总用地面积约40亩，新建厂房及配套用房建筑面积2.6万平方米',
    constructionNature: 'NEW',
    declaredOn: '2024-11-12',
    status: 'APPROVED',
    contactPhone: '13957212345',
    updatedAt: new Date('2024-11-13T02:21:05Z'),
    stages: [
      {
        name: '项目赋码',
        department: '长兴县发展和改革局',
        status: 'COMPLETED',
        completedAt: new Date('2024-11-12T01:35:12Z'),
        documentNo: null,
      },
      {
        name: '项目备案',
        department: '长兴县发展和改革局',
        status: 'COMPLETED',
        completedAt: new Date('2024-11-13T02:21:05Z'),
        documentNo: null,
      },
    ],
    ...overrides,
  };
}

/**
 * A complete, valid INVESTMENT_PROJECT_APPROVAL submission (a 备案 of a new
 * enterprise project in 长兴县), with any field overridden; `items` are merged
 * into the fixture's (an empty value drops the item, as an absent one).
 */
export function projectApprovalSubmissionFixture(
  overrides: Partial<DepartmentSubmission> = {},
): DepartmentSubmission {
  return {
    idempotencyKey: '7d0f3c52-5a8e-4f61-9b0c-2e4a6f1d8b37',
    applicationId: '0c9a6d1e-2f3b-4c5d-8e7f-9a0b1c2d3e4f',
    applicationNo: 'OG-20261125-000123',
    procedure: 'INVESTMENT_PROJECT_APPROVAL',
    submittedAt: new Date('2026-11-25T01:30:00Z'),
    ...overrides,
    items: {
      'applicant.name': '长兴县恒达家居有限公司',
      'applicant.uscc': '91330522MA2B7K3C0J',
      'applicant.legalRepName': '王建国',
      'applicant.address': '长兴县雉城街道经一路18号',
      'applicant.phone': '0572-6012345',
      'contact.name': '李晓燕',
      'contact.phone': '13957212345',
      'project.name': '年产20万套定制家具项目',
      'project.category': 'FILING',
      'project.constructionNature': 'NEW',
      'project.divisionCode': '330522',
      'project.address': '长兴县雉城街道',
      'project.totalInvestment': '12000',
      'project.fundingSource': 'ENTERPRISE',
      'project.plannedStart': '2027-03-01',
      'project.plannedCompletion': '2028-06-30',
      'project.totalFloorArea': '26000.50',
      ...overrides.items,
    },
  };
}
