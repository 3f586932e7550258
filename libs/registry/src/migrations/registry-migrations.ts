import type { MigrationInterface } from 'typeorm';
import { CreateRegistry1795608000000 } from './1795608000000-create-registry';
import { CreateResolution1795700000000 } from './1795700000000-create-resolution';
import { CreateResolutionState1795800000000 } from './1795800000000-create-resolution-state';
import { CreateApplications1795900000000 } from './1795900000000-create-applications';
import { CreateApplicantChanges1796000000000 } from './1796000000000-create-applicant-changes';
import { CreateAccess1796100000000 } from './1796100000000-create-access';
import { CreateAudit1796200000000 } from './1796200000000-create-audit';
import { AuditRetention1796300000000 } from './1796300000000-audit-retention';

/**
 * The registry's migrations in order, listed rather than globbed so that they
 * are found the same way under jest (TypeScript) and from dist/ (JavaScript).
 * Append new ones; never edit or reorder a released one.
 */
export const registryMigrations: ReadonlyArray<new () => MigrationInterface> = [
  CreateRegistry1795608000000,
  CreateResolution1795700000000,
  CreateResolutionState1795800000000,
  CreateApplications1795900000000,
  CreateApplicantChanges1796000000000,
  CreateAccess1796100000000,
  CreateAudit1796200000000,
  AuditRetention1796300000000,
];
