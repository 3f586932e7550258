export { TAX_PROCEDURES, TaxPort } from './tax.port';
export {
  TAXPAYER_STATUSES,
  TAX_CREDIT_LEVELS,
  TAXPAYER_CATEGORIES,
  VAT_TAXPAYER_TYPES,
  type TaxpayerStatus,
  type TaxCreditLevel,
  type TaxpayerCategory,
  type VatTaxpayerType,
  type TaxCreditRating,
  type TaxArrears,
  type TaxProfile,
} from './tax.types';
export {
  readTaxConfig,
  DEFAULT_TAX_SERVICE_PATH,
  TAX_MAX_BATCH,
  TAX_MAX_CHANGES_PAGE,
  type TaxConfig,
} from './tax.config';
export { createTaxAdapter, type TaxSoapAdapter } from './tax.soap-adapter';
export {
  FakeTaxAdapter,
  taxProfileFixture,
  taxApplicantRecordFixture,
  taxSubmissionFixture,
} from './tax.fake';
