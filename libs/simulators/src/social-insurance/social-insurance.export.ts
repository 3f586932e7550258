import type { DepartmentRecordRow } from '../department-record-row';
import type {
  SocialInsuranceEmployerRecord,
  SocialInsurancePersonRecord,
} from './social-insurance.records';

/**
 * One 参保单位 in the common form, keyed by its 单位编号 (`unit_no`, the
 * local id its ground-truth row names). A unit registered before 三证合一
 * may hold only an 组织机构代码: that is not a USCC, so `uscc` stays empty.
 */
export function socialInsuranceEmployerRow(
  record: SocialInsuranceEmployerRecord,
): DepartmentRecordRow {
  return {
    record_id: `social-insurance:${record.unit_no}`,
    system: 'social-insurance',
    kind: 'ENTERPRISE',
    name: record.unit_name,
    uscc: record.uscc ?? '',
    resident_id: '',
    legal_rep: record.legal_rep ?? '',
    birth_date: '',
    phone: record.contact_phone ?? '',
    address: record.unit_address ?? '',
  };
}

/**
 * One 参保人员 in the common form, keyed by its 个人编号 (`personal_no`). A
 * PERSON row even though it names an employer: the employer's code and name
 * describe where the person works, not who the person is, so they are not
 * exported as the row's identity. The 社会保障号码 is the 身份证号码 only for
 * 证件类型 01 (居民身份证); the birth date keeps the system's `yyyyMMdd`.
 */
export function socialInsurancePersonRow(record: SocialInsurancePersonRecord): DepartmentRecordRow {
  return {
    record_id: `social-insurance:${record.personal_no}`,
    system: 'social-insurance',
    kind: 'PERSON',
    name: record.name,
    uscc: '',
    resident_id: record.cert_type === '01' ? record.social_security_no : '',
    legal_rep: '',
    birth_date: record.birth_date ?? '',
    phone: record.mobile ?? '',
    address: record.address ?? '',
  };
}
