export {
  generateProjectApprovalData,
  loadProjectApprovalDataFromFile,
  writeProjectApprovalDataToFile,
  ProjectApprovalDataFileError,
  type ProjectApprovalData,
  type ProjectApprovalDataOptions,
  type ProjectApprovalSimulatorData,
} from './project-approval.data';
export {
  createProjectApprovalSimulator,
  collationKey as projectApprovalCollationKey,
  PROJECT_APPROVAL_CONTRACT_FILE,
  PROJECT_APPROVAL_MAX_CHANGES_PAGE_SIZE,
  PROJECT_APPROVAL_MAX_PAGE_SIZE,
  type ProjectApprovalSimulatorOptions,
} from './project-approval.simulator';
export { updateProjectApprovalRecord } from './project-approval.changes';
export {
  toProjectApprovalRecord,
  ProjectApprovalRecordError,
  type ProjectApprovalRecord,
  type ProjectApprovalStageRecord,
} from './project-approval.record';
