export {
  generateLandPlanningData,
  type LandPlanningDataOptions,
  type LandPlanningGeneration,
  type LandPlanningMess,
} from './land-planning.data';
export {
  LAND_PLANNING_DEFAULT_PAGE_SIZE,
  LAND_PLANNING_MAX_PAGE_SIZE,
  LAND_PLANNING_MIGRATED_AT,
  updateLandPlanningRecord,
} from './land-planning.changes';
export {
  LandPlanningDataError,
  loadLandPlanningDataFromFile,
  writeLandPlanningDataToFile,
} from './land-planning.file';
export type {
  ConstructionPlanningPermitRecord,
  HolderIdKindLabel,
  LandPlanningData,
  LandPlanningParcelChange,
  LandPlanningParcelRecord,
  LandPlanningTruth,
  LandRightNatureLabel,
  LandUsePlanningPermitRecord,
  PolygonGeometry,
  RedLineFeature,
  SitePreApprovalRecord,
  TransferContractRecord,
} from './land-planning.records';
export {
  LAND_PLANNING_CONTRACT_FILE,
  LAND_PLANNING_MAX_BATCH,
  createLandPlanningSimulator,
  landPlanningHolderKey,
  type LandPlanningSimulatorOptions,
} from './land-planning.simulator';
