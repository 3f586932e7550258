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
