export {
  INSURANCE_TYPE_CODES,
  PARTICIPATION_STATUS_CODES,
  CONTRIBUTION_STATUS_CODES,
  UNIT_TYPE_CODES,
  PERSON_CATEGORY_CODES,
  CERT_TYPE_CODES,
  FILING_TYPE_CODES,
  FILING_SUBTYPE_CODES,
  FILING_STATUS_CODES,
  type SocialInsuranceData,
  type SocialInsuranceEmployerRecord,
  type SocialInsuranceEmployerLine,
  type SocialInsuranceDeferral,
  type SocialInsurancePersonRecord,
  type SocialInsurancePersonLine,
  type SocialInsuranceMedicalFiling,
} from './social-insurance.records';
export {
  generateSocialInsuranceData,
  loadSocialInsuranceDataFromFile,
  writeSocialInsuranceDataToFile,
  type GeneratedSocialInsuranceData,
  type SocialInsuranceDataOptions,
  type SocialInsuranceTruth,
} from './social-insurance.data';
export {
  SocialInsuranceDataError,
  checkSocialInsuranceData,
} from './social-insurance.record-check';
export {
  DEMO_SOCIAL_INSURANCE_CREDENTIALS,
  canonicalRequestString,
  socialInsuranceSignature,
  type SignedRequestParts,
  type SocialInsuranceCredential,
} from './social-insurance.signature';
export {
  SOCIAL_INSURANCE_DEFAULT_PAGE_SIZE,
  SOCIAL_INSURANCE_MAX_PAGE_SIZE,
  parseSocialInsuranceTime,
  socialInsuranceTime,
  updateSocialInsuranceRecord,
} from './social-insurance.changes';
export {
  createSocialInsuranceSimulator,
  SOCIAL_INSURANCE_CONTRACT_FILE,
  SOCIAL_INSURANCE_MAX_BATCH_KEYS,
  type SocialInsuranceSimulatorOptions,
} from './social-insurance.simulator';
