import type { Request, Response } from 'express';
import type { ApplicantLoaders } from './applicants/applicant.loaders';
import type { DepartmentLoaders } from './departments/department-loaders';

/** What every resolver gets: the HTTP exchange and this request's DataLoaders. */
export interface GatewayContext {
  req: Request;
  res: Response;
  loaders: ApplicantLoaders;
  departments: DepartmentLoaders;
}
