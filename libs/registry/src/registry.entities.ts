import { ApplicantIdentifierEntity } from './applicant-identifier.entity';
import { ApplicantEntity } from './applicant.entity';
import { GoldenAttributeEntity } from './golden-attribute.entity';
import { SourceRecordEntity } from './source-record.entity';

/** Every entity the registry maps; a DataSource that serves the registry must list them all. */
export const registryEntities = [
  ApplicantEntity,
  ApplicantIdentifierEntity,
  SourceRecordEntity,
  GoldenAttributeEntity,
] as const;
