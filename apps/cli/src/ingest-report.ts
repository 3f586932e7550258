import type { IngestReport } from '@oncegate/registry';

/** One line on what an ingest did to the registry. */
export function describeIngest(i: IngestReport): string {
  return (
    `Resolved ${i.records} records: ${i.newRecords} new, ${i.updatedRecords} updated; ` +
    `${i.applicantsCreated} applicants created, ${i.recordsLinked} records linked to known applicants, ` +
    `${i.automaticMerges} automatic merges, ${i.reviewsQueued} pairs queued for review` +
    (i.identifiersHeldElsewhere
      ? `, ${i.identifiersHeldElsewhere} identifiers held by another applicant`
      : '')
  );
}
