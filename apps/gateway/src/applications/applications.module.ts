import { Module, type OnModuleInit } from '@nestjs/common';
import {
  LandPlanningPort,
  ProjectApprovalPort,
  SocialInsurancePort,
  TaxPort,
  type DepartmentSubmission,
} from '@oncegate/adapters';
import {
  loadProcedureCatalogue,
  loadWorkingCalendar,
  ProcedureCatalogue,
  WorkingCalendar,
} from '@oncegate/applications';
import type { StoredDelivery } from '@oncegate/registry';
import { GatewayConfig } from '../config/gateway.config';
import { ApplicationsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';
import { DeliveryWorker } from './delivery.worker';
import { DemoApplication } from './demo-application';

/** A stored submission as its adapter takes it (dates revived from JSON). */
function submissionOf(delivery: StoredDelivery): DepartmentSubmission {
  const payload = delivery.payload as DepartmentSubmission & { submittedAt: string };
  return { ...payload, submittedAt: new Date(payload.submittedAt) };
}

/** Applications: the catalogue, the one form, submissions, the outbox's delivery worker. */
@Module({
  providers: [
    {
      provide: ProcedureCatalogue,
      inject: [GatewayConfig],
      // Read at boot: a bad catalogue stops the gateway with its message.
      useFactory: (config: GatewayConfig) => loadProcedureCatalogue(config.procedureCatalogueFile),
    },
    {
      provide: WorkingCalendar,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => loadWorkingCalendar(config.workingCalendarFile),
    },
    ApplicationsService,
    DeliveryWorker,
    ApplicationsResolver,
    DemoApplication,
  ],
  exports: [DeliveryWorker, ApplicationsService, DemoApplication, WorkingCalendar],
})
export class ApplicationsModule implements OnModuleInit {
  constructor(
    private readonly worker: DeliveryWorker,
    private readonly projectApproval: ProjectApprovalPort,
    private readonly landPlanning: LandPlanningPort,
    private readonly tax: TaxPort,
    private readonly socialInsurance: SocialInsurancePort,
  ) {}

  onModuleInit(): void {
    const ports = {
      'project-approval': this.projectApproval,
      'land-planning': this.landPlanning,
      tax: this.tax,
      'social-insurance': this.socialInsurance,
    } as const;
    this.worker.handle('SUBMISSION', async (delivery) => {
      const port = ports[delivery.target as keyof typeof ports];
      if (!port) throw new Error(`unknown department ${delivery.target}`);
      const receipt = await port.submit(submissionOf(delivery));
      return { receiptNo: receipt.receiptNo, receivedAt: receipt.receivedAt };
    });
  }
}
