import type { DemoApplicant, DepartmentSystem } from '@oncegate/demo';
import type { DepartmentRecordRow } from './department-record-row';
import { DEPARTMENT_SYSTEMS } from './department-simulators';
import { generateLandPlanningData } from './land-planning';
import { landPlanningLocalId, landPlanningRecordRow } from './land-planning/land-planning.export';
import type { LandPlanningParcelRecord } from './land-planning/land-planning.records';
import { generateProjectApprovalData } from './project-approval';
import {
  projectApprovalLocalId,
  projectApprovalRecordRow,
} from './project-approval/project-approval.export';
import type { ProjectApprovalRecord } from './project-approval/project-approval.record';
import { generateSocialInsuranceData } from './social-insurance';
import {
  socialInsuranceEmployerRow,
  socialInsurancePersonRow,
} from './social-insurance/social-insurance.export';
import type {
  SocialInsuranceEmployerRecord,
  SocialInsurancePersonRecord,
} from './social-insurance/social-insurance.records';
import { generateTaxData } from './tax';
import { taxLocalId, taxRecordRow } from './tax/tax.export';
import type { TaxpayerInfoRecord } from './tax/tax.record';

export { DEPARTMENT_RECORD_COLUMNS, type DepartmentRecordRow } from './department-record-row';

/** A department's ground truth: which population member (by canonical key) each local record is. */
export interface LocalTruthRow {
  readonly localId: string;
  readonly applicantKey: string;
}

/**
 * Each department's records in its own format with their ground truth, as
 * the generators return them (`generateTaxData` …). A department absent here
 * (served from a file, or not simulated) contributes nothing.
 */
export interface DepartmentDataSet {
  readonly 'project-approval'?: {
    readonly projects: readonly ProjectApprovalRecord[];
    readonly truth: readonly LocalTruthRow[];
  };
  readonly 'land-planning'?: {
    readonly parcels: readonly LandPlanningParcelRecord[];
    readonly truth: readonly LocalTruthRow[];
  };
  readonly tax?: {
    readonly registrations: readonly TaxpayerInfoRecord[];
    readonly truth: readonly LocalTruthRow[];
  };
  readonly 'social-insurance'?: {
    readonly employers: readonly SocialInsuranceEmployerRecord[];
    readonly persons: readonly SocialInsurancePersonRecord[];
    readonly truth: readonly LocalTruthRow[];
  };
}

export interface DepartmentDataOptions {
  readonly seed: number;
  /** Only these departments (default: all four). */
  readonly only?: readonly DepartmentSystem[];
}

/**
 * Each department's data for a population, made exactly as
 * `startDepartmentSimulators` makes what it serves (same generators, same
 * seed), so the records and local ids match what the running simulators
 * hold and what their `truth` lists.
 */
export function generateDepartmentData(
  population: readonly DemoApplicant[],
  options: DepartmentDataOptions,
): DepartmentDataSet {
  const wanted = new Set<DepartmentSystem>(options.only ?? DEPARTMENT_SYSTEMS);
  const { seed } = options;
  return {
    ...(wanted.has('project-approval')
      ? { 'project-approval': generateProjectApprovalData(population, { seed }) }
      : {}),
    ...(wanted.has('land-planning')
      ? { 'land-planning': generateLandPlanningData(population, { seed }) }
      : {}),
    ...(wanted.has('tax') ? { tax: generateTaxData(population, { seed }) } : {}),
    ...(wanted.has('social-insurance')
      ? { 'social-insurance': generateSocialInsuranceData(population, { seed }) }
      : {}),
  };
}

/** A record in the common form with the member it really is: one row each of the two export files. */
export interface LabelledDepartmentRecord {
  readonly row: DepartmentRecordRow;
  /** The population member's canonical 18-character identifier (USCC or 身份证号码). */
  readonly applicantKey: string;
}

/**
 * Finds a record's truth row. The generators write truth in record order, so
 * the row at the record's own position is checked first (no index, no extra
 * memory at a million records); a map is built only if that ever fails
 * (hand-assembled or reordered data).
 */
class TruthLookup {
  private byLocalId: Map<string, string> | undefined;

  constructor(private readonly truth: readonly LocalTruthRow[]) {}

  keyOf(localId: string, position: number): string | undefined {
    const candidate = this.truth[position];
    if (candidate !== undefined && candidate.localId === localId) return candidate.applicantKey;
    this.byLocalId ??= new Map(this.truth.map((t) => [t.localId, t.applicantKey]));
    return this.byLocalId.get(localId);
  }
}

function* labelled<R>(
  records: readonly R[],
  truth: TruthLookup,
  firstPosition: number,
  localId: (record: R) => string,
  toRow: (record: R) => DepartmentRecordRow,
): Generator<LabelledDepartmentRecord> {
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const applicantKey = truth.keyOf(localId(record), firstPosition + i);
    // Only records with ground truth: a row the truth file cannot score is noise for benchmarks.
    if (applicantKey !== undefined) yield { row: toRow(record), applicantKey };
  }
}

/**
 * Every department record that has a ground-truth row, in the common form,
 * with the member it is; departments in the order project-approval,
 * land-planning, tax, social-insurance. Lazy, so that a million applicants'
 * records can be streamed to a file without a second copy in memory.
 */
export function* labelledDepartmentRecords(
  data: DepartmentDataSet,
): Generator<LabelledDepartmentRecord> {
  const projects = data['project-approval'];
  if (projects) {
    yield* labelled(
      projects.projects,
      new TruthLookup(projects.truth),
      0,
      projectApprovalLocalId,
      projectApprovalRecordRow,
    );
  }
  const land = data['land-planning'];
  if (land) {
    yield* labelled(
      land.parcels,
      new TruthLookup(land.truth),
      0,
      landPlanningLocalId,
      landPlanningRecordRow,
    );
  }
  const tax = data.tax;
  if (tax) {
    yield* labelled(tax.registrations, new TruthLookup(tax.truth), 0, taxLocalId, taxRecordRow);
  }
  const social = data['social-insurance'];
  if (social) {
    // The generator's truth lists the units first, then the persons.
    const truth = new TruthLookup(social.truth);
    yield* labelled(social.employers, truth, 0, (e) => e.unit_no, socialInsuranceEmployerRow);
    yield* labelled(
      social.persons,
      truth,
      social.employers.length,
      (p) => p.personal_no,
      socialInsurancePersonRow,
    );
  }
}

/**
 * The records of every department in ONE common tabular form for the
 * entity-resolution engine: one `DepartmentRecordRow` per record that has a
 * ground-truth row, its `record_id` being `${system}:${localId}` of that row.
 * Lazy (spread it for an array).
 */
export function* departmentRecordRows(data: DepartmentDataSet): Generator<DepartmentRecordRow> {
  for (const record of labelledDepartmentRecords(data)) yield record.row;
}
