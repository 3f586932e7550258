export { ApplicantRepository, MAX_MERGE_CHAIN, MAX_SEARCH_RESULTS } from './applicant.repository';
export {
  DEFAULT_SQLITE_FILE,
  databaseOptionsFromUrl,
  databaseUrlFromEnv,
  describeDatabase,
  parseDatabaseUrl,
  type DatabaseTarget,
} from './database.config';
export { registryMigrations } from './migrations/registry-migrations';
export { runMigrations } from './migrations/run-migrations';
export { REGISTRY_LIMITS } from './register-applicant.validation';
export { registryEntities } from './registry.entities';
export { RegistryError, RegistryErrorCode, isRegistryError } from './registry.errors';
export { RegistryMigrator } from './registry.migrator';
export { seedIfEmpty, type SeedResult } from './seed-if-empty';
export { RegistryModule, type RegistryModuleOptions } from './registry.module';
export {
  APPLICANT_KINDS,
  APPLICANT_STATUSES,
  IDENTIFIER_SCHEMES,
  type Applicant,
  type ApplicantIdentifier,
  type ApplicantKind,
  type ApplicantStatus,
  type GoldenAttribute,
  type IdentifierScheme,
  type RegisterApplicantInput,
  type RegisterAttributeInput,
  type RegisterIdentifierInput,
  type RegisterSourceRecordInput,
  type SourceRecord,
} from './registry.types';
export { RegistryResolver, type RegistryResolverOptions } from './resolution/registry-resolver';
export {
  chooseGoldenValues,
  conflictsOf,
  findRepositoryFile,
  loadDepartmentRecordsSpec,
  loadGoldenCatalogue,
  type GoldenCatalogue,
  type GoldenRule,
} from './resolution/golden-record';
export {
  APPLICANT_EVENT_TYPES,
  MATCH_CANDIDATE_STATUSES,
  type ApplicantEvent,
  type ApplicantEventType,
  type AttributeConflict,
  type ConflictingValue,
  type IncomingRecord,
  type IngestReport,
  type MatchCandidate,
  type MatchCandidateStatus,
} from './resolution/resolution.types';
export {
  ApplicationRepository,
  type DeliveryOutcome,
  type NewApplication,
  type NewApplicationEvent,
  type NewDelivery,
} from './applications/application.repository';
export {
  APPLICATION_EVENT_TYPES,
  APPLICATION_STATUSES,
  PROCEDURE_STATUSES,
  type ApplicationEventType,
  type ApplicationStatus,
  type DeliveryKind,
  type DeliveryState,
  type ItemOrigin,
  type ProcedureStatus,
  type StoredApplication,
  type StoredApplicationEvent,
  type StoredDelivery,
  type StoredItem,
  type StoredProcedure,
} from './applications/application.types';
export { ChangeLogRepository } from './changes/change-log.repository';
export {
  type ApplicantChange,
  type ChangeNotice,
  type ChangeSource,
} from './changes/applicant-change.types';
export { ConsumerRepository } from './access/consumer.repository';
export { GrantRepository, type GrantFilter } from './access/grant.repository';
export {
  GRANT_STATUSES,
  type GrantStatus,
  type NewConsumerKey,
  type StoredConsumer,
  type StoredConsumerKey,
  type StoredDataGrant,
} from './access/access.types';
export { AuditRepository, type AuditFilter } from './audit/audit.repository';
