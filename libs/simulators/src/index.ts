export * from './shared';
export * from './project-approval';
export * from './land-planning';
export * from './tax';
export * from './social-insurance';
export {
  DEPARTMENT_SYSTEMS,
  startDepartmentSimulators,
  type DepartmentSimulators,
  type DepartmentSimulatorsOptions,
  type TruthRow,
} from './department-simulators';
export {
  DEPARTMENT_RECORD_COLUMNS,
  departmentRecordRows,
  generateDepartmentData,
  labelledDepartmentRecords,
  type DepartmentDataOptions,
  type DepartmentDataSet,
  type DepartmentRecordRow,
  type LabelledDepartmentRecord,
  type LocalTruthRow,
} from './department-records';
export { projectApprovalRecordRow } from './project-approval/project-approval.export';
export { landPlanningRecordRow } from './land-planning/land-planning.export';
export { taxRecordRow } from './tax/tax.export';
export {
  socialInsuranceEmployerRow,
  socialInsurancePersonRow,
} from './social-insurance/social-insurance.export';
