/**
 * What the 投资项目在线审批监管平台 (发改) knows about a project, in our own
 * terms. The platform's pinyin field names stop at the mapper.
 */

/** 审批类型 / 项目管理方式. */
export const PROJECT_APPROVAL_ROUTES = ['APPROVAL', 'CONFIRMATION', 'FILING'] as const;
/** `APPROVAL` 审批制 (government investment), `CONFIRMATION` 核准制 (listed enterprise projects), `FILING` 备案制 (all other enterprise projects). */
export type ProjectApprovalRoute = (typeof PROJECT_APPROVAL_ROUTES)[number];

/** 办理阶段/状态 of a project. */
export const PROJECT_STATUSES = [
  'CODE_ISSUED',
  'IN_PROGRESS',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
  'CONSTRUCTION_STARTED',
  'CONSTRUCTION_COMPLETED',
] as const;
/**
 * `CODE_ISSUED` 已赋码 (nothing filed yet), `IN_PROGRESS` 办理中, `APPROVED`
 * 已办结 (every approval step done), `REJECTED` 不予许可, `WITHDRAWN` 已撤回,
 * `CONSTRUCTION_STARTED` 已开工, `CONSTRUCTION_COMPLETED` 已竣工.
 */
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** 办理状态 of one approval step. */
export const PROJECT_STAGE_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'COMPLETED',
  'REJECTED',
  'WITHDRAWN',
] as const;
/** `NOT_STARTED` 待办理, `IN_PROGRESS` 办理中, `COMPLETED` 已办结, `REJECTED` 不予许可, `WITHDRAWN` 已撤回. */
export type ProjectStageStatus = (typeof PROJECT_STAGE_STATUSES)[number];

/** 建设性质. */
export const PROJECT_CONSTRUCTION_NATURES = [
  'NEW',
  'EXPANSION',
  'RECONSTRUCTION',
  'RELOCATION',
  'TECHNICAL_RENOVATION',
  'OTHER',
] as const;
/** `NEW` 新建, `EXPANSION` 扩建, `RECONSTRUCTION` 改建, `RELOCATION` 迁建, `TECHNICAL_RENOVATION` 技术改造, `OTHER` 其他. */
export type ProjectConstructionNature = (typeof PROJECT_CONSTRUCTION_NATURES)[number];

/** 投资项目: one investment project on the platform. */
export interface Project {
  /** 投资项目代码 `XXXX-XXXXXX-XX-XX-XXXXXX`: the project's key in every department. */
  projectCode: string;
  /** 项目名称 */
  name: string;
  /**
   * 统一社会信用代码 of the 项目单位, normalized (upper case, half-width);
   * null when the platform has none on record.
   */
  applicantUscc: string | null;
  /** 项目单位（建设单位） as the platform recorded it at declaration; may differ in form from the registered name. */
  applicantName: string;
  /** 法定代表人 at declaration: may be out of date. */
  legalRepresentative: string | null;
  /** 审批类型 */
  route: ProjectApprovalRoute;
  /** 建设地点 */
  location: string;
  /** 建设地点行政区划代码 (GB/T 2260), when recorded. */
  locationDivisionCode: string | null;
  /** 总投资, in 万元 (ten thousand yuan). */
  totalInvestmentWanYuan: number;
  /** 建设规模及内容 (free text). */
  scale: string | null;
  /** 建设性质 */
  constructionNature: ProjectConstructionNature;
  /** 申报日期, `YYYY-MM-DD`. */
  declaredOn: string;
  /** 办理阶段/状态 */
  status: ProjectStatus;
  /** 联系电话 given at declaration. */
  contactPhone: string | null;
  /** 更新时间: when the platform last changed the record. */
  updatedAt: Date;
  /** 办理环节: the approval steps, in the platform's order. */
  stages: ProjectStage[];
}

/** 办理环节: one approval step of a project. */
export interface ProjectStage {
  /** 环节名称, e.g. 项目备案, 项目核准, 可行性研究报告审批, 用地预审与选址意见书. */
  name: string;
  /** 办理部门 */
  department: string | null;
  /** 办理状态 */
  status: ProjectStageStatus;
  /** 完成时间: when the step was completed or refused; null before. */
  completedAt: Date | null;
  /** 批复文号 of the document the step issued, if any. */
  documentNo: string | null;
}
