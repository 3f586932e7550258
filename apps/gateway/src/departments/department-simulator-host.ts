import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { DEPARTMENTS, type DepartmentId } from '@oncegate/adapters';
import { generateDemoApplicants } from '@oncegate/demo';
import { startDepartmentSimulators, type DepartmentSimulators } from '@oncegate/simulators';
import type { GatewayConfig } from '../config/gateway.config';
import { URL_VARIABLES } from './departments.config';

/** Seed of the simulated departments' data; the population is the demo data set, so the demo applicants appear there. */
const SIMULATOR_SEED = 20261125;

/**
 * The departments this process simulates itself (`DEPARTMENT_SIMULATORS=auto`
 * and no `<DEPT>_URL`): the demo of `npm start`. The adapters still talk to
 * them over HTTP/SOAP on 127.0.0.1, exactly as to real systems.
 */
export class DepartmentSimulatorHost implements OnModuleDestroy {
  private constructor(private readonly sims: DepartmentSimulators | null) {}

  static async start(config: GatewayConfig): Promise<DepartmentSimulatorHost> {
    const missing = DEPARTMENTS.filter((d) => !config.raw[URL_VARIABLES[d]]?.trim());
    if (missing.length === 0) return new DepartmentSimulatorHost(null);
    if (config.departmentSimulators === 'off') {
      throw new Error(
        `No URL for ${missing.join(', ')}: set ${missing.map((d) => URL_VARIABLES[d]).join(', ')} (or DEPARTMENT_SIMULATORS=auto)`,
      );
    }
    const sims = await startDepartmentSimulators({
      population: generateDemoApplicants(),
      seed: SIMULATOR_SEED,
      only: missing,
    });
    new Logger('Departments').log(`Simulating ${missing.join(', ')} in-process`);
    return new DepartmentSimulatorHost(sims);
  }

  /** True when every department is simulated in this process: the demo, where nothing reaches a real system. */
  simulatesAll(): boolean {
    return DEPARTMENTS.every((d) => this.sims?.urls[d] !== undefined);
  }

  /** The simulator's URL for a department this process simulates, else undefined. */
  url(department: DepartmentId): string | undefined {
    return this.sims?.urls[department];
  }

  /** For tests and demos: the running simulator of a department (to inject faults, read its request counts). */
  simulators(): DepartmentSimulators {
    if (!this.sims) throw new Error('No department is simulated in this process');
    return this.sims;
  }

  async onModuleDestroy(): Promise<void> {
    await this.sims?.close();
  }
}
