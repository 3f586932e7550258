export { DEPARTMENTS, type DepartmentId } from './department';
export { SourceError, SourceErrorCode, isSourceError } from './source-error';
export {
  DEFAULT_CLIENT_CONFIG,
  DepartmentConfigError,
  readDepartmentClientConfig,
  type DepartmentClientConfig,
} from './department-client.config';
export { DepartmentCallPolicy } from './department-call-policy';
export {
  DEPARTMENT_TRACER,
  DepartmentSpanAttributes,
  recordHttpStatus,
  withTraceHeaders,
} from './department-tracing';
export type {
  CircuitBreakerProbe,
  CircuitBreakerState,
  DepartmentAdapterOptions,
  DepartmentCallObserver,
  DepartmentCallOutcome,
  DepartmentCallRecord,
} from './department-call-observer';
export { HttpJsonClient, type HttpRequest, type HttpResponse } from './http-json-client';
export { ResponseCache } from './response-cache';
export { departmentContract, departmentContractsDir } from './contracts-dir';
export {
  changesPageSize,
  compareFeedOrder,
  isAfterCursor,
  pageAfter,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
} from './department-record';
export {
  IDEMPOTENCY_KEY_PATTERN,
  SubmissionItems,
  shiftDecimal,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from './submission';
