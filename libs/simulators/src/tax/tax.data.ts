import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import {
  DEMO_COUNTIES,
  Random,
  legacyResidentId,
  messyEnterpriseName,
  messyPersonName,
  messyResidentIdTyping,
  toFullWidth,
  type DemoApplicant,
} from '@oncegate/demo';
import { normalizeIdentifierInput, upgradeResidentId15 } from '@oncegate/identifiers';
import { parseXml, XmlSyntaxError } from './tax-xml';
import { chinaMidnight, formatTaxTime } from './tax.time';
import {
  TAX_NAMESPACE,
  TaxRecordError,
  taxpayerInfoFromXml,
  taxpayerInfoToXml,
  type NsxyxxRecord,
  type QsxxRecord,
  type TaxpayerInfoRecord,
} from './tax.record';

/** Which population member a registration is: `localId` is its 登记序号 (DJXH). */
export interface TaxTruthRow {
  readonly localId: string;
  /** The member's canonical 18-character identifier: USCC of an enterprise, resident ID of a person. */
  readonly applicantKey: string;
}

/** The tax system's registrations, in its own format, with the ground truth. */
export interface TaxData {
  readonly registrations: readonly TaxpayerInfoRecord[];
  readonly truth: readonly TaxTruthRow[];
}

export interface TaxDataOptions {
  readonly seed: number;
  /** "Today" of the data (ratings published, arrears accrued); default 2026-11-01, the demo's today. */
  readonly now?: Date;
}

const DEFAULT_NOW = '2026-11-01T00:00:00Z';
const DAY_MS = 86_400_000;

/** How often each kind of mess is put in (per record of the kind it fits). */
const RATES = {
  enterpriseNameVariant: 0.12,
  staleLegalRepresentative: 0.08,
  legalRepresentativeLegacyId: 0.04,
  legalRepresentativeIdTyping: 0.05,
  legalRepresentativeIdMissing: 0.05,
  movedAddress: 0.07,
  changedPhone: 0.08,
  personNameVariant: 0.06,
  /** Of persons whose number ends in X. */
  lowerCaseX: 0.5,
  personLegacyId: 0.05,
  personFullWidthId: 0.04,
  personIdMissing: 0.04,
  enterpriseDuplicate: 0.015,
  personDuplicate: 0.004,
} as const;

const day = (iso: string): number =>
  Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const iso = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);

function text(raw: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = raw?.[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function attribute(applicant: DemoApplicant, name: string): string | undefined {
  return applicant.attributes.find((a) => a.name === name)?.value;
}

/** Yuan from cents, two decimals, as xs:decimal text. */
function yuan(cents: number): string {
  const c = Math.max(0, Math.round(cents));
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

/** A phone changed in its last four digits, landlines (`0572-6…`) too. */
function changedAnyPhone(phone: string, rng: Random): string {
  const m = /^(.*\d)(\d{4})$/.exec(phone);
  if (!m) return phone;
  let next = phone;
  while (next === phone) next = m[1] + String(rng.int(0, 9999)).padStart(4, '0');
  return next;
}

/** Region prefixes enterprise names start with (county or city), longest first. */
const REGION_PREFIXES = [...new Set(DEMO_COUNTIES.flatMap((c) => [c.name, c.city]))].sort(
  (a, b) => b.length - a.length,
);

const COUNTY_NAMES = new Map(DEMO_COUNTIES.map((c) => [c.code, c.name]));

function taxOfficeName(countyCode: string): string | undefined {
  const name = COUNTY_NAMES.get(countyCode);
  return name ? `国家税务总局${name}税务局` : undefined;
}

const UNIT_TAX_TYPES = [
  ['增值税', 40],
  ['企业所得税', 18],
  ['城市维护建设税', 10],
  ['个人所得税', 8],
  ['房产税', 7],
  ['城镇土地使用税', 6],
  ['印花税', 4],
  ['社会保险费', 7],
] as const;

/**
 * Builds the county tax system's registrations from the population:
 *
 * - every enterprise is a taxpayer (单位纳税人 or 个体经营); persons are
 *   natural-person taxpayers when the population lists them in tax (those
 *   seeded into the registry with a tax record, about 28% of the demo's
 *   persons), so that every tax record the registry knows exists here;
 * - records start from the population's own tax payload (its 登记序号 and
 *   fields) where there is one, and add what only tax knows: 纳税信用评价
 *   (评价年度, 分数), 欠税, a few 停业/非正常/清算/注销 taxpayers;
 * - every registration gets a 更新时间 (GXSJ, the change feed's order): a
 *   working moment of its 登记日期, or for 40% of them of a later day before
 *   today (a change since), from a stream of its own seed;
 * - then the mess a real 金税 database has: name variants, stale 法定代表人,
 *   legal representatives' ID numbers in 15-digit, lower-case, full-width or
 *   spaced form or missing, moved addresses, changed phones, natural persons
 *   stored with a lower-case x, and a few numbers with two 登记序号 (an old one
 *   注销 after a move to another county, or a duplicate made in error).
 *
 * Deterministic for a seed and population; one pass with O(1) work per
 * applicant (random picks index arrays), so a million applicants is fine.
 */
export function generateTaxData(
  population: readonly DemoApplicant[],
  options: TaxDataOptions,
): TaxData {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be an integer');
  const now = options.now ?? new Date(DEFAULT_NOW);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');
  const rng = Random.derive(options.seed, 'tax-data');
  // A stream of its own, so that the change times leave every other value as it was.
  const changeRng = Random.derive(options.seed, 'tax-changed-at');
  const nowDay = Math.floor(now.getTime() / DAY_MS);
  // Ratings of year Y are published about April of Y + 1.
  const ratedYear = now.getUTCMonth() >= 4 ? now.getUTCFullYear() - 1 : now.getUTCFullYear() - 2;

  const persons: number[] = [];
  const enterprises: number[] = [];
  population.forEach((a, i) => (a.kind === 'PERSON' ? persons : enterprises).push(i));

  const registrations: TaxpayerInfoRecord[] = [];
  const truth: TaxTruthRow[] = [];
  let ownSerial = 0;
  /** 登记序号 this generator makes up: a digit 8/9 where the demo's counters never reach. */
  const newDjxh = (prefix: string, county: string, marker: '8' | '9') =>
    `${prefix}${county}${marker}${String(++ownSerial).padStart(11, '0')}`;

  const otherAddress = (pool: readonly number[], current: string | undefined) => {
    if (pool.length < 2) return undefined;
    const address = attribute(population[pool[rng.int(0, pool.length - 1)]], 'address');
    return address && address !== current ? address : undefined;
  };

  for (const applicant of population) {
    const isEnterprise = applicant.kind === 'ENTERPRISE';
    const key = applicant.identifiers.find(
      (i) => i.scheme === (isEnterprise ? 'USCC' : 'RESIDENT_ID'),
    )?.value;
    if (!key) continue;
    const raw = applicant.sourceRecords.find((r) => r.system === 'tax')?.rawPayload;
    if (!isEnterprise && !raw) continue;

    const record = isEnterprise
      ? enterpriseRecord(applicant, key, raw, () => newDjxh('10', key.slice(2, 8), '8'))
      : personRecord(applicant, key, raw ?? {});

    if (isEnterprise) {
      if (rng.chance(RATES.enterpriseNameVariant)) {
        const prefix = REGION_PREFIXES.find((p) => record.NSRMC.startsWith(p)) ?? null;
        record.NSRMC = messyEnterpriseName(record.NSRMC, prefix, rng);
      }
      if (record.FDDBRXM && rng.chance(RATES.staleLegalRepresentative) && persons.length > 0) {
        const former = population[persons[rng.int(0, persons.length - 1)]];
        const formerId = former.identifiers.find((i) => i.scheme === 'RESIDENT_ID')?.value;
        if (former.name !== record.FDDBRXM && formerId) {
          record.FDDBRXM = former.name;
          record.FDDBRSFZJHM = formerId;
        }
      }
      const repId = record.FDDBRSFZJHM;
      if (repId) {
        const roll = rng.next();
        let threshold = RATES.legalRepresentativeLegacyId;
        if (roll < threshold) {
          record.FDDBRSFZJHM = legacyResidentId(repId) ?? repId;
        } else if (roll < (threshold += RATES.legalRepresentativeIdTyping)) {
          record.FDDBRSFZJHM = messyResidentIdTyping(repId, rng);
        } else if (roll < threshold + RATES.legalRepresentativeIdMissing) {
          delete record.FDDBRSFZJHM;
        }
      }
      if (rng.chance(RATES.movedAddress)) {
        const moved = otherAddress(enterprises, record.ZCDZ);
        if (moved) {
          record.ZCDZ = moved;
          record.SCJYDZ = moved;
        }
      }
    } else {
      if (record.NSRSBH.endsWith('X') && rng.chance(RATES.lowerCaseX)) {
        // Keyed in by hand before the system upper-cased input; the number and ID are the same entry.
        record.NSRSBH = record.NSRSBH.toLowerCase();
        if (record.ZJHM) record.ZJHM = record.ZJHM.toLowerCase();
      }
      if (record.ZJHM) {
        const roll = rng.next();
        let threshold = RATES.personLegacyId;
        if (roll < threshold) {
          record.ZJHM = legacyResidentId(key) ?? record.ZJHM;
        } else if (roll < (threshold += RATES.personFullWidthId)) {
          record.ZJHM = toFullWidth(record.ZJHM);
        } else if (roll < threshold + RATES.personIdMissing) {
          delete record.ZJHM;
          delete record.ZJLX;
        }
      }
      if (rng.chance(RATES.personNameVariant)) record.NSRMC = messyPersonName(record.NSRMC, rng);
      if (record.LXDZ && rng.chance(RATES.movedAddress)) {
        record.LXDZ = otherAddress(persons, record.LXDZ) ?? record.LXDZ;
      }
    }
    if (record.LXDH && rng.chance(RATES.changedPhone))
      record.LXDH = changedAnyPhone(record.LXDH, rng);

    settleStatus(record, rng);
    if (isEnterprise) rate(record, raw, rng, ratedYear);
    addArrears(record, rng, nowDay);

    const chain = [record];
    if (rng.chance(isEnterprise ? RATES.enterpriseDuplicate : RATES.personDuplicate)) {
      const extra = duplicateRegistration(record, rng, nowDay, () =>
        newDjxh(record.DJXH.slice(0, 2), record.DJXH.slice(2, 8), '9'),
      );
      if (extra) chain.push(extra);
    }
    for (const r of chain) {
      r.GXSJ = changeTime(r, changeRng, now);
      registrations.push(r);
      truth.push({ localId: r.DJXH, applicantKey: key });
    }
  }
  return { registrations, truth };
}

/** Office hours in China time, in seconds after midnight: 08:30–17:30. */
const OFFICE_OPENS = 8.5 * 3600;
const OFFICE_CLOSES = 17.5 * 3600;

/**
 * 更新时间 of a finished registration: during office hours on its 登记日期, or
 * (40%) on a later day before today; never after `now`.
 */
function changeTime(record: TaxpayerInfoRecord, rng: Random, now: Date): string {
  const registered = chinaMidnight(record.DJRQ);
  const days = Math.max(0, Math.floor((now.getTime() - registered) / DAY_MS) - 1);
  const later = rng.chance(0.4) ? rng.int(1, Math.max(1, days)) : 0;
  const at =
    registered + Math.min(later, days) * DAY_MS + rng.int(OFFICE_OPENS, OFFICE_CLOSES) * 1000;
  return formatTaxTime(Math.min(at, now.getTime() - 1000));
}

function enterpriseRecord(
  applicant: DemoApplicant,
  uscc: string,
  raw: Record<string, unknown> | undefined,
  makeDjxh: () => string,
): TaxpayerInfoRecord {
  const county = attribute(applicant, 'divisionCode') ?? uscc.slice(2, 8);
  const djrq = text(raw, 'DJRQ') ?? attribute(applicant, 'establishedOn') ?? '2016-01-01';
  const record: TaxpayerInfoRecord = {
    DJXH: text(raw, 'DJXH') ?? makeDjxh(),
    NSRSBH: uscc,
    NSRMC: text(raw, 'NSRMC') ?? applicant.name,
    NSRLX: text(raw, 'NSRLX') ?? (uscc.startsWith('92') ? '个体经营' : '单位纳税人'),
    ZZSNSRLX: text(raw, 'ZZSNSRLX') ?? '小规模纳税人',
    NSRZT: text(raw, 'NSRZT') ?? '正常',
    ZGSWJG_DM: text(raw, 'ZGSWJG_DM') ?? `1${county}0000`,
    ZGSWJG: text(raw, 'ZGSWJG') ?? taxOfficeName(county),
    DJRQ: djrq,
    KYRQ: text(raw, 'KYRQ') ?? attribute(applicant, 'establishedOn'),
    HYDM: text(raw, 'HYDM'),
    HYMC: text(raw, 'HYMC') ?? attribute(applicant, 'industry'),
    FDDBRXM: text(raw, 'FDDBRXM') ?? attribute(applicant, 'legalRepresentative'),
    FDDBRZJLX: text(raw, 'FDDBRZJLX'),
    FDDBRSFZJHM: text(raw, 'FDDBRSFZJHM'),
    ZCDZ: text(raw, 'ZCDZ') ?? attribute(applicant, 'address'),
    SCJYDZ: text(raw, 'SCJYDZ') ?? attribute(applicant, 'address'),
    LXDH: text(raw, 'LXDH') ?? attribute(applicant, 'phone'),
    ZCZB: text(raw, 'ZCZB') ?? attribute(applicant, 'registeredCapital'),
  };
  return withoutUndefined(record);
}

function personRecord(
  applicant: DemoApplicant,
  residentId: string,
  raw: Record<string, unknown>,
): TaxpayerInfoRecord {
  const county = text(raw, 'ZGSWJG_DM')?.slice(1, 7) ?? residentId.slice(0, 6);
  return withoutUndefined({
    DJXH: text(raw, 'DJXH') ?? `20${county}8${residentId.slice(6, 17)}`,
    NSRSBH: residentId,
    NSRMC: text(raw, 'NSRMC') ?? applicant.name,
    NSRLX: '自然人',
    NSRZT: text(raw, 'NSRZT') ?? '正常',
    ZGSWJG_DM: text(raw, 'ZGSWJG_DM') ?? `1${county}0000`,
    ZGSWJG: text(raw, 'ZGSWJG') ?? taxOfficeName(county),
    DJRQ: text(raw, 'DJRQ') ?? '2019-01-01',
    ZJLX: text(raw, 'ZJLX') ?? '居民身份证',
    ZJHM: text(raw, 'ZJHM') ?? residentId,
    XB: text(raw, 'XB'),
    CSRQ: text(raw, 'CSRQ') ?? attribute(applicant, 'birthDate'),
    LXDZ: text(raw, 'LXDZ'),
    LXDH: text(raw, 'LXDH') ?? attribute(applicant, 'phone'),
  });
}

function withoutUndefined(record: TaxpayerInfoRecord): TaxpayerInfoRecord {
  for (const k of Object.keys(record) as (keyof TaxpayerInfoRecord)[]) {
    if (record[k] === undefined) delete record[k];
  }
  return record;
}

/** A few taxpayers the population shows as 正常 have since stopped, gone 非正常, or closed. */
function settleStatus(record: TaxpayerInfoRecord, rng: Random): void {
  if (record.NSRZT !== '正常') return;
  const roll = rng.next();
  if (record.NSRLX === '自然人') {
    if (roll < 0.005) record.NSRZT = '注销';
  } else if (roll < 0.015) record.NSRZT = '非正常';
  else if (roll < 0.03 && record.NSRLX === '个体经营') record.NSRZT = '停业';
  else if (roll < 0.034 && record.NSRLX === '单位纳税人') record.NSRZT = '清算';
  else if (roll < 0.037) record.NSRZT = '注销';
}

const LEVELS = ['A', 'B', 'M', 'C', 'D'];

/** 纳税信用评价 of the last published year, for units and 个体经营 registered before that year ended. */
function rate(
  record: TaxpayerInfoRecord,
  raw: Record<string, unknown> | undefined,
  rng: Random,
  ratedYear: number,
): void {
  if (Number(record.DJRQ.slice(0, 4)) > ratedYear || record.NSRZT === '注销') return;
  const given = text(raw, 'XYDJ');
  let level =
    given && LEVELS.includes(given)
      ? given
      : rng.weighted([
          ['A', 30],
          ['B', 45],
          ['M', 6],
          ['C', 14],
          ['D', 5],
        ] as const);
  // A 非正常户 is rated D directly (直接判D), without a score.
  if (record.NSRZT === '非正常') level = 'D';
  const score = (from: number, to: number) => (rng.int(from * 10, to * 10) / 10).toFixed(1);
  let pf: string | undefined;
  switch (level) {
    case 'A':
      pf = score(90, 100);
      break;
    case 'B':
      pf = score(70, 89.9);
      break;
    case 'C':
      pf = score(40, 69.9);
      break;
    case 'M':
      pf = rng.chance(0.5) ? score(70, 89.9) : undefined;
      break;
    default:
      pf = record.NSRZT === '非正常' || rng.chance(0.4) ? undefined : score(0, 39.9);
  }
  const rating: NsxyxxRecord = { PJND: String(ratedYear), XYDJ: level };
  if (pf !== undefined) rating.PF = pf;
  record.NSXYXX = rating;
}

/** 欠税: more likely for 非正常户 and low credit levels; late fees at 0.05% a day, never above the tax. */
function addArrears(record: TaxpayerInfoRecord, rng: Random, nowDay: number): void {
  const person = record.NSRLX === '自然人';
  const level = record.NSXYXX?.XYDJ;
  const p = person
    ? 0.01
    : record.NSRZT === '非正常'
      ? 0.6
      : level === 'C' || level === 'D'
        ? 0.25
        : 0.05;
  if (record.NSRZT === '注销' || !rng.chance(p)) return;
  const count = 1 + (rng.chance(0.35) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
  const items: QsxxRecord[] = [];
  for (let i = 0; i < count; i++) {
    const taxType = person ? '个人所得税' : rng.weighted(UNIT_TAX_TYPES);
    let from: number;
    let to: number;
    let due: number;
    if (taxType === '企业所得税' || person) {
      // Annual: 汇算清缴 by 31 May (corporate) / 30 June (individual) of the next year.
      let year = new Date(nowDay * DAY_MS).getUTCFullYear() - rng.int(1, 2);
      due = day(`${year + 1}-${person ? '06-30' : '05-31'}`);
      if (due >= nowDay) {
        year--;
        due = day(`${year + 1}-${person ? '06-30' : '05-31'}`);
      }
      from = day(`${year}-01-01`);
      to = day(`${year}-12-31`);
    } else {
      // Quarterly: due on the 15th of the month after the quarter.
      const today = new Date(nowDay * DAY_MS);
      let quarter =
        today.getUTCFullYear() * 4 + Math.floor(today.getUTCMonth() / 3) - rng.int(1, 8);
      const bounds = (q: number) => {
        const y = Math.floor(q / 4);
        const m = (q % 4) * 3;
        const start = Date.UTC(y, m, 1) / DAY_MS;
        const end = Date.UTC(y, m + 3, 1) / DAY_MS - 1;
        return { start, end, due: Date.UTC(y, m + 3, 15) / DAY_MS };
      };
      let b = bounds(quarter);
      if (b.due >= nowDay) b = bounds(--quarter);
      ({ start: from, end: to, due } = b);
    }
    const overdue = nowDay - due;
    const balanceCents = Math.round(Math.exp(rng.next() * Math.log(300_000 / 200)) * 200 * 100);
    const lateFeeCents = Math.min(balanceCents, balanceCents * 0.0005 * overdue);
    const item: QsxxRecord = {
      SZ: taxType,
      SSQQ: iso(from),
      SSQZ: iso(to),
      QSYE: yuan(balanceCents),
      ZNJ: yuan(lateFeeCents),
    };
    // 欠税公告 come out quarterly for debts more than a few months old.
    if (overdue > 90 && rng.chance(0.6)) item.GGRQ = iso(due + rng.int(60, overdue - 1));
    items.push(item);
  }
  record.QSXX = items;
}

/**
 * A second 登记序号 for the same number: mostly the registration left behind,
 * 注销, when the taxpayer moved in from another county (so the live one is
 * later); sometimes a duplicate live registration made in error. Null when
 * the dates leave no room for one.
 */
function duplicateRegistration(
  record: TaxpayerInfoRecord,
  rng: Random,
  nowDay: number,
  makeDjxh: () => string,
): TaxpayerInfoRecord | null {
  const registered = day(record.DJRQ);
  const { NSXYXX: _rating, QSXX: _arrears, ...facts } = record;
  if (rng.chance(0.7)) {
    if (nowDay - 30 < registered + 180) return null;
    const otherCounties = DEMO_COUNTIES.filter((c) => c.code !== record.ZGSWJG_DM.slice(1, 7));
    const from = rng.pick(otherCounties);
    const left: TaxpayerInfoRecord = {
      ...facts,
      DJXH: makeDjxh(),
      NSRZT: '注销',
      ZGSWJG_DM: `1${from.code}0000`,
      ZGSWJG: `国家税务总局${from.name}税务局`,
    };
    record.DJRQ = iso(rng.int(registered + 180, nowDay - 30));
    return left;
  }
  if (nowDay - 1 < registered + 30) return null;
  const duplicate: TaxpayerInfoRecord = {
    ...facts,
    DJXH: makeDjxh(),
    NSRZT: '正常',
    DJRQ: iso(rng.int(registered + 30, nowDay - 1)),
  };
  duplicate.NSRMC =
    record.NSRLX === '自然人'
      ? messyPersonName(record.NSRMC, rng)
      : messyEnterpriseName(
          record.NSRMC,
          REGION_PREFIXES.find((p) => record.NSRMC.startsWith(p)) ?? null,
          rng,
        );
  return duplicate;
}

// ------------------------------------------------------------------ files

export class TaxDataFileError extends Error {
  override readonly name = 'TaxDataFileError';
}

/**
 * The canonical key of a stored 纳税人识别号, for the truth of replayed data:
 * normalized (NFKC, upper case, no spaces) and 15-digit ID numbers upgraded.
 */
export function canonicalTaxpayerKey(nsrsbh: string): string {
  const value = normalizeIdentifierInput(nsrsbh);
  return /^\d{15}$/.test(value) ? upgradeResidentId15(value) : value;
}

/**
 * An export in the tax system's own format: a `TaxpayerInfoExport` element
 * (tax.wsdl's namespace) holding one `TaxpayerInfo` per registration, the same
 * element the SOAP answers carry.
 */
export function taxDataToXml(registrations: readonly TaxpayerInfoRecord[]): string {
  let xml = exportHead(registrations.length);
  for (const record of registrations) xml += taxpayerInfoToXml(record);
  return xml + EXPORT_TAIL;
}

const EXPORT_TAIL = '</TaxpayerInfoExport>\n';

function exportHead(count: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<!-- 纳税人信息导出: ${count} 条登记信息 -->\n` +
    `<TaxpayerInfoExport xmlns="${TAX_NAMESPACE}">\n`
  );
}

/** Writes the export without building it in memory (a million registrations are fine). */
export async function writeTaxDataToFile(
  path: string,
  data: Pick<TaxData, 'registrations'>,
): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(exportHead(data.registrations.length));
  let buffer = '';
  for (const record of data.registrations) {
    buffer += taxpayerInfoToXml(record);
    if (buffer.length > 64 * 1024) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer + EXPORT_TAIL);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

/** Reads an export (see `taxDataToXml`); `source` names it in errors. */
export function parseTaxExport(xml: string, source = 'tax export'): TaxData {
  let root;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      throw new TaxDataFileError(`${source}: not well-formed XML (${error.message})`);
    }
    throw error;
  }
  if (root.localName !== 'TaxpayerInfoExport' || root.namespace !== TAX_NAMESPACE) {
    throw new TaxDataFileError(
      `${source}: the root element must be TaxpayerInfoExport in ${TAX_NAMESPACE}, found <${root.name}>`,
    );
  }
  const registrations: TaxpayerInfoRecord[] = [];
  const truth: TaxTruthRow[] = [];
  const seen = new Set<string>();
  root.children.forEach((element, i) => {
    const where = `${source}: TaxpayerInfo #${i + 1} (line ${element.line})`;
    if (element.localName !== 'TaxpayerInfo' || element.namespace !== TAX_NAMESPACE) {
      throw new TaxDataFileError(`${where}: unexpected element <${element.name}>`);
    }
    let record: TaxpayerInfoRecord;
    try {
      record = taxpayerInfoFromXml(element, where);
    } catch (error) {
      if (error instanceof TaxRecordError) throw new TaxDataFileError(error.message);
      throw error;
    }
    if (seen.has(record.DJXH)) throw new TaxDataFileError(`${where}: DJXH is repeated`);
    seen.add(record.DJXH);
    registrations.push(record);
    truth.push({ localId: record.DJXH, applicantKey: canonicalTaxpayerKey(record.NSRSBH) });
  });
  return { registrations, truth };
}

/**
 * Loads an export file for replay. The truth of replayed data is each
 * record's own number made canonical (`canonicalTaxpayerKey`): the file
 * cannot say more about who is who.
 */
export function loadTaxDataFromFile(path: string): TaxData {
  let xml: string;
  try {
    xml = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TaxDataFileError(
      `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return parseTaxExport(xml, path);
}
