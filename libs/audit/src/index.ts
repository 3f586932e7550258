export {
  EXCHANGE_KINDS,
  GENESIS_HASH,
  OUTCOMES,
  RECORD_FORMAT,
  RETENTION_OPERATION,
  canonicalRecord,
  chainRecords,
  recordHash,
  retentionFacts,
  retentionOf,
  sha256Hex,
  type AuditRecord,
  type ExchangeFacts,
  type ExchangeKind,
  type Outcome,
  type Retention,
} from './audit-record';
export {
  anchorMessage,
  anchorSignatureValid,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519PublicKeys,
  keyIdOf,
  signAnchor,
  type AuditAnchor,
} from './anchor';
export { pemOfSetting, signingKeyFromSetting, verifyingKeysFromSettings } from './key-settings';
export {
  ChainVerifier,
  verifyChain,
  type ChainBreak,
  type VerificationResult,
} from './verify-chain';
