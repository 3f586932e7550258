export { AccessError, AccessErrorCode } from './access.errors';
export {
  decideAccess,
  type AccessDecision,
  type ActiveGrant,
  type DenialReason,
  type Requester,
} from './access-policy';
export {
  describeKey,
  hashSecret,
  issueApiKey,
  parseApiKey,
  secretMatches,
  type IssuedKey,
} from './api-key';
export { DATA_READING_ROLES, ROLES, isRole, type Role } from './roles';
export {
  SharingCatalogue,
  loadSharingCatalogue,
  type DataItem,
  type Purpose,
} from './sharing-catalogue';
export {
  PROVIDERS,
  SHARING_CATALOGUE_SCHEMA,
  SHARING_CLASSES,
  type Provider,
  type SharingClass,
} from './sharing-catalogue.schema';
export { consumerInputProblems, type ConsumerInput } from './consumer-input';
