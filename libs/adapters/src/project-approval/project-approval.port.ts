import type { Project } from './project-approval.types';

/**
 * The 投资项目在线审批监管平台 (发改), as the gateway needs it. Also the DI
 * token: inject `ProjectApprovalPort`, bind the HTTP adapter or the fake.
 */
export abstract class ProjectApprovalPort {
  /**
   * The projects declared by each applicant, by normalized 统一社会信用代码
   * (18 characters, upper case). The map is keyed exactly by the input keys;
   * a key that is absent means the platform knows no project for it (an
   * individual's resident ID, for instance, never matches). Rejects with a
   * `SourceError` when the platform cannot answer.
   */
  abstract projectsByUscc(usccs: readonly string[]): Promise<ReadonlyMap<string, Project[]>>;
}
