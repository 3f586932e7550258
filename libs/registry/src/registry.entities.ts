import {
  ApplicationEntity,
  ApplicationEventEntity,
  ApplicationProcedureEntity,
  DeliveryEntity,
} from './applications/application.entities';
import { ConsumerEntity, ConsumerKeyEntity, DataGrantEntity } from './access/access.entities';
import {
  AuditAnchorEntity,
  AuditHeadEntity,
  AuditRecordApplicantEntity,
  AuditRecordEntity,
  AuditRecordItemEntity,
} from './audit/audit.entities';
import { ApplicantEventEntity } from './applicant-event.entity';
import { ApplicantChangeEntity } from './changes/applicant-change.entity';
import { ApplicantIdentifierEntity } from './applicant-identifier.entity';
import { ApplicantEntity } from './applicant.entity';
import { GoldenAttributeEntity } from './golden-attribute.entity';
import { MatchCandidateEntity } from './match-candidate.entity';
import { ResolutionStateEntity } from './resolution-state.entity';
import { SourceRecordEntity } from './source-record.entity';
import { SyncCursorEntity } from './sync-cursor.entity';

/** Every entity the registry maps; a DataSource that serves the registry must list them all. */
export const registryEntities = [
  ApplicantEntity,
  ApplicantIdentifierEntity,
  SourceRecordEntity,
  GoldenAttributeEntity,
  ApplicantEventEntity,
  MatchCandidateEntity,
  SyncCursorEntity,
  ResolutionStateEntity,
  ApplicationEntity,
  ApplicationProcedureEntity,
  ApplicationEventEntity,
  DeliveryEntity,
  ApplicantChangeEntity,
  ConsumerEntity,
  ConsumerKeyEntity,
  DataGrantEntity,
  AuditRecordEntity,
  AuditRecordApplicantEntity,
  AuditRecordItemEntity,
  AuditAnchorEntity,
  AuditHeadEntity,
] as const;
