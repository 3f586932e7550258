import type { DemoApplicant, DepartmentSystem } from '@oncegate/demo';
import { startSimulator, type FaultConfig, type RunningSimulator, type Simulator } from './shared';
import { createLandPlanningSimulator, generateLandPlanningData } from './land-planning';
import { createProjectApprovalSimulator, generateProjectApprovalData } from './project-approval';
import {
  createSocialInsuranceSimulator,
  DEMO_SOCIAL_INSURANCE_CREDENTIALS,
  generateSocialInsuranceData,
} from './social-insurance';
import { createTaxSimulator, generateTaxData } from './tax';

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
}

export interface DepartmentSimulators {
  readonly urls: Readonly<Partial<Record<DepartmentSystem, string>>>;
  readonly truth: readonly TruthRow[];
  simulator(department: DepartmentSystem): Simulator;
  close(): Promise<void>;
}

/** Builds a department's data and simulator from the population. */
function build(
  department: DepartmentSystem,
  population: readonly DemoApplicant[],
  seed: number,
  faults: Partial<FaultConfig> | undefined,
  validateResponses: boolean,
): { simulator: Simulator; truth: readonly { localId: string; applicantKey: string }[] } {
  switch (department) {
    case 'project-approval': {
      const data = generateProjectApprovalData(population, { seed });
      return {
        simulator: createProjectApprovalSimulator(data, { faults, validateResponses }),
        truth: data.truth,
      };
    }
    case 'land-planning': {
      const data = generateLandPlanningData(population, { seed });
      return {
        simulator: createLandPlanningSimulator(data, { faults, validateResponses }),
        truth: data.truth,
      };
    }
    case 'tax': {
      const data = generateTaxData(population, { seed });
      return { simulator: createTaxSimulator(data, { faults }), truth: data.truth };
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
  try {
    for (const department of departments) {
      const built = build(
        department,
        options.population,
        options.seed,
        options.faults?.[department],
        options.validateResponses ?? true,
      );
      for (const row of built.truth) truth.push({ system: department, ...row });
      running.set(
        department,
        await startSimulator(built.simulator, options.ports?.[department] ?? 0, options.host),
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
    async close() {
      await Promise.all([...running.values()].map((r) => r.close()));
    },
  };
}
