import { ProjectApprovalPort } from './project-approval.port';
import type { Project } from './project-approval.types';

/**
 * In-memory stand-in for the platform, for other units' tests: answers from
 * the projects it was given, records every batch it was asked, and can be
 * told to fail the way the real adapter fails (with a `SourceError`).
 */
export class ProjectApprovalFake extends ProjectApprovalPort {
  /** Every call's keys, in order: a test can prove batching (one call, N keys). */
  readonly calls: string[][] = [];
  private readonly byUscc = new Map<string, Project[]>();
  private failure: Error | null = null;

  constructor(projects: readonly Project[] = []) {
    super();
    for (const project of projects) this.add(project);
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
