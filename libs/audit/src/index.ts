export {
  EXCHANGE_KINDS,
  GENESIS_HASH,
  OUTCOMES,
  RECORD_FORMAT,
  canonicalRecord,
  chainRecords,
  recordHash,
  sha256Hex,
  type AuditRecord,
  type ExchangeFacts,
  type ExchangeKind,
  type Outcome,
} from './audit-record';
export {
  anchorMessage,
  anchorSignatureValid,
  ed25519PrivateKey,
  ed25519PublicKey,
  keyIdOf,
  signAnchor,
  type AuditAnchor,
} from './anchor';
export {
  ChainVerifier,
  verifyChain,
  type ChainBreak,
  type VerificationResult,
} from './verify-chain';
