export {
  createTaxSimulator,
  taxLookupKey,
  TAX_SERVICE_PATH,
  TAX_BATCH_LIMIT,
  TAX_FAULT_CODES,
  type TaxSimulatorOptions,
} from './tax.simulator';
export {
  generateTaxData,
  loadTaxDataFromFile,
  writeTaxDataToFile,
  parseTaxExport,
  taxDataToXml,
  canonicalTaxpayerKey,
  TaxDataFileError,
  type TaxData,
  type TaxDataOptions,
  type TaxTruthRow,
} from './tax.data';
export {
  updateTaxRecord,
  taxChangedAt,
  TAX_CHANGES_DEFAULT_PAGE,
  TAX_CHANGES_MAX_PAGE,
} from './tax.changes';
export {
  TAX_NAMESPACE,
  type TaxpayerInfoRecord,
  type NsxyxxRecord,
  type QsxxRecord,
} from './tax.record';
