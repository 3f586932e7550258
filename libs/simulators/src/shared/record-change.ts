/**
 * A change a department makes to one applicant record, for tests, demos and
 * benchmarks of the registry's incremental sync: the simulator applies it to
 * its data and the record shows up in its change feed at `changedAt`.
 */
export interface RecordChange {
  name?: string;
  phone?: string;
  address?: string;
  legalRepresentative?: string;
  changedAt: Date;
}
