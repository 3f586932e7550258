import type { DepartmentRecordRow } from '../department-record-row';
import type { ProjectApprovalRecord } from './project-approval.record';

/** A row's local id, the one its ground-truth row names: its 项目代码. */
export function projectApprovalLocalId(record: ProjectApprovalRecord): string {
  return record.xmdm;
}

/**
 * One row of the 投资项目在线审批监管平台 in the common form. Every row is a
 * declaring 项目单位, so an ENTERPRISE. The platform holds no address of the
 * unit: 建设地点 (`jsdd`) is where the project is built, often another place,
 * so `address` stays empty rather than passing the site off as one.
 */
export function projectApprovalRecordRow(record: ProjectApprovalRecord): DepartmentRecordRow {
  return {
    record_id: `project-approval:${record.xmdm}`,
    system: 'project-approval',
    kind: 'ENTERPRISE',
    name: record.xmdw,
    uscc: record.tyshxydm ?? '',
    resident_id: '',
    legal_rep: record.fddbr ?? '',
    birth_date: '',
    phone: record.lxdh ?? '',
    address: '',
  };
}
