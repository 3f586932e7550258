import { residentIdCheckChar } from '@oncegate/identifiers';
import type { DemoApplicant } from './demo.types';

/**
 * Stage one of a construction project plus the tax and social-insurance
 * registrations: every procedure of `contracts/procedures.json`, which the
 * demo, the end-to-end tests and `bench:applications` apply for together.
 */
export const DEMO_CONSTRUCTION_PROCEDURES: readonly string[] = [
  'INVESTMENT_PROJECT_APPROVAL',
  'LAND_PREEXAM_SITE_SELECTION',
  'LAND_USE_PLANNING_PERMIT',
  'TAX_INFO_CONFIRMATION',
  'SI_UNIT_REGISTRATION',
];

/**
 * What an enterprise types for those procedures: every form item OnceGate
 * cannot prefill from the departments (the legal representative's ID number,
 * the contact, the project, the land, the finance contact, the bank account).
 * Valid throughout; a made-up person and project.
 */
export function demoConstructionItems(): Record<string, string> {
  return {
    'applicant.legalRepIdNo': `33052219810405271${residentIdCheckChar('33052219810405271')}`,
    'contact.name': '王小明',
    'contact.phone': '13912345678',
    'project.name': '长兴县新材料产业园一期工程',
    'project.category': 'FILING',
    'project.constructionNature': 'NEW',
    'project.divisionCode': '330522',
    'project.address': '长兴县太湖街道经一路18号',
    'project.totalInvestment': '12800.50',
    'project.fundingSource': 'ENTERPRISE',
    'project.plannedStart': '2027-03-01',
    'project.plannedCompletion': '2028-12-31',
    'project.totalFloorArea': '45600',
    'land.area': '66700',
    'land.use': 'INDUSTRIAL',
    'tax.financeContactName': '李会计',
    'tax.financeContactPhone': '13800001111',
    'tax.accountingStandard': 'SBAS',
    'si.bankName': '中国农业银行长兴支行',
    'si.bankAccount': '19235101040012345',
    'si.employeeCount': '35',
    'si.insuranceTypes': 'PENSION,UNEMPLOYMENT,WORK_INJURY',
  };
}

/**
 * The demo enterprise that applies: the first enterprise with a 统一社会信用代码
 * that all four departments hold a record of, so that its form shows values
 * prefilled from each of them. Undefined for a population without one.
 */
export function demoConstructionApplicant(
  applicants: readonly DemoApplicant[],
): DemoApplicant | undefined {
  return applicants.find(
    (a) =>
      a.kind === 'ENTERPRISE' &&
      a.identifiers.some((i) => i.scheme === 'USCC') &&
      new Set(a.sourceRecords.map((r) => r.system)).size === 4,
  );
}
