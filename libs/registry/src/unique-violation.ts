import { QueryFailedError } from 'typeorm';

/**
 * SQLite names a violated unique index by its columns, MySQL/MariaDB by its name
 * (MySQL 8 prefixes the table). This maps SQLite's column lists of our unique
 * indexes back to the index names, so callers handle one spelling.
 */
const SQLITE_UNIQUE_COLUMNS: Readonly<Record<string, string>> = {
  'applicant_identifiers.scheme, applicant_identifiers.active_value':
    'UQ_applicant_identifiers_scheme_active_value',
  'source_records.system, source_records.local_id': 'UQ_source_records_system_local_id',
  'golden_attributes.applicant_id, golden_attributes.name':
    'UQ_golden_attributes_applicant_id_name',
  'applications.submitted_by, applications.client_key': 'UQ_applications_submitted_by_client_key',
  'deliveries.idempotency_key': 'UQ_deliveries_idempotency_key',
  'consumers.name': 'UQ_consumers_name',
};

/**
 * The name of the unique index (or `PRIMARY` / `table.column` for keys without
 * a name) that a failed insert or update violated, or null when the error is
 * not a unique-constraint violation.
 */
export function violatedUniqueIndex(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) {
    return null;
  }
  const driverError: unknown = error.driverError;
  if (typeof driverError !== 'object' || driverError === null) {
    return null;
  }
  const { code, message } = driverError as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') {
    return null;
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = /constraint failed: (.+)$/.exec(message)?.[1]?.trim();
    return columns ? (SQLITE_UNIQUE_COLUMNS[columns] ?? columns) : null;
  }
  if (code === 'ER_DUP_ENTRY') {
    // "Duplicate entry 'x' for key 'UQ_…'" (MariaDB) or "… for key 'table.UQ_…'" (MySQL 8).
    const key = /for key '([^']*)'\s*$/.exec(message)?.[1];
    return key ? key.slice(key.lastIndexOf('.') + 1) : null;
  }
  return null;
}
