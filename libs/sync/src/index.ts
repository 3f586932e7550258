export {
  DepartmentSync,
  type ChangeFeed,
  type DepartmentSyncOptions,
  type SyncReport,
} from './department-sync';
