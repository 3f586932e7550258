export * from './identifier-issue';
export { normalizeIdentifierInput } from './normalize';
export { PROVINCE_PREFIXES, hasProvincePrefix } from './division';
export {
  validateResidentId,
  upgradeResidentId15,
  residentIdCheckChar,
  type ResidentIdParts,
  type ResidentIdOptions,
} from './resident-id';
export {
  validateUscc,
  usccCheckChar,
  organizationCodeCheckChar,
  USCC_ALPHABET,
  type UsccParts,
} from './uscc';
export { validateProjectCode, type ProjectCodeParts } from './project-code';
export { validateRealEstateUnitNo, type RealEstateUnitParts } from './real-estate-unit';
export { maskPersonalIdentifiers, maskResidentId } from './mask';
