import { Injectable, Logger } from '@nestjs/common';
import { generateDemoApplicants } from '@oncegate/demo';
import { ApplicantRepository, seedIfEmpty } from '@oncegate/registry';

/** Fills an empty registry with the demo applicants of `npm start`; never touches a registry that has data. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(private readonly applicants: ApplicantRepository) {}

  async seedIfEmpty(): Promise<number> {
    const result = await seedIfEmpty(this.applicants, generateDemoApplicants());
    if (result.stoppedBecause === 'SEEDED_CONCURRENTLY') {
      this.logger.warn(
        'Demo data was being seeded by another process; stopped after %d',
        result.seeded,
      );
    }
    return result.seeded;
  }
}
