import type { Request, Response } from 'express';
import type { RequestAccess } from './access/request-access';
import type { ApplicantLoaders } from './applicants/applicant.loaders';
import type { DepartmentLoaders } from './departments/department-loaders';

/**
 * What every resolver gets: who asks and for what, this request's
 * DataLoaders, and the HTTP exchange (absent for a subscription's events,
 * which arrive over a WebSocket).
 */
export interface GatewayContext {
  access: RequestAccess;
  req?: Request;
  res?: Response;
  loaders: ApplicantLoaders;
  departments: DepartmentLoaders;
}
