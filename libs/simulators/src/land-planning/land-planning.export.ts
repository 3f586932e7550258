import type { DepartmentRecordRow } from '../department-record-row';
import type { LandPlanningParcelRecord } from './land-planning.records';

/** A record's local id, the one its ground-truth row names: its 不动产单元号. */
export function landPlanningLocalId(record: LandPlanningParcelRecord): string {
  return record.BDCDYH;
}

/**
 * Whether the 权利人 is a person. The 证件种类 says so when it was entered;
 * records migrated without one (`ZJZL` null) are told apart by what the
 * registry does hold: a 宅基地 is only ever granted to a rural household
 * member, and a 法定代表人 only exists for an organisation.
 */
export function landPlanningHolderIsPerson(
  record: Pick<LandPlanningParcelRecord, 'ZJZL' | 'QLLX'>,
): boolean {
  if (record.ZJZL === '身份证') return true;
  if (record.ZJZL === '统一社会信用代码') return false;
  if (record.QLLX.startsWith('宅基地')) return true;
  return false;
}

/**
 * One 不动产单元 of the 不动产登记 / planning platform in the common form. The
 * 证件号 goes to `resident_id` or `uscc` only by its 证件种类: a number whose
 * kind the registry does not record is not guessed at. The address is the
 * holder's 通讯地址 (`TXDZ`), not the parcel's 坐落.
 */
export function landPlanningRecordRow(record: LandPlanningParcelRecord): DepartmentRecordRow {
  const person = landPlanningHolderIsPerson(record);
  return {
    record_id: `land-planning:${record.BDCDYH}`,
    system: 'land-planning',
    kind: person ? 'PERSON' : 'ENTERPRISE',
    name: record.QLRMC,
    uscc: record.ZJZL === '统一社会信用代码' ? (record.ZJH ?? '') : '',
    resident_id: record.ZJZL === '身份证' ? (record.ZJH ?? '') : '',
    legal_rep: person ? '' : (record.FDDBR ?? ''),
    birth_date: '',
    phone: record.LXDH ?? '',
    address: record.TXDZ ?? '',
  };
}
