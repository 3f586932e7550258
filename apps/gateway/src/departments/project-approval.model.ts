import { Field, Float, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Project, ProjectStage } from '@oncegate/adapters';

export enum ApprovalRoute {
  APPROVAL = 'APPROVAL',
  CONFIRMATION = 'CONFIRMATION',
  FILING = 'FILING',
}
registerEnumType(ApprovalRoute, {
  name: 'ApprovalRoute',
  description: '审批类型: how the investment project is approved (发改).',
  valuesMap: {
    APPROVAL: {
      description: '审批制: government-invested projects (项目建议书 → 可研 → 初步设计).',
    },
    CONFIRMATION: {
      description: '核准制: enterprise projects in the 政府核准的投资项目目录 (核准批复).',
    },
    FILING: { description: '备案制: all other enterprise projects (备案证明).' },
  },
});

export enum ProjectStatus {
  CODE_ISSUED = 'CODE_ISSUED',
  IN_PROGRESS = 'IN_PROGRESS',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  CONSTRUCTION_STARTED = 'CONSTRUCTION_STARTED',
  CONSTRUCTION_COMPLETED = 'CONSTRUCTION_COMPLETED',
}
registerEnumType(ProjectStatus, {
  name: 'ProjectStatus',
  description: '办理阶段/状态 of an investment project.',
  valuesMap: {
    CODE_ISSUED: { description: '已赋码: the project code is issued, nothing filed yet.' },
    IN_PROGRESS: { description: '办理中: an approval step is under way.' },
    APPROVED: { description: '已办结: every approval step is done.' },
    REJECTED: { description: '不予许可: refused.' },
    WITHDRAWN: { description: '已撤回: withdrawn by the applicant.' },
    CONSTRUCTION_STARTED: { description: '已开工: construction has started.' },
    CONSTRUCTION_COMPLETED: { description: '已竣工: construction is completed.' },
  },
});

export enum ProjectStageStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ProjectStageStatus, {
  name: 'ProjectStageStatus',
  description: '办理状态 of one approval step.',
  valuesMap: {
    NOT_STARTED: { description: '待办理' },
    IN_PROGRESS: { description: '办理中' },
    COMPLETED: { description: '已办结' },
    REJECTED: { description: '不予许可' },
    WITHDRAWN: { description: '已撤回' },
  },
});

export enum ProjectConstructionNature {
  NEW = 'NEW',
  EXPANSION = 'EXPANSION',
  RECONSTRUCTION = 'RECONSTRUCTION',
  RELOCATION = 'RELOCATION',
  TECHNICAL_RENOVATION = 'TECHNICAL_RENOVATION',
  OTHER = 'OTHER',
}
registerEnumType(ProjectConstructionNature, {
  name: 'ProjectConstructionNature',
  description: '建设性质 of an investment project.',
  valuesMap: {
    NEW: { description: '新建' },
    EXPANSION: { description: '扩建' },
    RECONSTRUCTION: { description: '改建' },
    RELOCATION: { description: '迁建' },
    TECHNICAL_RENOVATION: { description: '技术改造' },
    OTHER: { description: '其他' },
  },
});

@ObjectType('ProjectStage', {
  description: '办理环节: one approval step of an investment project.',
})
export class ProjectStageModel {
  @Field({ description: '环节名称, e.g. 项目备案, 项目核准, 可行性研究报告审批.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: '办理部门 (the department handling the step).',
  })
  department!: string | null;

  @Field(() => ProjectStageStatus)
  status!: ProjectStageStatus;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: '完成时间: when the step was completed or refused.',
  })
  completedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: '批复文号 of the document the step issued, if any.',
  })
  documentNo!: string | null;
}

@ObjectType('Project', {
  description: '投资项目: an investment project on the 投资项目在线审批监管平台 (发改).',
})
export class ProjectModel {
  @Field({
    description: '投资项目代码 (XXXX-XXXXXX-XX-XX-XXXXXX), the project key in every department.',
  })
  projectCode!: string;

  @Field({ description: '项目名称' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description:
      '统一社会信用代码 of the 项目单位 as the platform holds it, normalized; null when it has none.',
  })
  applicantUscc!: string | null;

  @Field({
    description:
      '项目单位（建设单位） as recorded at declaration; may differ in form from the registered name.',
  })
  applicantName!: string;

  @Field(() => String, {
    nullable: true,
    description: '法定代表人 at declaration; may be out of date.',
  })
  legalRepresentative!: string | null;

  @Field(() => ApprovalRoute)
  route!: ApprovalRoute;

  @Field({ description: '建设地点' })
  location!: string;

  @Field(() => String, {
    nullable: true,
    description: '建设地点行政区划代码 (GB/T 2260).',
  })
  locationDivisionCode!: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '总投资, in 万元 (ten thousand yuan). Null when the sharing catalogue refuses it to the caller (FORBIDDEN_DATA_ITEM).',
  })
  totalInvestmentWanYuan!: number;

  @Field(() => String, { nullable: true, description: '建设规模及内容 (free text).' })
  scale!: string | null;

  @Field(() => ProjectConstructionNature)
  constructionNature!: ProjectConstructionNature;

  @Field({ description: '申报日期 (YYYY-MM-DD).' })
  declaredOn!: string;

  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => String, { nullable: true, description: '联系电话 given at declaration.' })
  contactPhone!: string | null;

  @Field(() => GraphQLISODateTime, {
    description: '更新时间: when the platform last changed the record.',
  })
  updatedAt!: Date;

  @Field(() => [ProjectStageModel], { description: '办理环节: the approval steps, in order.' })
  stages!: ProjectStageModel[];
}

// Domain values index the GraphQL enums directly: a value the enum lacks does not compile.

/** Plain objects, not class instances: GraphQL reads fields by name, and lists of projects stay cheap. */
export function toProjectStageModel(stage: ProjectStage): ProjectStageModel {
  return {
    name: stage.name,
    department: stage.department,
    status: ProjectStageStatus[stage.status],
    completedAt: stage.completedAt,
    documentNo: stage.documentNo,
  };
}

export function toProjectModel(project: Project): ProjectModel {
  return {
    projectCode: project.projectCode,
    name: project.name,
    applicantUscc: project.applicantUscc,
    applicantName: project.applicantName,
    legalRepresentative: project.legalRepresentative,
    route: ApprovalRoute[project.route],
    location: project.location,
    locationDivisionCode: project.locationDivisionCode,
    totalInvestmentWanYuan: project.totalInvestmentWanYuan,
    scale: project.scale,
    constructionNature: ProjectConstructionNature[project.constructionNature],
    declaredOn: project.declaredOn,
    status: ProjectStatus[project.status],
    contactPhone: project.contactPhone,
    updatedAt: project.updatedAt,
    stages: project.stages.map(toProjectStageModel),
  };
}
