import type { RecordChange } from '../shared';
import { changeIndexOf, type ChangeIndex } from '../shared/change-index';
import type { TaxData } from './tax.data';
import type { TaxpayerInfoRecord } from './tax.record';
import { chinaMidnight, formatTaxTime, parseTaxTime } from './tax.time';

/** tax.wsdl's default and largest 每页条数 (MYTS) of GetTaxpayerInfoChanges. */
export const TAX_CHANGES_DEFAULT_PAGE = 100;
export const TAX_CHANGES_MAX_PAGE = 500;

/** 09:00 China time, after midnight China time. */
const NINE_AM_MS = 9 * 3_600_000;
/** Eight office hours, in seconds. */
const OFFICE_SECONDS = 8 * 3600;

/** FNV-1a over a 登记序号: a stable, seedless spread for registrations that carry no GXSJ. */
function spread(djxh: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < djxh.length; i++) hash = Math.imul(hash ^ djxh.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * 更新时间 of a registration, in milliseconds since the epoch: its `GXSJ`; for
 * a registration without one (a replayed export of a system that does not
 * export it), a moment during office hours (09:00–17:00 China time) of its
 * 登记日期 picked from its 登记序号, so it is the same every time it is served.
 */
export function taxChangedAt(record: TaxpayerInfoRecord): number {
  const stated = record.GXSJ === undefined ? null : parseTaxTime(record.GXSJ);
  if (stated !== null) return stated;
  return chinaMidnight(record.DJRQ) + NINE_AM_MS + (spread(record.DJXH) % OFFICE_SECONDS) * 1000;
}

/** The change index of one `registrations` array, shared by its simulators and `updateTaxRecord`. */
function changeIndex(registrations: readonly TaxpayerInfoRecord[]) {
  return changeIndexOf(registrations, (record) => record.DJXH, taxChangedAt);
}

const TEXT_LIMIT = 200;

function checkedText(value: string, what: string): string {
  const length = [...value].length;
  if (value.trim() === '' || length > TEXT_LIMIT) {
    throw new RangeError(`${what} must be 1–${TEXT_LIMIT} characters (tax.wsdl TextType)`);
  }
  return value;
}

/**
 * Applies a department-side change to the registration whose 登记序号 is
 * `localId`, in place (the objects the tax simulator serves, so a running
 * simulator shows it at once, in GetTaxpayerInfo and in the change feed), and
 * sets its 更新时间 to `change.changedAt`, so that the feed serves it again
 * after any cursor read before. What the fields mean here: `name` → 纳税人名称
 * (NSRMC); `phone` → 联系电话 (LXDH); `address` → 注册地址 (ZCDZ) of a unit or
 * 个体经营, 联系地址 (LXDZ) of a natural person; `legalRepresentative` →
 * 法定代表人 (FDDBRXM) of a unit or 个体经营 (a natural person has none: ignored);
 * the former representative's ID number is dropped with them, since the change
 * does not carry the new one's.
 *
 * Returns false, changing nothing, for an unknown 登记序号. Throws a
 * RangeError for a change the contract cannot carry (an invalid date, an
 * empty or over-long text).
 */
export function updateTaxRecord(
  data: Pick<TaxData, 'registrations'>,
  localId: string,
  change: RecordChange,
): boolean {
  const at = change.changedAt.getTime();
  if (Number.isNaN(at)) throw new RangeError('changedAt must be a valid Date');
  const gxsj = formatTaxTime(at);
  const values = {
    name: change.name === undefined ? undefined : checkedText(change.name, 'name'),
    phone: change.phone === undefined ? undefined : checkedText(change.phone, 'phone'),
    address: change.address === undefined ? undefined : checkedText(change.address, 'address'),
    legalRepresentative:
      change.legalRepresentative === undefined
        ? undefined
        : checkedText(change.legalRepresentative, 'legalRepresentative'),
  };

  const index = changeIndex(data.registrations);
  const record = index.find(localId);
  if (!record) return false;

  const person = record.NSRLX === '自然人';
  if (values.name !== undefined) record.NSRMC = values.name;
  if (values.phone !== undefined) record.LXDH = values.phone;
  if (values.address !== undefined) {
    if (person) record.LXDZ = values.address;
    else record.ZCDZ = values.address;
  }
  if (values.legalRepresentative !== undefined && !person) {
    record.FDDBRXM = values.legalRepresentative;
    delete record.FDDBRZJLX;
    delete record.FDDBRSFZJHM;
  }
  record.GXSJ = gxsj;
  index.touched(record);
  return true;
}

/** Where a change feed reads on from: the 更新时间 (ms) and 登记序号 of the last registration read. */
export interface TaxFeedCursor {
  readonly at: number;
  /** `''` reads every registration changed at `at` too. */
  readonly djxh: string;
}

/**
 * The change feed over one `registrations` array: the registrations in
 * (更新时间, 登记序号) order, built on the first read (a server that is never
 * asked for changes pays nothing) and kept in order through the updates made
 * with `updateTaxRecord` (see `ChangeIndex`), so a page costs O(log n + page).
 */
export class TaxChangeFeed {
  private readonly index: ChangeIndex<TaxpayerInfoRecord>;

  constructor(registrations: readonly TaxpayerInfoRecord[]) {
    this.index = changeIndex(registrations);
  }

  /** Up to `limit` registrations strictly after `after` (all from the first when null), and whether more follow. */
  page(
    after: TaxFeedCursor | null,
    limit: number,
  ): { readonly records: TaxpayerInfoRecord[]; readonly hasMore: boolean } {
    const { records, hasMore } = this.index.page(
      after === null ? null : { time: after.at, id: after.djxh },
      limit,
    );
    return { records, hasMore };
  }
}

/** A registration as the feed serves it: with its 更新时间, also when the record holds none. */
export function withChangeTime(record: TaxpayerInfoRecord): TaxpayerInfoRecord {
  return record.GXSJ === undefined
    ? { ...record, GXSJ: formatTaxTime(taxChangedAt(record)) }
    : record;
}
