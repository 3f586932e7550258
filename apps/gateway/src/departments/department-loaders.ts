import DataLoader from 'dataloader';
import {
  LandPlanningPort,
  ProjectApprovalPort,
  SocialInsurancePort,
  TaxPort,
  type InsuredEmployer,
  type InsuredPerson,
  type LandParcel,
  type Project,
  type TaxProfile,
} from '@oncegate/adapters';
import { Injectable } from '@nestjs/common';

/**
 * One DataLoader per department operation, made per request: every key asked
 * for while a request resolves one level of the query goes out as one batch,
 * so a page of applicants costs one call per department, not one per row.
 * Caching across requests is the adapters' job (TTL per department).
 */
export interface DepartmentLoaders {
  projects: DataLoader<string, Project[]>;
  landParcels: DataLoader<string, LandParcel[]>;
  tax: DataLoader<string, TaxProfile | null>;
  employers: DataLoader<string, InsuredEmployer | null>;
  persons: DataLoader<string, InsuredPerson | null>;
}

function batch<V>(fetch: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>, absent: V) {
  return async (keys: readonly string[]): Promise<(V | Error)[]> => {
    const found = await fetch(keys);
    return keys.map((k) => found.get(k) ?? absent);
  };
}

@Injectable()
export class DepartmentLoadersFactory {
  constructor(
    private readonly projectApproval: ProjectApprovalPort,
    private readonly landPlanning: LandPlanningPort,
    private readonly taxPort: TaxPort,
    private readonly socialInsurance: SocialInsurancePort,
  ) {}

  create(): DepartmentLoaders {
    return {
      projects: new DataLoader(
        batch((k) => this.projectApproval.projectsByUscc(k), [] as Project[]),
      ),
      landParcels: new DataLoader(
        batch((k) => this.landPlanning.parcelsByHolder(k), [] as LandParcel[]),
      ),
      tax: new DataLoader(batch<TaxProfile | null>((k) => this.taxPort.taxpayers(k), null)),
      employers: new DataLoader(
        batch<InsuredEmployer | null>((k) => this.socialInsurance.employers(k), null),
      ),
      persons: new DataLoader(
        batch<InsuredPerson | null>((k) => this.socialInsurance.persons(k), null),
      ),
    };
  }
}
