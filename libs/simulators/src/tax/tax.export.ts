import type { DepartmentRecordRow } from '../department-record-row';
import type { TaxpayerInfoRecord } from './tax.record';

/** A registration's local id, the one its ground-truth row names: its 登记序号. */
export function taxLocalId(record: TaxpayerInfoRecord): string {
  return record.DJXH;
}

/**
 * One registration of the tax system in the common form. A 自然人 taxpayer is
 * a PERSON; 单位纳税人 and 个体经营 are ENTERPRISE rows whose 纳税人识别号 is
 * their USCC as held.
 *
 * A person's ID number is the 证件号码 (`ZJHM`) as keyed in, mess and all;
 * when that was never entered the 纳税人识别号 stands in, because a natural
 * person's 纳税人识别号 *is* their 身份证号码 (the tax system holds it, nothing
 * is invented). A 证件号码 of another 证件类型 (passport…) is not a 身份证号码
 * and is left out.
 */
export function taxRecordRow(record: TaxpayerInfoRecord): DepartmentRecordRow {
  if (record.NSRLX === '自然人') {
    const residentId =
      record.ZJHM === undefined
        ? record.NSRSBH
        : record.ZJLX === undefined || record.ZJLX === '居民身份证'
          ? record.ZJHM
          : '';
    return {
      record_id: `tax:${record.DJXH}`,
      system: 'tax',
      kind: 'PERSON',
      name: record.NSRMC,
      uscc: '',
      resident_id: residentId,
      legal_rep: '',
      birth_date: record.CSRQ ?? '',
      phone: record.LXDH ?? '',
      address: record.LXDZ ?? '',
    };
  }
  return {
    record_id: `tax:${record.DJXH}`,
    system: 'tax',
    kind: 'ENTERPRISE',
    name: record.NSRMC,
    uscc: record.NSRSBH,
    resident_id: '',
    legal_rep: record.FDDBRXM ?? '',
    birth_date: '',
    phone: record.LXDH ?? '',
    // 注册地址 first: it is what the unit registered; the others are where it works or takes mail.
    address: record.ZCDZ ?? record.SCJYDZ ?? record.LXDZ ?? '',
  };
}
