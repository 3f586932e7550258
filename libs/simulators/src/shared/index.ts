export {
  FaultInjector,
  FaultConfigError,
  NO_FAULTS,
  validateFaultPatch,
  type FaultConfig,
} from './fault-injector';
export {
  createSimulator,
  startSimulator,
  type RunningSimulator,
  type Simulator,
} from './simulator';
export type { RecordChange } from './record-change';
export {
  SubmissionLedger,
  type ReceivedSubmission,
  type SubmissionCounts,
  type SubmissionLedgerOptions,
  type SubmissionOutcome,
} from './submission-ledger';
export {
  ChangeIndex,
  changeIndexOf,
  timestampDigits,
  type ChangeIndexOptions,
  type ChangeKey,
  type ChangePage,
} from './change-index';
