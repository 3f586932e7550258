import {
  DEMO_COUNTIES,
  Random,
  changedPhone,
  legacyResidentId,
  messyEnterpriseName,
  messyPersonName,
  toFullWidth,
  type DemoApplicant,
  type DemoSourceRecord,
} from '@oncegate/demo';
import { LAND_PLANNING_MIGRATED_AT } from './land-planning.changes';
import {
  addYears,
  dayBetween,
  dayFromYmd,
  dayOfDate,
  isoDay,
  officeTimestamp,
  parseDay,
  yearOfDay,
} from './land-planning.dates';
import {
  DocumentNumbers,
  planningDocuments,
  type CountyInfo,
  type ProjectFacts,
} from './land-planning.permits';
import type {
  LandPlanningData,
  LandPlanningParcelRecord,
  LandPlanningTruth,
  LandRightNatureLabel,
} from './land-planning.records';
import { drawRedLine } from './land-planning.red-line';

export interface LandPlanningDataOptions {
  readonly seed: number;
  /** "Today" for the data; default 2026-11-01, the demo population's default. */
  readonly now?: Date;
}

/** Kinds of entry noise the generator puts in, counted in `LandPlanningGeneration.mess`. */
export type LandPlanningMess =
  | 'enterpriseNameVariant'
  | 'personNameVariant'
  | 'legacyResidentId15'
  | 'lowerCaseId'
  | 'fullWidthId'
  | 'missingHolderId'
  | 'staleLegalRepresentative'
  | 'changedPhone'
  | 'movedAddress'
  | 'duplicateRegistration';

/** Generated data plus how much of each kind of mess it holds (for tests and benchmarks). */
export interface LandPlanningGeneration extends LandPlanningData {
  readonly mess: Readonly<Record<LandPlanningMess, number>>;
}

/** Share of persons who hold a registered parcel (an apartment's land or a 宅基地). */
const PERSON_SHARE = 0.03;
/** Share of land-holding enterprises with a second parcel. */
const SECOND_PARCEL_SHARE = 0.15;
/** Share of parcels registered twice (an old record not cancelled after re-registration). */
const DUPLICATE_SHARE = 0.015;
/** Share of secondary records (second parcels, duplicates) migrated without a 证件号. */
const MISSING_ID_SHARE = 0.3;
/** Share of records changed after they were entered (a new phone, a corrected address…): their 更新时间 is later. */
const LATER_CHANGE_SHARE = 0.35;
const UNIFIED_REGISTRATION_FROM = dayFromYmd(2016, 1, 1);
const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');

const PROVINCE_SHORT: Readonly<Record<string, string>> = {
  浙江省: '浙',
  江苏省: '苏',
  安徽省: '皖',
  福建省: '闽',
  江西省: '赣',
};

const COUNTIES: ReadonlyMap<string, CountyInfo & { city: string }> = new Map(
  DEMO_COUNTIES.map((c) => [
    c.code,
    {
      code: c.code,
      name: c.name,
      city: c.city,
      abbreviation: c.name.slice(0, 1),
      provinceShort: PROVINCE_SHORT[c.province] ?? '浙',
    },
  ]),
);

function countyOf(code: string): CountyInfo & { city: string } {
  return (
    COUNTIES.get(code) ?? {
      code,
      name: `${code}县`,
      city: '',
      abbreviation: '县',
      provinceShort: '浙',
    }
  );
}

const ESTATES = [
  '阳光花园',
  '锦绣家园',
  '金色华庭',
  '香樟苑',
  '水岸名邸',
  '滨湖新村',
  '世纪新城',
  '翠苑小区',
  '东湖花园',
  '紫荆苑',
  '丽都华府',
  '桂花园',
];

/** A record as it is drawn; `add` stamps its 更新时间. */
type ParcelDraft = Omit<LandPlanningParcelRecord, 'GXSJ'>;

/** One residential compound (one 宗地) whose apartments persons hold. */
interface Compound {
  readonly parcelCode: string;
  readonly location: string;
  readonly area: number;
  readonly contractDay: number;
  readonly allocated: boolean;
  readonly redLine: LandPlanningParcelRecord['redLine'];
  units: number;
  readonly capacity: number;
}

function attribute(applicant: DemoApplicant, name: string): string | undefined {
  return applicant.attributes.find((a) => a.name === name)?.value;
}

function recordOf(
  applicant: DemoApplicant,
  system: DemoSourceRecord['system'],
): DemoSourceRecord | undefined {
  return applicant.sourceRecords.find((r) => r.system === system);
}

function keyOf(applicant: DemoApplicant): string {
  const scheme = applicant.kind === 'PERSON' ? 'RESIDENT_ID' : 'USCC';
  const identifier =
    applicant.identifiers.find((i) => i.scheme === scheme) ?? applicant.identifiers[0];
  if (!identifier) throw new RangeError(`applicant ${applicant.name} has no identifier`);
  return identifier.value;
}

/**
 * The county 不动产登记 / planning platform's data for a population: about a
 * quarter of the enterprises (every one the demo data already shows with a
 * registered parcel, keeping its 不动产单元号, plus a second parcel for some)
 * and 3% of the persons (an apartment's land or a rural 宅基地), with the
 * planning documents of each parcel, red lines inside the county, and the
 * entry noise a real registry holds. Deterministic for a population and
 * seed; one pass over the population (linear, fine for 1,000,000 applicants).
 */
export function generateLandPlanningData(
  population: readonly DemoApplicant[],
  options: LandPlanningDataOptions,
): LandPlanningGeneration {
  return new LandPlanningGenerator(population, options).run();
}

class LandPlanningGenerator {
  private readonly parcels: LandPlanningParcelRecord[] = [];
  private readonly truth: LandPlanningTruth[] = [];
  private readonly mess: Record<LandPlanningMess, number> = {
    enterpriseNameVariant: 0,
    personNameVariant: 0,
    legacyResidentId15: 0,
    lowerCaseId: 0,
    fullWidthId: 0,
    missingHolderId: 0,
    staleLegalRepresentative: 0,
    changedPhone: 0,
    movedAddress: 0,
    duplicateRegistration: 0,
  };
  private readonly select: Random;
  private readonly noise: Random;
  private readonly shape: Random;
  private readonly documents: Random;
  /** Its own stream, so the 更新时间 leave every other generated value as it was before the column existed. */
  private readonly changes: Random;
  private readonly numbers = new DocumentNumbers();
  /** Last 宗地顺序号 used per 12-character zone prefix (county + 地籍区 + 地籍子区). */
  private readonly sequences = new Map<string, number>();
  private readonly certificates = new Map<string, number>();
  private readonly compounds = new Map<string, Compound>();
  private readonly nowDay: number;
  /** The previous holder's facts, as the stale value a record may still carry (O(1), no scans). */
  private previousPerson = { address: '', phone: '' };
  private previousEnterprise = { address: '', representative: '' };

  constructor(
    private readonly population: readonly DemoApplicant[],
    options: LandPlanningDataOptions,
  ) {
    if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be an integer');
    this.nowDay = dayOfDate(options.now ?? DEFAULT_NOW);
    this.select = Random.derive(options.seed, 'land-planning/select');
    this.noise = Random.derive(options.seed, 'land-planning/noise');
    this.shape = Random.derive(options.seed, 'land-planning/red-lines');
    this.documents = Random.derive(options.seed, 'land-planning/documents');
    this.changes = Random.derive(options.seed, 'land-planning/changes');
  }

  run(): LandPlanningGeneration {
    // The demo registry records keep their numbers; new parcels continue after them in each zone.
    for (const applicant of this.population) {
      const record = recordOf(applicant, 'land-planning');
      if (!record) continue;
      const prefix = record.localId.slice(0, 12);
      const sequence = Number(record.localId.slice(14, 19));
      if (sequence > (this.sequences.get(prefix) ?? 0)) this.sequences.set(prefix, sequence);
    }
    for (const applicant of this.population) {
      if (applicant.kind === 'PERSON') {
        if (this.select.chance(PERSON_SHARE)) this.person(applicant);
      } else {
        const record = recordOf(applicant, 'land-planning');
        if (record) this.enterprise(applicant, record);
      }
    }
    return { parcels: this.parcels, truth: this.truth, mess: { ...this.mess } };
  }

  private add(draft: ParcelDraft, applicantKey: string): void {
    this.parcels.push({ ...draft, GXSJ: this.changeTime(draft) });
    this.truth.push({ localId: draft.BDCDYH, applicantKey });
  }

  /**
   * 更新时间: the 登簿时间 (or the migration night for a record without one),
   * or for some records a later working day when an office changed them.
   */
  private changeTime(draft: ParcelDraft): string {
    const entered = draft.DBSJ ?? LAND_PLANNING_MIGRATED_AT;
    if (!this.changes.chance(LATER_CHANGE_SHARE)) return entered;
    const from = (parseDay(entered.slice(0, 10)) ?? this.nowDay) + 1;
    return from < this.nowDay
      ? officeTimestamp(this.changes, dayBetween(this.changes, from, this.nowDay - 1))
      : entered;
  }

  private nextParcelCode(prefix12: string, featureCodes: string): string {
    const next = (this.sequences.get(prefix12) ?? 0) + 1;
    if (next > 99_999) throw new RangeError(`No 宗地顺序号 left in zone ${prefix12}`);
    this.sequences.set(prefix12, next);
    return `${prefix12}${featureCodes}${String(next).padStart(5, '0')}`;
  }

  private certificateNo(county: CountyInfo, day: number): string {
    const year = yearOfDay(day);
    const key = `${county.code}|${year}`;
    const n = (this.certificates.get(key) ?? 0) + 1;
    this.certificates.set(key, n);
    return `${county.provinceShort}(${year})${county.name}不动产权第${String(n).padStart(7, '0')}号`;
  }

  private zonePrefix(county: string): string {
    return `${county}${String(this.select.int(1, 15)).padStart(3, '0')}${String(this.select.int(1, 9)).padStart(3, '0')}`;
  }

  // ---- persons ------------------------------------------------------------

  private person(applicant: DemoApplicant): void {
    const key = keyOf(applicant);
    const division = attribute(applicant, 'divisionCode') ?? key.slice(0, 6);
    const county = countyOf(division);
    const address = attribute(applicant, 'address') ?? `${county.name}城关镇人民路1号`;
    const phone = attribute(applicant, 'phone') ?? null;
    const rural = /村/.test(address);
    const holder = this.personHolder(applicant, key, address, phone);
    const record = rural
      ? this.homestead(county, address, holder)
      : this.apartment(county, address, holder);
    this.add(record, key);
    if (rural && this.select.chance(DUPLICATE_SHARE * 4))
      this.duplicate(record, key, county, applicant);
    this.previousPerson = { address, phone: phone ?? '' };
  }

  /** The holder columns of a person's record, with entry noise. */
  private personHolder(
    applicant: DemoApplicant,
    key: string,
    address: string,
    phone: string | null,
  ): Pick<LandPlanningParcelRecord, 'QLRMC' | 'ZJZL' | 'ZJH' | 'FDDBR' | 'LXDH' | 'TXDZ'> {
    const rng = this.noise;
    let name = applicant.name;
    if (rng.chance(0.08)) {
      const variant = messyPersonName(name, rng);
      if (variant !== name) {
        name = variant;
        this.mess.personNameVariant++;
      }
    }
    let id = key;
    const legacy = applicant.identifiers.find((i) => i.originalValue)?.originalValue;
    if (legacy && rng.chance(0.6)) {
      id = legacy;
      this.mess.legacyResidentId15++;
    } else if (rng.chance(0.05) && legacyResidentId(key)) {
      id = legacyResidentId(key) as string;
      this.mess.legacyResidentId15++;
    } else if (id.endsWith('X') && rng.chance(0.5)) {
      id = id.toLowerCase();
      this.mess.lowerCaseId++;
    } else if (rng.chance(0.02)) {
      id = toFullWidth(id);
      this.mess.fullWidthId++;
    }
    let contactPhone = phone;
    if (phone && rng.chance(0.1)) {
      const changed = changePhone(phone, rng);
      if (changed !== phone) {
        contactPhone = changed;
        this.mess.changedPhone++;
      }
    }
    let contactAddress = address;
    if (rng.chance(0.1) && this.previousPerson.address && this.previousPerson.address !== address) {
      contactAddress = this.previousPerson.address;
      this.mess.movedAddress++;
    }
    return {
      QLRMC: name,
      ZJZL: '身份证',
      ZJH: id,
      FDDBR: null,
      LXDH: contactPhone,
      TXDZ: contactAddress,
    };
  }

  /** 宅基地使用权/房屋所有权 on collective land: the house the person lives in. */
  private homestead(
    county: CountyInfo,
    address: string,
    holder: ReturnType<LandPlanningGenerator['personHolder']>,
  ): ParcelDraft {
    const rng = this.select;
    const parcelCode = this.nextParcelCode(this.zonePrefix(county.code), 'JC');
    const area = rng.int(8_000, 16_000) / 100;
    const registered = dayBetween(rng, dayFromYmd(2017, 1, 1), this.nowDay - 1);
    return {
      BDCDYH: `${parcelCode}F00010000`,
      ZDDM: parcelCode,
      QLLX: '宅基地使用权/房屋（构筑物）所有权',
      QLXZ: '批准拨用',
      ...holder,
      ZL: address,
      ZDMJ: area,
      YT: '农村宅基地',
      BDCQZH: this.certificateNo(county, registered),
      DBSJ: officeTimestamp(rng, registered),
      SYQQSRQ: null,
      SYQJSRQ: null,
      XMDM: null,
      redLine: drawRedLine(this.shape, county.code, parcelCode, area),
      YDYSXZ: null,
      YDGHXK: null,
      GCGHXK: [],
      CRHT: null,
    };
  }

  /** 国有建设用地使用权/房屋所有权: an apartment on a residential compound's 宗地, shared with neighbours. */
  private apartment(
    county: CountyInfo,
    address: string,
    holder: ReturnType<LandPlanningGenerator['personHolder']>,
  ): ParcelDraft {
    const rng = this.select;
    let compound = this.compounds.get(county.code);
    if (!compound || compound.units >= compound.capacity) {
      compound = this.newCompound(county, address);
      this.compounds.set(county.code, compound);
    }
    const k = compound.units++;
    const building = 1 + Math.floor(k / 72);
    const floor = 1 + Math.floor((k % 72) / 4);
    const room = 1 + (k % 4);
    const flat = `${String(floor).padStart(2, '0')}${String(room).padStart(2, '0')}`;
    const built = Math.max(UNIFIED_REGISTRATION_FROM, compound.contractDay + 2 * 365);
    const registered = dayBetween(rng, built, this.nowDay - 1);
    return {
      BDCDYH: `${compound.parcelCode}F${String(building).padStart(4, '0')}${flat}`,
      ZDDM: compound.parcelCode,
      QLLX: '国有建设用地使用权/房屋所有权',
      QLXZ: compound.allocated ? '划拨' : '出让',
      ...holder,
      ZL: `${compound.location}${building}幢${Math.ceil(room / 2)}单元${floor}${String(room).padStart(2, '0')}室`,
      ZDMJ: compound.area,
      YT: '城镇住宅用地',
      BDCQZH: this.certificateNo(county, registered),
      DBSJ: officeTimestamp(rng, registered),
      SYQQSRQ: compound.allocated ? null : isoDay(compound.contractDay),
      SYQJSRQ: compound.allocated ? null : isoDay(addYears(compound.contractDay, 70) - 1),
      XMDM: null,
      redLine: compound.redLine,
      YDYSXZ: null,
      YDGHXK: null,
      GCGHXK: [],
      CRHT: null,
    };
  }

  private newCompound(county: CountyInfo, address: string): Compound {
    const rng = this.select;
    const parcelCode = this.nextParcelCode(this.zonePrefix(county.code), 'GB');
    const street = /^(.*?(?:大道|路|街(?!道)))/.exec(address)?.[1] ?? `${county.name}人民路`;
    const area = rng.int(1_500_000, 9_000_000) / 100;
    // 房改房 (former work-unit housing) sits on 划拨 land; commercial housing on 出让 land.
    const allocated = rng.chance(0.1);
    return {
      parcelCode,
      location: `${street}${rng.int(1, 999)}号${rng.pick(ESTATES)}`,
      area,
      contractDay: dayBetween(rng, dayFromYmd(2000, 1, 1), this.nowDay - 3 * 365),
      allocated,
      redLine: drawRedLine(this.shape, county.code, parcelCode, area),
      units: 0,
      capacity: rng.int(2, 40),
    };
  }

  // ---- enterprises --------------------------------------------------------

  private enterprise(applicant: DemoApplicant, source: DemoSourceRecord): void {
    const key = keyOf(applicant);
    const raw = source.rawPayload;
    const unitNo = String(raw.BDCDYH);
    const parcelCode = typeof raw.ZDDM === 'string' ? raw.ZDDM : unitNo.slice(0, 19);
    const county = countyOf(attribute(applicant, 'divisionCode') ?? unitNo.slice(0, 6));
    const holder = this.enterpriseHolder(applicant, key, county);
    const registered =
      parseDay(raw.DBSJ) ?? dayBetween(this.select, UNIFIED_REGISTRATION_FROM, this.nowDay - 1);
    const termFrom = parseDay(raw.SYQQSSJ);
    const termTo = parseDay(raw.SYQJSSJ);
    const rightNature = toRightNature(raw.QLXZ);
    const area = Number(raw.ZDMJ);
    const landUse = String(raw.YT);
    const location = String(raw.ZL);
    const projectCode = typeof raw.XMDM === 'string' ? raw.XMDM : null;
    const built = unitNo[19] === 'F';
    const collective = unitNo[12] === 'J';
    const record: ParcelDraft = {
      BDCDYH: unitNo,
      ZDDM: parcelCode,
      QLLX: collective
        ? '土地经营权'
        : built
          ? '国有建设用地使用权/房屋所有权'
          : '国有建设用地使用权',
      QLXZ: rightNature,
      ...holder,
      ZL: location,
      ZDMJ: area,
      YT: landUse,
      BDCQZH: typeof raw.BDCQZH === 'string' ? raw.BDCQZH : null,
      DBSJ: officeTimestamp(this.select, registered),
      SYQQSRQ: termFrom === null ? null : isoDay(termFrom),
      SYQJSRQ: termTo === null ? null : isoDay(termTo),
      XMDM: projectCode,
      redLine: drawRedLine(this.shape, county.code, parcelCode, area),
      YDYSXZ: null,
      YDGHXK: null,
      GCGHXK: [],
      CRHT: null,
    };
    if (!collective && (rightNature === '出让' || rightNature === '划拨')) {
      Object.assign(
        record,
        planningDocuments(
          this.documents,
          this.numbers,
          county,
          {
            parcelCode,
            location,
            areaSquareMeters: area,
            landUse,
            rightNature,
            built,
            registeredDay: registered,
            termYears:
              termFrom !== null && termTo !== null
                ? yearOfDay(termTo + 1) - yearOfDay(termFrom)
                : null,
            holderName: applicant.name,
            holderUscc: key,
            project: projectCode ? projectFacts(applicant, projectCode) : null,
          },
          this.nowDay,
        ),
      );
    }
    this.add(record, key);
    if (this.select.chance(DUPLICATE_SHARE)) this.duplicate(record, key, county, applicant);
    if (!collective && rightNature === '出让' && this.select.chance(SECOND_PARCEL_SHARE)) {
      this.secondParcel(applicant, key, county, record);
    }
    this.previousEnterprise = {
      address: attribute(applicant, 'address') ?? '',
      representative: attribute(applicant, 'legalRepresentative') ?? '',
    };
  }

  /** The holder columns of an enterprise's record, with entry noise. */
  private enterpriseHolder(
    applicant: DemoApplicant,
    key: string,
    county: CountyInfo & { city: string },
  ): Pick<LandPlanningParcelRecord, 'QLRMC' | 'ZJZL' | 'ZJH' | 'FDDBR' | 'LXDH' | 'TXDZ'> {
    const rng = this.noise;
    let name = applicant.name;
    if (rng.chance(0.15)) {
      const prefix = name.startsWith(county.name)
        ? county.name
        : county.city && name.startsWith(county.city)
          ? county.city
          : null;
      const variant = messyEnterpriseName(name, prefix, rng);
      if (variant !== name) {
        name = variant;
        this.mess.enterpriseNameVariant++;
      }
    }
    let id = key;
    if (/[A-Z]/.test(id) && rng.chance(0.04)) {
      id = id.toLowerCase();
      this.mess.lowerCaseId++;
    } else if (rng.chance(0.02)) {
      id = toFullWidth(id);
      this.mess.fullWidthId++;
    }
    let representative = attribute(applicant, 'legalRepresentative') ?? null;
    const previous = this.previousEnterprise.representative;
    if (representative && previous && previous !== representative && rng.chance(0.1)) {
      representative = previous;
      this.mess.staleLegalRepresentative++;
    }
    let phone = attribute(applicant, 'phone') ?? null;
    if (phone && rng.chance(0.08)) {
      const changed = changePhone(phone, rng);
      if (changed !== phone) {
        phone = changed;
        this.mess.changedPhone++;
      }
    }
    let address = attribute(applicant, 'address') ?? null;
    if (
      address &&
      this.previousEnterprise.address &&
      this.previousEnterprise.address !== address &&
      rng.chance(0.06)
    ) {
      address = this.previousEnterprise.address;
      this.mess.movedAddress++;
    }
    return {
      QLRMC: name,
      ZJZL: '统一社会信用代码',
      ZJH: id,
      FDDBR: representative,
      LXDH: phone,
      TXDZ: address,
    };
  }

  /** Another parcel of the same holder nearby: 出让 land, bought without a project on record. */
  private secondParcel(
    applicant: DemoApplicant,
    key: string,
    county: CountyInfo,
    first: ParcelDraft,
  ): void {
    const rng = this.select;
    const parcelCode = this.nextParcelCode(first.BDCDYH.slice(0, 12), 'GB');
    const built = rng.chance(0.5);
    const area = rng.int(200_000, 4_000_000) / 100;
    const registered = dayBetween(rng, UNIFIED_REGISTRATION_FROM, this.nowDay - 1);
    const years = first.CRHT?.CRNX ?? (first.YT === '商服用地' ? 40 : 50);
    const location = /\d+号$/.test(first.ZL)
      ? first.ZL.replace(/\d+号$/, `${rng.int(1, 999)}号`)
      : `${first.ZL}${rng.int(1, 99)}号地块`;
    const holder = this.enterpriseHolder(applicant, key, countyOf(county.code));
    const record: ParcelDraft = {
      BDCDYH: `${parcelCode}${built ? `F${String(rng.int(1, 6)).padStart(4, '0')}0000` : 'W00000000'}`,
      ZDDM: parcelCode,
      QLLX: built ? '国有建设用地使用权/房屋所有权' : '国有建设用地使用权',
      QLXZ: '出让',
      ...holder,
      ZL: location,
      ZDMJ: area,
      YT: first.YT,
      BDCQZH: this.certificateNo(county, registered),
      DBSJ: officeTimestamp(rng, registered),
      SYQQSRQ: isoDay(registered),
      SYQJSRQ: isoDay(addYears(registered, years) - 1),
      XMDM: null,
      redLine: drawRedLine(this.shape, county.code, parcelCode, area),
      ...planningDocuments(
        this.documents,
        this.numbers,
        county,
        {
          parcelCode,
          location,
          areaSquareMeters: area,
          landUse: first.YT,
          rightNature: '出让',
          built,
          registeredDay: registered,
          termYears: years,
          holderName: applicant.name,
          holderUscc: key,
          project: null,
        },
        this.nowDay,
      ),
    };
    this.withoutIdSometimes(record);
    this.add(record, key);
  }

  /**
   * The same parcel registered twice: the land-only (W) record was not
   * cancelled when the building (F) was registered, or the other way round
   * after a migration. It carries an older certificate and no documents.
   */
  private duplicate(
    original: ParcelDraft,
    key: string,
    county: CountyInfo,
    applicant: DemoApplicant,
  ): void {
    const rng = this.select;
    const fixture = original.BDCDYH[19] === 'W' ? 'F00010000' : 'W00000000';
    const registeredAt = original.DBSJ ? parseDay(original.DBSJ.slice(0, 10)) : null;
    const older = registeredAt === null ? null : registeredAt - rng.int(200, 1500);
    const landOnly = fixture === 'W00000000';
    const record: ParcelDraft = {
      ...original,
      BDCDYH: `${original.ZDDM}${fixture}`,
      // A land-only record names the land right alone; a building record adds the house.
      QLLX: landOnly
        ? (original.QLLX.split('/')[0] ?? original.QLLX)
        : original.QLLX.includes('/')
          ? original.QLLX
          : `${original.QLLX}/房屋所有权`,
      QLRMC: rng.chance(0.5) ? applicant.name : original.QLRMC,
      BDCQZH:
        older !== null && older >= UNIFIED_REGISTRATION_FROM
          ? this.certificateNo(county, older)
          : null,
      DBSJ:
        older !== null && older >= UNIFIED_REGISTRATION_FROM ? officeTimestamp(rng, older) : null,
      YDYSXZ: null,
      YDGHXK: null,
      GCGHXK: [],
      CRHT: null,
    };
    this.withoutIdSometimes(record);
    this.add(record, key);
    this.mess.duplicateRegistration++;
  }

  /**
   * Secondary records (second parcels, duplicates) are where migrated
   * paper-era registrations without a 证件号 live; the holder's main record
   * keeps its id, so every holder stays findable by id.
   */
  private withoutIdSometimes(record: ParcelDraft): void {
    if (!this.noise.chance(MISSING_ID_SHARE)) return;
    record.ZJZL = null;
    record.ZJH = null;
    this.mess.missingHolderId++;
  }
}

function toRightNature(value: unknown): LandRightNatureLabel {
  switch (value) {
    case '出让':
    case '划拨':
    case '作价出资':
    case '租赁':
    case '批准拨用':
    case '流转':
      return value;
    default:
      return '其他';
  }
}

/** The project of a parcel, from the applicant's own project-approval record when it is the one the land names. */
function projectFacts(applicant: DemoApplicant, code: string): ProjectFacts | null {
  const record = applicant.sourceRecords.find(
    (r) => r.system === 'project-approval' && r.localId === code,
  );
  if (!record) return null;
  const raw = record.rawPayload;
  const filed = parseDay(raw.sbrq);
  if (filed === null || typeof raw.xmmc !== 'string') return null;
  return {
    code,
    name: raw.xmmc,
    filedDay: filed,
    route: typeof raw.xmlx === 'string' ? raw.xmlx : '备案',
  };
}

/** A new phone: mobiles change their last four digits; landlines (`0572-6xxxxxxx`) their local number's. */
function changePhone(phone: string, rng: Random): string {
  const dash = phone.lastIndexOf('-');
  return dash < 0
    ? changedPhone(phone, rng)
    : phone.slice(0, dash + 1) + changedPhone(phone.slice(dash + 1), rng);
}
