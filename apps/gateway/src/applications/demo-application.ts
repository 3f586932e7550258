import { Injectable, Logger } from '@nestjs/common';
import {
  DEMO_CONSTRUCTION_PROCEDURES,
  demoConstructionApplicant,
  demoConstructionItems,
  generateDemoApplicants,
} from '@oncegate/demo';
import { ApplicantRepository, ApplicationRepository } from '@oncegate/registry';
import { GatewayConfig } from '../config/gateway.config';
import { DepartmentSimulatorHost } from '../departments/department-simulator-host';
import { GatewayError } from '../errors/gateway-error';
import { ApplicationsService } from './applications.service';

/** Who submits the demo application, and its idempotency key: submitting it again finds it. */
export const DEMO_APPLICATION_ACTOR = 'demo';
export const DEMO_APPLICATION_KEY = 'demo-construction-application';

/**
 * The demo of `npm start` shows one construction application end to end: a
 * demo enterprise known to all four departments applies for every procedure,
 * typing only what OnceGate cannot prefill, and the delivery worker sends it
 * to the four simulated departments. Only when demo data is on and every
 * department is simulated in this process, so that nothing reaches a real
 * department system.
 */
@Injectable()
export class DemoApplication {
  private readonly logger = new Logger(DemoApplication.name);

  constructor(
    private readonly config: GatewayConfig,
    private readonly departments: DepartmentSimulatorHost,
    private readonly service: ApplicationsService,
    private readonly applicants: ApplicantRepository,
    private readonly applications: ApplicationRepository,
  ) {}

  private get enabled(): boolean {
    return this.config.demoSeed && this.departments.simulatesAll();
  }

  /** The demo application's id, once submitted; null outside the demo. */
  async id(): Promise<string | null> {
    if (!this.enabled) return null;
    const found = await this.applications.findByClientKey(
      DEMO_APPLICATION_ACTOR,
      DEMO_APPLICATION_KEY,
    );
    return found?.id ?? null;
  }

  /**
   * Submits the demo application unless it is there already. Returns its id,
   * or null outside the demo or when the demo enterprise is not in the
   * registry (a registry seeded with other data); a refusal is logged, never
   * thrown: the gateway starts either way.
   */
  async submitIfAbsent(): Promise<string | null> {
    if (!this.enabled) return null;
    const existing = await this.id();
    if (existing) return existing;
    const demo = demoConstructionApplicant(generateDemoApplicants());
    const uscc = demo?.identifiers.find((i) => i.scheme === 'USCC')?.value;
    const applicant = uscc ? await this.applicants.findActiveByIdentifier('USCC', uscc) : null;
    if (!applicant) return null;
    try {
      const { fields, prefill } = await this.service.form(
        applicant.id,
        DEMO_CONSTRUCTION_PROCEDURES,
      );
      const typed = demoConstructionItems();
      // The applicant types only what the form could not prefill.
      const items = fields
        .filter(({ item }) => !prefill.has(item.id) && typed[item.id] !== undefined)
        .map(({ item }) => ({ id: item.id, value: typed[item.id] }));
      const { application } = await this.service.submit(
        {
          idempotencyKey: DEMO_APPLICATION_KEY,
          applicantId: applicant.id,
          procedures: DEMO_CONSTRUCTION_PROCEDURES,
          items,
        },
        DEMO_APPLICATION_ACTOR,
      );
      this.logger.log(
        `Demo application ${application.applicationNo} submitted for ${applicant.name}`,
      );
      return application.id;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.logger.warn(`The demo application was refused: ${error.message}`);
      return null;
    }
  }
}
