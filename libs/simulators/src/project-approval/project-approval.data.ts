import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import {
  DEMO_COUNTIES,
  Random,
  changedPhone,
  messyEnterpriseName,
  toFullWidth,
  type DemoApplicant,
} from '@oncegate/demo';
import {
  ProjectApprovalRecordError,
  toProjectApprovalRecord,
  type ProjectApprovalBlzt,
  type ProjectApprovalJdzt,
  type ProjectApprovalJsxz,
  type ProjectApprovalRecord,
  type ProjectApprovalStageRecord,
  type ProjectApprovalXmlx,
} from './project-approval.record';

/** What the simulator serves: the platform's rows, in its own format. */
export interface ProjectApprovalSimulatorData {
  readonly projects: readonly ProjectApprovalRecord[];
}

/** Generated rows plus the ground truth of who each row belongs to. */
export interface ProjectApprovalData extends ProjectApprovalSimulatorData {
  readonly projects: ProjectApprovalRecord[];
  /** For every row: its 项目代码 and the canonical 18-character USCC of the population member it belongs to. */
  readonly truth: Array<{ localId: string; applicantKey: string }>;
}

export interface ProjectApprovalDataOptions {
  seed: number;
  /**
   * "Today" for the data (nothing is declared or completed after it); default
   * 2026-11-01, the demo's. Pass the population's own `now` if it was made with another.
   */
  now?: Date;
}

const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');
const MS_PER_DAY = 86_400_000;
/** The current (YYMM) code scheme started in November 2020; before it, group 1 was the year. */
const CURRENT_CODES_FROM = Math.floor(Date.UTC(2020, 10, 1) / MS_PER_DAY);
const FIRST_CODE_DAY = Math.floor(Date.UTC(2014, 0, 1) / MS_PER_DAY);

type Category = 'COMPANY' | 'BRANCH' | 'INDIVIDUAL_BUSINESS' | 'COOPERATIVE' | 'PUBLIC_INSTITUTION';

/**
 * Chance that an enterprise without a project in the demo data has some here.
 * The demo already gives about 30 % of enterprises a project; these bring the
 * share to about 40 %. Branches rarely declare projects (their parent does).
 */
const EXTRA_CHANCE: Record<Category, number> = {
  COMPANY: 0.17,
  BRANCH: 0.03,
  INDIVIDUAL_BUSINESS: 0.1,
  COOPERATIVE: 0.12,
  PUBLIC_INSTITUTION: 0.3,
};

/** How often each kind of entry noise appears, per row. */
const MESS = {
  /** 项目单位 written differently from the registered name. */
  nameVariant: 0.12,
  /** 法定代表人 of the time of declaration, since replaced. */
  staleRepresentative: 0.1,
  /** No 统一社会信用代码 entered. */
  missingUscc: 0.025,
  /** Code typed in lower case (only changes codes with letters). */
  lowerCaseUscc: 0.03,
  /** Code typed with a full-width input method. */
  fullWidthUscc: 0.015,
  /** The unit's phone has changed since. */
  changedPhone: 0.1,
  /** The same project declared twice (the earlier one abandoned or withdrawn). */
  duplicate: 0.015,
} as const;

interface Unit {
  readonly uscc: string;
  readonly name: string;
  readonly category: Category;
  readonly countyCode: string;
  readonly countyName: string;
  /** County or city name the registered name starts with, for name variants. */
  readonly regionPrefix: string | null;
  readonly legalRepresentative: string | null;
  readonly phone: string | null;
  /** `<county><街道/镇/乡>` from the registered address. */
  readonly place: string;
  readonly industryCode: string;
  readonly establishedDay: number;
}

interface Draft {
  xmdm: string;
  xmmc: string;
  xmlx: ProjectApprovalXmlx;
  jsdd: string;
  ztz: number;
  declaredDay: number;
  fddbr: string | null;
  lxdh: string | null;
}

const COUNTIES = new Map(DEMO_COUNTIES.map((c) => [c.code, c]));

/**
 * The projects of the population on the 投资项目在线审批监管平台, deterministic
 * for a seed: every enterprise that has a project record in the demo data keeps
 * it (same 项目代码, so the registry's source records point here) and may have
 * more; some of the others (EXTRA_CHANCE) get 1–3, so that about 40 % of
 * enterprises appear. Rows carry the platform's mess (see MESS). One pass over the
 * population, constant work per applicant: fit for 1,000,000 applicants.
 */
export function generateProjectApprovalData(
  population: readonly DemoApplicant[],
  options: ProjectApprovalDataOptions,
): ProjectApprovalData {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be an integer');
  const now = options.now ?? DEFAULT_NOW;
  const nowDay = Math.floor(now.getTime() / MS_PER_DAY);
  if (!Number.isFinite(nowDay)) throw new RangeError('now must be a valid Date');
  const rng = Random.derive(options.seed, 'project-approval');
  const codes = new Set<string>();
  for (const applicant of population) {
    for (const record of applicant.sourceRecords) {
      if (record.system === 'project-approval') codes.add(record.localId);
    }
  }
  const builder = new RowBuilder(rng, nowDay, codes);
  const projects: ProjectApprovalRecord[] = [];
  const truth: Array<{ localId: string; applicantKey: string }> = [];
  const add = (row: ProjectApprovalRecord, key: string) => {
    projects.push(row);
    truth.push({ localId: row.xmdm, applicantKey: key });
  };

  for (const applicant of population) {
    if (applicant.kind !== 'ENTERPRISE') continue;
    const uscc = applicant.identifiers.find((id) => id.scheme === 'USCC')?.value;
    if (!uscc) continue;
    const known = applicant.sourceRecords.filter((r) => r.system === 'project-approval');
    const unit = describeUnit(applicant, uscc);
    let count = 0;
    if (known.length > 0) count = Math.max(known.length, projectCount(rng));
    else if (rng.chance(EXTRA_CHANCE[unit.category])) count = projectCount(rng);
    for (let i = 0; i < count; i++) {
      const draft =
        i < known.length
          ? fromDemoRecord(known[i].rawPayload, unit)
          : builder.newDraft(unit, i === 0 ? null : projects[projects.length - 1]);
      if (!draft) continue;
      const row = builder.row(draft, unit);
      if (rng.chance(MESS.duplicate)) add(builder.duplicateOf(row, draft, unit), uscc);
      add(builder.messUp(row, unit), uscc);
    }
  }
  return { projects, truth };
}

/** 1 project usually, 2 or 3 for some. */
function projectCount(rng: Random): number {
  return rng.weighted([
    [1, 60],
    [2, 28],
    [3, 12],
  ]);
}

function categoryOf(uscc: string, name: string): Category {
  switch (uscc.slice(0, 2)) {
    case '92':
      return 'INDIVIDUAL_BUSINESS';
    case '93':
      return 'COOPERATIVE';
    case '12':
      return 'PUBLIC_INSTITUTION';
    default:
      return name.endsWith('分公司') ? 'BRANCH' : 'COMPANY';
  }
}

function attribute(applicant: DemoApplicant, name: string): string | null {
  return applicant.attributes.find((a) => a.name === name)?.value ?? null;
}

function describeUnit(applicant: DemoApplicant, uscc: string): Unit {
  const countyCode = attribute(applicant, 'divisionCode') ?? uscc.slice(2, 8);
  const county = COUNTIES.get(countyCode);
  const countyName = county?.name ?? '';
  const address = attribute(applicant, 'address') ?? '';
  const place = /^(.+?[县市区])(.+?(?:街道|镇|乡))/.exec(address);
  const established = attribute(applicant, 'establishedOn');
  const tax = applicant.sourceRecords.find((r) => r.system === 'tax');
  const industryCode = tax?.normalized.industryCode;
  let regionPrefix: string | null = null;
  if (county && applicant.name.startsWith(county.name)) regionPrefix = county.name;
  else if (county && applicant.name.startsWith(county.city)) regionPrefix = county.city;
  return {
    uscc,
    name: applicant.name,
    category: categoryOf(uscc, applicant.name),
    countyCode,
    countyName,
    regionPrefix,
    legalRepresentative: attribute(applicant, 'legalRepresentative'),
    phone: attribute(applicant, 'phone'),
    place: place ? place[1] + place[2] : countyName || address,
    industryCode:
      typeof industryCode === 'string' && /^\d{2}$/.test(industryCode) ? industryCode : '99',
    establishedDay: established ? dayOf(established) : FIRST_CODE_DAY,
  };
}

/** A project the demo data already knows: its facts are kept, the platform's other fields are added. */
function fromDemoRecord(raw: Record<string, unknown>, unit: Unit): Draft | null {
  const { xmdm, xmmc, xmlx, jsdd, ztz, sbrq, fddbr, lxdh } = raw;
  if (
    typeof xmdm !== 'string' ||
    typeof xmmc !== 'string' ||
    (xmlx !== '审批' && xmlx !== '核准' && xmlx !== '备案') ||
    typeof ztz !== 'number' ||
    typeof sbrq !== 'string'
  ) {
    return null;
  }
  return {
    xmdm,
    xmmc,
    xmlx,
    jsdd: typeof jsdd === 'string' && jsdd ? jsdd : unit.place,
    ztz,
    declaredDay: dayOf(sbrq),
    fddbr: typeof fddbr === 'string' ? fddbr : unit.legalRepresentative,
    lxdh: typeof lxdh === 'string' ? lxdh : unit.phone,
  };
}

const ROUTE_TYPE: Record<ProjectApprovalXmlx, string> = { 审批: '01', 核准: '02', 备案: '03' };

/** Builds rows; holds the run's state (stream, taken codes, document counters). */
class RowBuilder {
  private readonly docCounters = new Map<string, number>();

  constructor(
    private readonly rng: Random,
    private readonly nowDay: number,
    private readonly codes: Set<string>,
  ) {}

  /** A project the demo data does not have. `previous` is this unit's last row, to avoid the same name twice. */
  newDraft(unit: Unit, previous: ProjectApprovalRecord | null): Draft | null {
    const rng = this.rng;
    const from = Math.max(unit.establishedDay + 30, this.nowDay - 6 * 365, FIRST_CODE_DAY);
    const to = this.nowDay - 2;
    if (to < from) return null;
    const declaredDay = rng.int(from, to);
    const xmlx: ProjectApprovalXmlx =
      unit.category === 'PUBLIC_INSTITUTION'
        ? '审批'
        : unit.category === 'COMPANY' && rng.chance(0.15)
          ? '核准'
          : '备案';
    let xmmc = projectName(rng, unit);
    if (previous && previous.xmmc === xmmc) xmmc = projectName(rng, unit);
    return {
      xmdm: this.claimCode(declaredDay, unit, xmlx),
      xmmc,
      xmlx,
      jsdd: unit.place,
      ztz: investment(rng, unit.category),
      declaredDay,
      fddbr: unit.legalRepresentative,
      lxdh: unit.phone,
    };
  }

  /** The full row, before any mess: stages and status follow from the route and the dates. */
  row(draft: Draft, unit: Unit): ProjectApprovalRecord {
    const jsxz = constructionNature(this.rng, draft.xmmc);
    const division = draft.xmdm.slice(5, 11);
    const { stages, status, updated } = this.stages(draft, unit);
    return {
      xmdm: draft.xmdm,
      xmmc: draft.xmmc,
      xmdw: unit.name,
      tyshxydm: unit.uscc,
      fddbr: draft.fddbr,
      xmlx: draft.xmlx,
      jsdd: draft.jsdd,
      // Records keyed under the legacy scheme sometimes predate the division field.
      xzqhdm: draft.declaredDay < CURRENT_CODES_FROM && this.rng.chance(0.2) ? null : division,
      ztz: draft.ztz,
      jsgm: scale(this.rng, unit.category, jsxz, draft.ztz),
      jsxz,
      sbrq: isoDay(draft.declaredDay),
      jdzt: status,
      lxdh: draft.lxdh,
      gxsj: updated,
      blhj: stages,
    };
  }

  /**
   * An earlier registration of the same project that was never taken further:
   * withdrawn by the applicant (已撤回) or simply left at 已赋码 — the platform's
   * 重复赋码 the supervisors clean up once a year.
   */
  duplicateOf(row: ProjectApprovalRecord, draft: Draft, unit: Unit): ProjectApprovalRecord {
    const rng = this.rng;
    const declaredDay = Math.max(FIRST_CODE_DAY, draft.declaredDay - rng.int(1, 20));
    const xmdm = this.claimCode(declaredDay, unit, draft.xmlx);
    const coded = `${isoDay(declaredDay)} ${officeTime(rng)}`;
    const withdrawn = rng.chance(0.7);
    const blhj: ProjectApprovalStageRecord[] = [
      { hjmc: '项目赋码', blbm: devReform(unit), blzt: '已办结', wcsj: coded, pfwh: null },
      {
        hjmc: row.blhj[1]?.hjmc ?? '项目备案',
        blbm: row.blhj[1]?.blbm ?? devReform(unit),
        blzt: withdrawn ? '已撤回' : '待办理',
        wcsj: null,
        pfwh: null,
      },
    ];
    const duplicate: ProjectApprovalRecord = {
      ...row,
      xmdm,
      xzqhdm: xmdm.slice(5, 11),
      sbrq: isoDay(declaredDay),
      jdzt: withdrawn ? '已撤回' : '已赋码',
      gxsj: withdrawn
        ? `${isoDay(Math.min(declaredDay + rng.int(1, 5), this.nowDay - 1))} ${officeTime(rng)}`
        : coded,
      blhj,
    };
    return this.messUp(duplicate, unit);
  }

  /** Entry noise of the platform, each kind on its own share of rows. */
  messUp(row: ProjectApprovalRecord, unit: Unit): ProjectApprovalRecord {
    const rng = this.rng;
    const out = { ...row };
    if (rng.chance(MESS.nameVariant))
      out.xmdw = messyEnterpriseName(out.xmdw, unit.regionPrefix, rng);
    if (rng.chance(MESS.staleRepresentative)) out.fddbr = otherPersonName(rng, out.fddbr);
    const u = rng.next();
    if (u < MESS.missingUscc) out.tyshxydm = null;
    else if (u < MESS.missingUscc + MESS.lowerCaseUscc && /[A-Z]/.test(unit.uscc)) {
      out.tyshxydm = unit.uscc.toLowerCase();
    } else if (u < MESS.missingUscc + MESS.lowerCaseUscc + MESS.fullWidthUscc) {
      out.tyshxydm = toFullWidth(unit.uscc);
    }
    if (out.lxdh && rng.chance(MESS.changedPhone)) out.lxdh = changedAnyPhone(out.lxdh, rng);
    return out;
  }

  private claimCode(day: number, unit: Unit, xmlx: ProjectApprovalXmlx): string {
    const date = isoDay(day);
    const type = ROUTE_TYPE[xmlx];
    // Current codes: YYMM and a 中央业务指导部门 code (as in public examples); legacy: year and GB/T 4754 大类.
    const prefix =
      day >= CURRENT_CODES_FROM
        ? `${date.slice(2, 4)}${date.slice(5, 7)}-${unit.countyCode}-${this.rng.pick(['04', '48', '89'])}-${type}`
        : `${date.slice(0, 4)}-${unit.countyCode}-${unit.industryCode}-${type}`;
    // Linear probing from a random serial: each candidate tried once, so this ends.
    const start = this.rng.int(0, 999_999);
    for (let i = 0; i < 1_000_000; i++) {
      const code = `${prefix}-${String((start + i) % 1_000_000).padStart(6, '0')}`;
      if (!this.codes.has(code)) {
        this.codes.add(code);
        return code;
      }
    }
    throw new RangeError(`No project codes left under ${prefix}`);
  }

  private documentNo(kind: string, unit: Unit, day: number): string {
    const year = isoDay(day).slice(0, 4);
    const key = `${unit.countyCode}-${kind}-${year}`;
    const n = (this.docCounters.get(key) ?? 0) + 1;
    this.docCounters.set(key, n);
    if (kind === '用字') return `用字第${unit.countyCode}${year}${String(n).padStart(5, '0')}号`;
    const short = unit.countyName ? unit.countyName[0] : '县';
    return `${short}发改${kind}〔${year}〕${n}号`;
  }

  /**
   * The approval steps of the route, scheduled from the declaration day; a
   * step whose day has not come yet is 办理中 and the rest 待办理.
   */
  private stages(
    draft: Draft,
    unit: Unit,
  ): { stages: ProjectApprovalStageRecord[]; status: ProjectApprovalJdzt; updated: string } {
    const rng = this.rng;
    const plan: Array<{ name: string; dept: string; after: [number, number]; doc?: string }> = [];
    const dev = devReform(unit);
    const land = `${unit.countyName || '县'}自然资源和规划局`;
    switch (draft.xmlx) {
      case '备案':
        plan.push({ name: '项目备案', dept: dev, after: [0, 3] });
        if (draft.ztz >= 5000 && unit.category === 'COMPANY' && rng.chance(0.5)) {
          plan.push({ name: '节能审查', dept: dev, after: [20, 60], doc: '能审' });
        }
        break;
      case '核准':
        plan.push(
          { name: '用地预审与选址意见书', dept: land, after: [10, 40], doc: '用字' },
          { name: '核准申请受理', dept: dev, after: [1, 5] },
          { name: '项目核准', dept: dev, after: [10, 28], doc: '核' },
        );
        break;
      case '审批':
        plan.push(
          { name: '项目建议书审批', dept: dev, after: [15, 60], doc: '投资' },
          { name: '可行性研究报告审批', dept: dev, after: [30, 90], doc: '投资' },
          { name: '初步设计及概算审批', dept: dev, after: [20, 60], doc: '投资' },
        );
        break;
    }
    const lastDay = this.nowDay - 1;
    const clock = new StepClock(rng, draft.declaredDay);
    const codedAt = clock.stamp();
    const stages: ProjectApprovalStageRecord[] = [
      { hjmc: '项目赋码', blbm: dev, blzt: '已办结', wcsj: codedAt, pfwh: null },
    ];
    let updated = codedAt;
    let day = draft.declaredDay;
    let status: ProjectApprovalJdzt | null = null;
    const refused = draft.xmlx !== '备案' && rng.chance(0.02);
    for (let i = 0; i < plan.length; i++) {
      const step = plan[i];
      if (status !== null) {
        stages.push({ hjmc: step.name, blbm: step.dept, blzt: '待办理', wcsj: null, pfwh: null });
        continue;
      }
      day += rng.int(step.after[0], step.after[1]);
      if (day > lastDay) {
        // Not done yet. Right after coding, some applicants have not filed anything.
        const idle = i === 0 && rng.chance(0.3);
        const blzt: ProjectApprovalBlzt = idle ? '待办理' : '办理中';
        stages.push({ hjmc: step.name, blbm: step.dept, blzt, wcsj: null, pfwh: null });
        status = idle ? '已赋码' : '办理中';
        continue;
      }
      const at = clock.advanceTo(day);
      updated = at;
      if (refused && i === plan.length - 1) {
        stages.push({ hjmc: step.name, blbm: step.dept, blzt: '不予许可', wcsj: at, pfwh: null });
        status = '不予许可';
        continue;
      }
      stages.push({
        hjmc: step.name,
        blbm: step.dept,
        blzt: '已办结',
        wcsj: at,
        pfwh: step.doc ? this.documentNo(step.doc, unit, day) : null,
      });
    }
    if (status === null) {
      status = '已办结';
      // Construction is reported through 项目建设信息报送, months after the approvals.
      if (lastDay - day > 180 && rng.chance(0.45)) {
        const started = rng.int(day + 60, Math.min(day + 180, lastDay));
        status = '已开工';
        updated = clock.advanceTo(started);
        if (lastDay - started > 540 && rng.chance(0.4)) {
          status = '已竣工';
          updated = clock.advanceTo(rng.int(started + 365, lastDay));
        }
      }
    }
    return { stages, status, updated };
  }
}

function devReform(unit: Unit): string {
  return `${unit.countyName || '县'}发展和改革局`;
}

/** The unit's name without region prefix and company form: 长兴县恒达建材有限公司 → 恒达建材. */
function coreName(unit: Unit): string {
  let core = unit.name;
  if (unit.regionPrefix) core = core.slice(unit.regionPrefix.length);
  else if (unit.countyName && core.startsWith(unit.countyName))
    core = core.slice(unit.countyName.length);
  return core.replace(/(股份有限公司|有限责任公司|有限公司|专业合作社|分公司)$/, '') || unit.name;
}

function projectName(rng: Random, unit: Unit): string {
  const core = coreName(unit);
  switch (unit.category) {
    case 'PUBLIC_INSTITUTION':
      return (
        unit.name +
        rng.pick(['综合楼新建工程', '改扩建工程', '附属用房维修改造工程', '设备购置项目'])
      );
    case 'COOPERATIVE':
      return core + rng.pick(['标准化生产基地建设项目', '加工用房建设项目', '冷链仓储设施项目']);
    case 'INDIVIDUAL_BUSINESS':
      return core + rng.pick(['经营用房改造项目', '门店扩建项目']);
    case 'COMPANY':
    case 'BRANCH':
      return (
        core +
        rng.pick([
          '新建厂房项目',
          '智能化技术改造项目',
          '数字化车间建设项目',
          '仓储物流中心建设项目',
          '研发中心建设项目',
          '产能提升扩建项目',
          '生产基地整体搬迁项目',
        ])
      );
  }
}

function constructionNature(rng: Random, name: string): ProjectApprovalJsxz {
  if (name.includes('技术改造')) return '技术改造';
  if (name.includes('搬迁') || name.includes('迁建')) return '迁建';
  if (name.includes('扩建')) return '扩建';
  if (name.includes('改造') || name.includes('维修')) return '改建';
  if (name.includes('设备购置')) return '其他';
  return rng.weighted([
    ['新建', 88],
    ['扩建', 10],
    ['其他', 2],
  ]);
}

/** 总投资 in 万元, in the ranges of the demo data. */
function investment(rng: Random, category: Category): number {
  switch (category) {
    case 'PUBLIC_INSTITUTION':
      return rng.int(10, 300) * 100;
    case 'COOPERATIVE':
      return rng.int(5, 80) * 10;
    case 'INDIVIDUAL_BUSINESS':
      return rng.int(5, 60) * 5;
    case 'COMPANY':
    case 'BRANCH':
      return rng.int(3, 500) * 100;
  }
}

function scale(
  rng: Random,
  category: Category,
  jsxz: ProjectApprovalJsxz,
  ztz: number,
): string | null {
  if (rng.chance(0.04)) return null;
  // Roughly 3,000 元 of investment per square metre built, 2/3 of the site built over.
  const floorArea = Math.max(200, Math.round((ztz * 10_000) / 3000 / 100) * 100);
  const area =
    floorArea >= 10_000 ? `${(floorArea / 10_000).toFixed(1)}万平方米` : `${floorArea}平方米`;
  const mu = Math.max(1, Math.round((floorArea / 0.67 / 666.7) * 0.6));
  const equipment = Math.max(2, Math.round(ztz / 80));
  if (jsxz === '技术改造')
    return `利用现有厂房${area}，购置自动化生产设备${equipment}台（套），实施生产线智能化改造`;
  if (category === 'PUBLIC_INSTITUTION') return `总建筑面积约${area}，配套建设室外工程及附属设施`;
  if (category === 'INDIVIDUAL_BUSINESS')
    return `改造经营用房${area}，购置经营设备${equipment}台（套）`;
  if (category === 'COOPERATIVE') return `建设生产及加工用房${area}，配套冷库、晒场等设施`;
  return `总用地面积约${mu}亩，新建厂房及配套用房建筑面积${area}，购置生产设备${equipment}台（套）`;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '朱',
  '胡',
  '沈',
  '钱',
];
const GIVEN = [
  '建国',
  '志强',
  '海燕',
  '秀英',
  '国平',
  '晓东',
  '丽华',
  '建华',
  '伟明',
  '春林',
  '玉兰',
  '永康',
  '立新',
  '美琴',
];

/** Someone else: the representative before the current one. */
function otherPersonName(rng: Random, current: string | null): string {
  for (;;) {
    const name = rng.pick(SURNAMES) + rng.pick(GIVEN);
    if (name !== current) return name;
  }
}

/** A changed mobile, or a landline (`0572-6xxxxxxx`) with new last digits. */
function changedAnyPhone(phone: string, rng: Random): string {
  const dash = phone.lastIndexOf('-');
  if (dash < 0) return changedPhone(phone, rng);
  const local = phone.slice(dash + 1);
  const changed = changedPhone(local, rng);
  return changed === local ? phone : phone.slice(0, dash + 1) + changed;
}

function dayOf(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / MS_PER_DAY);
}

/** Formatted days, memoized: a run formats a few thousand distinct days millions of times. */
const ISO_DAYS = new Map<number, string>();

function isoDay(day: number): string {
  let text = ISO_DAYS.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    ISO_DAYS.set(day, text);
  }
  return text;
}

const OPENS = 8 * 3600 + 1800;
const CLOSES = 17 * 3600 + 1800;

/** `yyyy-MM-dd HH:mm:ss` of a day and a second of that day (China time, as the platform writes it). */
function stamp(day: number, second: number): string {
  return `${isoDay(day)} ${two(Math.floor(second / 3600))}:${two(Math.floor((second % 3600) / 60))}:${two(second % 60)}`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A time in office hours, 08:30–17:30. */
function officeTime(rng: Random): string {
  return stamp(0, rng.int(OPENS, CLOSES)).slice(11);
}

/** Times of a project's successive steps: office hours, never earlier than the step before. */
class StepClock {
  private second: number;

  constructor(
    private readonly rng: Random,
    private day: number,
  ) {
    this.second = rng.int(OPENS, CLOSES);
  }

  stamp(): string {
    return stamp(this.day, this.second);
  }

  advanceTo(day: number): string {
    if (day > this.day) {
      this.day = day;
      this.second = this.rng.int(OPENS, CLOSES);
    } else {
      // Same day: a few minutes to a few hours later, past closing time if need be.
      this.second = Math.min(this.second + this.rng.int(300, 3 * 3600), 86_399);
    }
    return this.stamp();
  }
}

/** An export file that cannot be loaded. */
export class ProjectApprovalDataFileError extends Error {
  override readonly name = 'ProjectApprovalDataFileError';
}

/**
 * Reads an export of the platform: a JSON array of rows in the contract's own
 * format (schema `Xmxx`), e.g. what `writeProjectApprovalDataToFile` writes or
 * what a pilot county exports from its real platform. Every row is checked
 * against the contract; 项目代码 must be unique.
 */
export function loadProjectApprovalDataFromFile(path: string): ProjectApprovalSimulatorData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProjectApprovalDataFileError(
      `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ProjectApprovalDataFileError(
      `${path}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new ProjectApprovalDataFileError(`${path}: expected a JSON array of project rows`);
  }
  const seen = new Set<string>();
  const projects = parsed.map((value: unknown, i) => {
    let row: ProjectApprovalRecord;
    try {
      row = toProjectApprovalRecord(value, `row ${i + 1}`);
    } catch (error) {
      if (error instanceof ProjectApprovalRecordError) {
        throw new ProjectApprovalDataFileError(`${path}: ${error.message}`);
      }
      throw error;
    }
    if (seen.has(row.xmdm)) {
      throw new ProjectApprovalDataFileError(
        `${path}: row ${i + 1}: xmdm ${row.xmdm} appears twice`,
      );
    }
    seen.add(row.xmdm);
    return row;
  });
  return { projects };
}

/**
 * Writes the rows as the platform exports them (a JSON array of `Xmxx`, one
 * row per line), streaming so that a million rows never form one string.
 */
export function writeProjectApprovalDataToFile(
  path: string,
  data: ProjectApprovalSimulatorData,
): void {
  const fd = openSync(path, 'w');
  try {
    const rows = data.projects;
    writeSync(fd, '[');
    const CHUNK = 1000;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const lines = rows
        .slice(i, i + CHUNK)
        .map((row, j) => (i + j === 0 ? '\n' : ',\n') + JSON.stringify(row));
      writeSync(fd, lines.join(''));
    }
    writeSync(fd, rows.length > 0 ? '\n]\n' : ']\n');
  } finally {
    closeSync(fd);
  }
}
