import type { DemoApplicant, DepartmentSystem } from '@oncegate/demo';
import {
  startSimulator,
  type FaultConfig,
  type RecordChange,
  type RunningSimulator,
  type Simulator,
  type SubmissionCounts,
  type SubmissionLedger,
} from './shared';
import {
  createLandPlanningSimulator,
  generateLandPlanningData,
  loadLandPlanningDataFromFile,
  updateLandPlanningRecord,
} from './land-planning';
import {
  createProjectApprovalSimulator,
  generateProjectApprovalData,
  loadProjectApprovalDataFromFile,
  updateProjectApprovalRecord,
} from './project-approval';
import {
  createSocialInsuranceSimulator,
  DEMO_SOCIAL_INSURANCE_CREDENTIALS,
  generateSocialInsuranceData,
  loadSocialInsuranceDataFromFile,
  updateSocialInsuranceRecord,
} from './social-insurance';
import { createTaxSimulator, generateTaxData, loadTaxDataFromFile, updateTaxRecord } from './tax';

export const DEPARTMENT_SYSTEMS: readonly DepartmentSystem[] = [
  'project-approval',
  'land-planning',
  'tax',
  'social-insurance',
];

/** Which population member each department record is: the ground truth for matching. */
export interface TruthRow {
  readonly system: DepartmentSystem;
  readonly localId: string;
  readonly applicantKey: string;
}

export interface DepartmentSimulatorsOptions {
  /** The people and enterprises the departments know (a subset each). */
  readonly population: readonly DemoApplicant[];
  readonly seed: number;
  /** Only these departments (default: all four). */
  readonly only?: readonly DepartmentSystem[];
  readonly host?: string;
  /** Fixed ports; 0 or absent for any free port. */
  readonly ports?: Partial<Record<DepartmentSystem, number>>;
  readonly faults?: Partial<Record<DepartmentSystem, Partial<FaultConfig>>>;
  /**
   * Check every answer against the contract (default true). Benchmarks turn
   * it off so that they measure the gateway, not the simulators' validators.
   */
  readonly validateResponses?: boolean;
  /**
   * Serve a department from an export file in its contract's own format
   * instead of generated data (a pilot replaying a real system). Such a
   * department has no ground truth rows: a file cannot say who is who.
   */
  readonly files?: Partial<Record<DepartmentSystem, string>>;
}

export interface DepartmentSimulators {
  readonly urls: Readonly<Partial<Record<DepartmentSystem, string>>>;
  readonly truth: readonly TruthRow[];
  simulator(department: DepartmentSystem): Simulator;
  /**
   * A department changes one of its applicant records (tests and demos of the
   * registry's incremental sync): the simulator serves the new values and its
   * change feed shows the record again. False for an unknown local id, or a
   * department served from a file.
   */
  updateRecord(department: DepartmentSystem, localId: string, change: RecordChange): boolean;
  /**
   * What a department accepted through its submission operation — the same
   * ledger `GET /__admin/submissions` reports: `counts()` (received,
   * distinctKeys, duplicates, conflicts, rejected), `list()` (each case with
   * its idempotency key, receipt, the sender's reference and the content as
   * received), `get(key)`, `clear()`.
   */
  submissions(department: DepartmentSystem): SubmissionLedger;
  /** `submissions(d).counts()` of every department simulated here. */
  submissionCounts(): Partial<Record<DepartmentSystem, SubmissionCounts>>;
  close(): Promise<void>;
}

/** Builds a department's simulator from an export file. */
async function load(
  department: DepartmentSystem,
  file: string,
  faults: Partial<FaultConfig> | undefined,
  validateResponses: boolean,
): Promise<Simulator> {
  switch (department) {
    case 'project-approval':
      return createProjectApprovalSimulator(loadProjectApprovalDataFromFile(file), {
        faults,
        validateResponses,
      });
    case 'land-planning':
      return createLandPlanningSimulator(await loadLandPlanningDataFromFile(file), {
        faults,
        validateResponses,
      });
    case 'tax':
      return createTaxSimulator(loadTaxDataFromFile(file), { faults });
    case 'social-insurance':
      return createSocialInsuranceSimulator(loadSocialInsuranceDataFromFile(file), {
        faults,
        validateResponses,
        credentials: [DEMO_SOCIAL_INSURANCE_CREDENTIALS],
      });
  }
}

/** Builds a department's data and simulator from the population. */
function build(
  department: DepartmentSystem,
  population: readonly DemoApplicant[],
  seed: number,
  faults: Partial<FaultConfig> | undefined,
  validateResponses: boolean,
): {
  simulator: Simulator;
  truth: readonly { localId: string; applicantKey: string }[];
  update: (localId: string, change: RecordChange) => boolean;
} {
  switch (department) {
    case 'project-approval': {
      const data = generateProjectApprovalData(population, { seed });
      return {
        simulator: createProjectApprovalSimulator(data, { faults, validateResponses }),
        truth: data.truth,
        update: (localId, change) => updateProjectApprovalRecord(data, localId, change),
      };
    }
    case 'land-planning': {
      const data = generateLandPlanningData(population, { seed });
      return {
        simulator: createLandPlanningSimulator(data, { faults, validateResponses }),
        truth: data.truth,
        update: (localId, change) => updateLandPlanningRecord(data, localId, change),
      };
    }
    case 'tax': {
      const data = generateTaxData(population, { seed });
      return {
        simulator: createTaxSimulator(data, { faults }),
        truth: data.truth,
        update: (localId, change) => updateTaxRecord(data, localId, change),
      };
    }
    case 'social-insurance': {
      const data = generateSocialInsuranceData(population, { seed });
      return {
        simulator: createSocialInsuranceSimulator(data, {
          faults,
          validateResponses,
          credentials: [DEMO_SOCIAL_INSURANCE_CREDENTIALS],
        }),
        truth: data.truth,
        update: (localId, change) => updateSocialInsuranceRecord(data, localId, change),
      };
    }
  }
}

/**
 * The four department systems, each on its own port, with data derived from
 * one population so that the same people and enterprises appear (messily)
 * across them. Used by `npm run sim`, by `npm start` in-process, and by tests.
 */
export async function startDepartmentSimulators(
  options: DepartmentSimulatorsOptions,
): Promise<DepartmentSimulators> {
  const departments = options.only ?? DEPARTMENT_SYSTEMS;
  const running = new Map<DepartmentSystem, RunningSimulator>();
  const truth: TruthRow[] = [];
  const updaters = new Map<DepartmentSystem, (localId: string, change: RecordChange) => boolean>();
  try {
    for (const department of departments) {
      const file = options.files?.[department];
      const faults = options.faults?.[department];
      const validate = options.validateResponses ?? true;
      let simulator: Simulator;
      if (file) {
        simulator = await load(department, file, faults, validate);
      } else {
        const built = build(department, options.population, options.seed, faults, validate);
        for (const row of built.truth) truth.push({ system: department, ...row });
        simulator = built.simulator;
        updaters.set(department, built.update);
      }
      running.set(
        department,
        await startSimulator(simulator, options.ports?.[department] ?? 0, options.host),
      );
    }
  } catch (error) {
    await Promise.all([...running.values()].map((r) => r.close()));
    throw error;
  }
  return {
    urls: Object.fromEntries([...running].map(([d, r]) => [d, r.url])),
    truth,
    simulator(department) {
      const found = running.get(department);
      if (!found) throw new Error(`${department} is not simulated here`);
      return found.simulator;
    },
    updateRecord(department, localId, change) {
      return updaters.get(department)?.(localId, change) ?? false;
    },
    submissions(department) {
      const found = running.get(department);
      if (!found) throw new Error(`${department} is not simulated here`);
      return found.simulator.submissions;
    },
    submissionCounts() {
      return Object.fromEntries(
        [...running].map(([d, r]) => [d, r.simulator.submissions.counts()]),
      );
    },
    async close() {
      await Promise.all([...running.values()].map((r) => r.close()));
    },
  };
}
