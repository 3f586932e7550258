import type { ApplicantChange as RegistryChange } from '@oncegate/registry';
import { toSystem } from '../applicants/applicant.mapper';
import type { ApplicantChange } from './models/applicant-change.model';

export function toApplicantChangeModel(change: RegistryChange): ApplicantChange {
  return {
    changeId: change.id,
    applicantId: change.applicantId,
    attribute: change.attribute,
    oldValue: change.oldValue,
    newValue: change.newValue,
    source: change.source
      ? { system: toSystem(change.source.system), observedAt: change.source.observedAt }
      : null,
    changedAt: change.changedAt,
  };
}
