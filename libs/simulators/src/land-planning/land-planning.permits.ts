import type { Random } from '@oncegate/demo';
import { dayBetween, dayFromYmd, isoDay, yearOfDay } from './land-planning.dates';
import type {
  ConstructionPlanningPermitRecord,
  LandUsePlanningPermitRecord,
  SitePreApprovalRecord,
  TransferContractRecord,
} from './land-planning.records';

/** What the documents need to know about the county that issues them. */
export interface CountyInfo {
  readonly code: string;
  /** 长兴县 */
  readonly name: string;
  /** One-character abbreviation used in document numbers (长发改备〔2024〕…). */
  readonly abbreviation: string;
  /** Province abbreviation on 不动产权证书 (浙, 苏 …). */
  readonly provinceShort: string;
}

/** The project a parcel was supplied for, as the project-approval platform knows it. */
export interface ProjectFacts {
  readonly code: string;
  readonly name: string;
  readonly filedDay: number;
  /** 审批 / 核准 / 备案 */
  readonly route: string;
}

export interface ParcelFacts {
  readonly parcelCode: string;
  readonly location: string;
  readonly areaSquareMeters: number;
  readonly landUse: string;
  readonly rightNature: '出让' | '划拨';
  /** A building stands on it (定着物 F). */
  readonly built: boolean;
  readonly registeredDay: number;
  /** 出让年限 from the registered term, when there is one. */
  readonly termYears: number | null;
  readonly holderName: string;
  readonly holderUscc: string;
  readonly project: ProjectFacts | null;
}

export interface PlanningDocuments {
  YDYSXZ: SitePreApprovalRecord | null;
  YDGHXK: LandUsePlanningPermitRecord | null;
  GCGHXK: ConstructionPlanningPermitRecord[];
  CRHT: TransferContractRecord | null;
}

type Kind = 'site' | 'land' | 'works' | 'contract' | 'allocation' | 'basis' | 'conditions' | 'plan';

/** Statutory maximum terms (years) of 出让 land by use. */
const TERMS: Readonly<Record<string, number>> = {
  工业用地: 50,
  仓储用地: 50,
  商服用地: 40,
  城镇住宅用地: 70,
};

/** Since 2024 planning permits carry the national 电子监管号 (TD/T 1084-2023). */
const ELECTRONIC_NUMBERS_FROM = dayFromYmd(2024, 1, 1);
/** 机构改革: 自然资源和规划局 issue from 2019; before, 国土资源局 (land) and 规划局 (planning). */
const REFORM_DAY = dayFromYmd(2019, 3, 1);

/**
 * Document numbers, counted per kind, county and year so every number is
 * unique in one data set. The formats are illustrative (old local styles
 * `地字第…号`, and a 17-digit stand-in for the 电子监管号); consumers treat them as opaque.
 */
export class DocumentNumbers {
  private readonly counters = new Map<string, number>();

  /** `tag` marks the kind of a 发改 basis document: 审, 核 or 备. */
  next(kind: Kind, county: CountyInfo, day: number, tag = ''): string {
    const year = yearOfDay(day);
    const key = `${kind}|${county.code}|${year}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const electronic = day >= ELECTRONIC_NUMBERS_FROM;
    const serial = (width: number) => String(n).padStart(width, '0');
    switch (kind) {
      case 'site':
        return electronic
          ? `${county.code}${year}1${serial(6)}`
          : `用字第${county.code}${year}${serial(5)}号`;
      case 'land':
        return electronic
          ? `${county.code}${year}2${serial(6)}`
          : `地字第${county.code}${year}${serial(5)}号`;
      case 'works':
        return electronic
          ? `${county.code}${year}3${serial(6)}`
          : `建字第${county.code}${year}${serial(5)}号`;
      case 'contract':
        return `${county.code}${year}B${serial(5)}`;
      case 'allocation':
        return `${county.code}划〔${year}〕${serial(3)}号`;
      case 'basis':
        return `${county.abbreviation}发改${tag}〔${year}〕${serial(3)}号`;
      case 'conditions':
        return `${county.abbreviation}规条〔${year}〕${serial(3)}号`;
      case 'plan':
        return `${county.abbreviation}自然资规方案〔${year}〕${serial(3)}号`;
    }
  }
}

function planningIssuer(county: CountyInfo, day: number): string {
  return day >= REFORM_DAY ? `${county.name}自然资源和规划局` : `${county.name}规划局`;
}

function landIssuer(county: CountyInfo, day: number): string {
  return day >= REFORM_DAY ? `${county.name}自然资源和规划局` : `${county.name}国土资源局`;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** 容积率 by land use: what a 规划条件 would allow. */
function plotRatio(rng: Random, landUse: string): number {
  switch (landUse) {
    case '工业用地':
      return round(1 + rng.next(), 2);
    case '仓储用地':
      return round(0.8 + rng.next() * 0.7, 2);
    case '商服用地':
      return round(1.5 + rng.next() * 1.5, 2);
    case '城镇住宅用地':
      return round(1.8 + rng.next(), 2);
    default:
      return round(0.6 + rng.next() * 0.9, 2);
  }
}

/** 出让价款 per m² (元) by land use, county-town levels. */
function pricePerSquareMeter(rng: Random, landUse: string): number {
  switch (landUse) {
    case '工业用地':
      return rng.int(250, 700);
    case '仓储用地':
      return rng.int(300, 800);
    case '商服用地':
      return rng.int(1500, 6000);
    case '城镇住宅用地':
      return rng.int(4000, 12000);
    default:
      return rng.int(300, 1000);
  }
}

/** 规划指标 written into the 出让合同 by land use. */
function indicators(
  rng: Random,
  landUse: string,
): Pick<TransferContractRecord, 'RJLXX' | 'RJLSX' | 'JZMDXX' | 'JZMDSX' | 'LDLXX' | 'LDLSX'> {
  switch (landUse) {
    case '工业用地':
    case '仓储用地':
      // Industrial land is held to minimum intensity (节约集约用地) and maximum green space.
      return {
        RJLXX: rng.pick([1, 1.2, 1.5]),
        RJLSX: rng.pick([2, 2.5, 3]),
        JZMDXX: rng.pick([30, 35, 40]),
        JZMDSX: null,
        LDLXX: null,
        LDLSX: rng.pick([15, 20]),
      };
    case '城镇住宅用地':
      return {
        RJLXX: 1,
        RJLSX: rng.pick([1.8, 2, 2.2, 2.5, 2.8]),
        JZMDXX: null,
        JZMDSX: rng.pick([22, 25, 28, 30]),
        LDLXX: rng.pick([30, 35]),
        LDLSX: null,
      };
    default:
      return {
        RJLXX: null,
        RJLSX: rng.pick([2.5, 3, 3.5, 4]),
        JZMDXX: null,
        JZMDSX: rng.pick([40, 45, 50]),
        LDLXX: rng.pick([20, 25]),
        LDLSX: null,
      };
  }
}

function scale(areaSquareMeters: number, ratio: number): string {
  return `总建筑面积约${Math.round(areaSquareMeters * ratio)}平方米`;
}

/**
 * The planning documents and land contract of one parcel, dated in a
 * plausible order: project filed → 用地预审与选址 → 出让合同 → 用地规划许可 →
 * (registration) → 工程规划许可. Parcels supplied for a project on record get
 * the full chain; older parcels without a project keep only what older
 * registrations usually carry (a contract, sometimes permits).
 */
export function planningDocuments(
  rng: Random,
  numbers: DocumentNumbers,
  county: CountyInfo,
  facts: ParcelFacts,
  nowDay: number,
): PlanningDocuments {
  const out: PlanningDocuments = { YDYSXZ: null, YDGHXK: null, GCGHXK: [], CRHT: null };
  const ratio = plotRatio(rng, facts.landUse);
  const project = facts.project;
  const registered = facts.registeredDay;
  let contractDay: number;
  let landPermitDay: number;
  let includeLandPermit: boolean;
  let includeContract: boolean;
  let worksChance: number;
  if (project) {
    const span = Math.max(30, registered - project.filedDay);
    const siteDay = project.filedDay + Math.max(5, Math.round(span * 0.15));
    contractDay = project.filedDay + Math.round(span * 0.4);
    landPermitDay = project.filedDay + Math.round(span * 0.6);
    includeLandPermit = true;
    includeContract = facts.rightNature === '出让';
    worksChance = facts.built ? 1 : 0.5;
    const hectares = round(facts.areaSquareMeters / 10_000, 4);
    const newLand = rng.chance(0.6) ? round(hectares * (0.5 + rng.next() * 0.5), 4) : 0;
    const agricultural = round(newLand * (0.6 + rng.next() * 0.4), 4);
    out.YDYSXZ = {
      ZSBH: numbers.next('site', county, siteDay),
      XMDM: project.code,
      XMMC: project.name,
      JSDWMC: facts.holderName,
      JSDWDM: facts.holderUscc,
      JSYJ: numbers.next('basis', county, project.filedDay, project.route.slice(0, 1)),
      NXZWZ: facts.location,
      NYDMJ: hectares,
      XZJSYDMJ: newLand,
      ZYNYDMJ: agricultural,
      ZYGDMJ: round(agricultural * rng.next() * 0.6, 4),
      NJSGM: scale(facts.areaSquareMeters, ratio),
      FZRQ: isoDay(siteDay),
      FZJG: planningIssuer(county, siteDay),
    };
  } else {
    contractDay = Math.max(dayFromYmd(1999, 1, 1), registered - rng.int(30, 400));
    landPermitDay = dayBetween(rng, contractDay + 10, registered - 1);
    includeContract = facts.rightNature === '出让' && rng.chance(0.75);
    includeLandPermit = rng.chance(facts.rightNature === '划拨' ? 0.5 : 0.4);
    worksChance = facts.built ? 0.4 : 0;
  }

  if (includeContract) {
    const years = facts.termYears ?? TERMS[facts.landUse] ?? 50;
    const price =
      Math.round((facts.areaSquareMeters * pricePerSquareMeter(rng, facts.landUse)) / 100) * 100;
    const start = contractDay + rng.int(180, 365);
    out.CRHT = {
      HTBH: numbers.next('contract', county, contractDay),
      CRR: landIssuer(county, contractDay),
      SRR: facts.holderName,
      SRRDM: facts.holderUscc,
      ZL: facts.location,
      MJ: facts.areaSquareMeters,
      YT: facts.landUse,
      CRNX: Math.min(70, Math.max(1, years)),
      CRJK: price,
      DJ: Math.round(price * 0.2),
      FKFS:
        price < 5_000_000
          ? '合同签订之日起30日内一次性付清'
          : '分两期：合同签订之日起30日内缴纳50%，余款于180日内付清',
      ...indicators(rng, facts.landUse),
      YDKGRQ: isoDay(start),
      YDJGRQ: isoDay(start + rng.int(2, 3) * 365),
      QDRQ: isoDay(contractDay),
    };
  }

  if (includeLandPermit) {
    out.YDGHXK = {
      ZSBH: numbers.next('land', county, landPermitDay),
      XMDM: project?.code ?? null,
      XMMC: project?.name ?? null,
      YDDWMC: facts.holderName,
      YDDWDM: facts.holderUscc,
      YDWZ: facts.location,
      YDXZ: facts.landUse,
      YDMJ: facts.areaSquareMeters,
      JSGM: scale(facts.areaSquareMeters, ratio),
      TDQDFS: facts.rightNature,
      HBJDSH:
        facts.rightNature === '划拨' ? numbers.next('allocation', county, landPermitDay) : null,
      CRHTBH: out.CRHT?.HTBH ?? null,
      FZRQ: isoDay(landPermitDay),
      FZJG: planningIssuer(county, landPermitDay),
    };
  }

  if (worksChance > 0 && rng.chance(worksChance)) {
    // Built parcels got their permit before the building was registered; unbuilt ones are under construction.
    const from = landPermitDay + 30;
    const day = facts.built
      ? dayBetween(rng, from, Math.max(from, registered - 1))
      : dayBetween(rng, Math.max(from, registered), nowDay - 1);
    if (day < nowDay) {
      const phases = rng.chance(0.2) ? 2 : 1;
      for (let phase = 1; phase <= phases; phase++) {
        const permitDay = phase === 1 ? day : Math.min(nowDay - 1, day + rng.int(60, 400));
        out.GCGHXK.push(
          worksPermit(
            rng,
            numbers,
            county,
            facts,
            ratio / phases,
            permitDay,
            phases > 1 ? phase : 0,
          ),
        );
      }
    }
  }
  return out;
}

function worksPermit(
  rng: Random,
  numbers: DocumentNumbers,
  county: CountyInfo,
  facts: ParcelFacts,
  ratio: number,
  day: number,
  phase: number,
): ConstructionPlanningPermitRecord {
  const total = round(facts.areaSquareMeters * ratio, 2);
  const industrial = facts.landUse === '工业用地' || facts.landUse === '仓储用地';
  const below = industrial && rng.chance(0.8) ? 0 : round(total * (0.05 + rng.next() * 0.15), 2);
  const floors = industrial
    ? rng.int(1, 5)
    : facts.landUse === '城镇住宅用地'
      ? rng.int(6, 18)
      : rng.int(2, 12);
  const baseName =
    facts.project?.name ?? `${facts.holderName}${industrial ? '厂房' : '综合楼'}建设项目`;
  return {
    ZSBH: numbers.next('works', county, day),
    XMDM: facts.project?.code ?? null,
    XMMC: phase > 0 ? `${baseName}（${phase === 1 ? '一' : '二'}期）` : baseName,
    JSDWMC: facts.holderName,
    JSDWDM: facts.holderUscc,
    JSWZ: facts.location,
    ZJZMJ: total,
    DSJZMJ: round(total - below, 2),
    DXJZMJ: below,
    DSCS: floors,
    DXCS: below > 0 ? rng.int(1, 2) : 0,
    JZGD: round(floors * (industrial ? 5.5 : 3.3) + 1.2, 1),
    GHTJWH: rng.chance(0.85) ? numbers.next('conditions', county, day - 60) : null,
    FASCWH: rng.chance(0.85) ? numbers.next('plan', county, day - 20) : null,
    FZRQ: isoDay(day),
    FZJG: planningIssuer(county, day),
  };
}
