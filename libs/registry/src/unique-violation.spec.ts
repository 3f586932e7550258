import { QueryFailedError } from 'typeorm';
import { violatedUniqueIndex } from './unique-violation';

function failed(driverError: Record<string, unknown>): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error('driver'), driverError));
}

describe('violatedUniqueIndex', () => {
  it('maps SQLite column lists to our index names', () => {
    expect(
      violatedUniqueIndex(
        failed({
          code: 'SQLITE_CONSTRAINT_UNIQUE',
          message:
            'UNIQUE constraint failed: applicant_identifiers.scheme, applicant_identifiers.active_value',
        }),
      ),
    ).toBe('UQ_applicant_identifiers_scheme_active_value');
    expect(
      violatedUniqueIndex(
        failed({
          code: 'SQLITE_CONSTRAINT_UNIQUE',
          message: 'UNIQUE constraint failed: source_records.system, source_records.local_id',
        }),
      ),
    ).toBe('UQ_source_records_system_local_id');
  });

  it('passes other SQLite keys through as their column list', () => {
    expect(
      violatedUniqueIndex(
        failed({
          code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
          message: 'UNIQUE constraint failed: applicants.id',
        }),
      ),
    ).toBe('applicants.id');
  });

  it("reads MariaDB's and MySQL 8's spelling of the key", () => {
    expect(
      violatedUniqueIndex(
        failed({
          code: 'ER_DUP_ENTRY',
          message:
            "Duplicate entry 'USCC-91330100MA27XXXX0X' for key 'UQ_applicant_identifiers_scheme_active_value'",
        }),
      ),
    ).toBe('UQ_applicant_identifiers_scheme_active_value');
    expect(
      violatedUniqueIndex(
        failed({
          code: 'ER_DUP_ENTRY',
          message:
            "Duplicate entry 'tax-it's' for key 'source_records.UQ_source_records_system_local_id'",
        }),
      ),
    ).toBe('UQ_source_records_system_local_id');
  });

  it('answers null for anything else', () => {
    expect(violatedUniqueIndex(new Error('UNIQUE constraint failed: x.y'))).toBeNull();
    expect(
      violatedUniqueIndex(failed({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY', message: 'FOREIGN KEY' })),
    ).toBeNull();
    expect(
      violatedUniqueIndex(failed({ code: 'ER_NO_REFERENCED_ROW_2', message: 'x' })),
    ).toBeNull();
    expect(violatedUniqueIndex(undefined)).toBeNull();
  });
});
