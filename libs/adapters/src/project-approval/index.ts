export {
  PROJECT_APPROVAL_MAX_CHANGES,
  PROJECT_APPROVAL_PROCEDURES,
  ProjectApprovalPort,
} from './project-approval.port';
export {
  PROJECT_APPROVAL_ROUTES,
  PROJECT_CONSTRUCTION_NATURES,
  PROJECT_STAGE_STATUSES,
  PROJECT_STATUSES,
  type Project,
  type ProjectApprovalRoute,
  type ProjectConstructionNature,
  type ProjectStage,
  type ProjectStageStatus,
  type ProjectStatus,
} from './project-approval.types';
export { readProjectApprovalConfig, type ProjectApprovalConfig } from './project-approval.config';
export {
  createProjectApprovalAdapter,
  type ProjectApprovalHttpAdapter,
} from './project-approval.http-adapter';
export {
  ProjectApprovalFake,
  exampleProject,
  projectApprovalSubmissionFixture,
} from './project-approval.fake';
