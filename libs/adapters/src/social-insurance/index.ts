export { SOCIAL_INSURANCE_PROCEDURES, SocialInsurancePort } from './social-insurance.port';
export * from './social-insurance.types';
export {
  readSocialInsuranceConfig,
  SocialInsuranceAppSecret,
  SOCIAL_INSURANCE_ENV_PREFIX,
  type SocialInsuranceConfig,
} from './social-insurance.config';
export {
  createSocialInsuranceAdapter,
  SOCIAL_INSURANCE_MAX_BATCH_KEYS,
  SOCIAL_INSURANCE_MAX_PAGE_SIZE,
  type SocialInsuranceAdapterOptions,
  type SocialInsuranceHttpAdapter,
} from './social-insurance.http-adapter';
export {
  SocialInsuranceFakeAdapter,
  sampleInsuredEmployer,
  sampleInsuredPerson,
  socialInsuranceSubmissionFixture,
} from './social-insurance.fake';
