export {
  normalizeText,
  toSimplified,
  toPinyin,
  pinyinInitials,
  pinyinOfNormalized,
  initialsOfPinyin,
  normalizePersonName,
  type PinyinOptions,
} from './text';
export {
  parseEnterpriseName,
  sameEnterpriseCore,
  type EnterpriseName,
  type LegalForm,
} from './enterprise-name';
export { normalizeAddress } from './address';
export { normalizePhone } from './phone';
export {
  normalizeIdentifierForMatching,
  type MatchIdentifier,
  type MatchIdentifierScheme,
} from './identifier';
