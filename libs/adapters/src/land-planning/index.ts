export { LAND_PLANNING_PROCEDURES, LandPlanningPort } from './land-planning.port';
export type {
  ConstructionPlanningPermit,
  GeoJsonPolygon,
  IndicatorRange,
  LandParcel,
  LandRightNature,
  LandSupplyMode,
  LandTransferContract,
  LandUsePlanningPermit,
  SitePreApproval,
} from './land-planning.types';
export { readLandPlanningConfig, type LandPlanningConfig } from './land-planning.config';
export {
  LAND_PLANNING_BATCH_LIMIT,
  LAND_PLANNING_CHANGES_PAGE_LIMIT,
  createLandPlanningAdapter,
  type LandPlanningHttpAdapter,
} from './land-planning.http-adapter';
export {
  LandPlanningFake,
  landParcelFixture,
  landPlanningRecordFixture,
  landPlanningSubmissionFixture,
} from './land-planning.fake';
