/**
 * One row of the 投资项目在线审批监管平台 exactly as its contract
 * (`contracts/departments/project-approval.openapi.yaml`, schema `Xmxx`)
 * defines it: the platform's own pinyin field names and Chinese code values.
 * This is the simulator's storage format, its export/import format and what
 * it serves; our own domain names live in the adapter, never here.
 */
export interface ProjectApprovalRecord {
  /** 项目代码 (投资项目代码 `XXXX-XXXXXX-XX-XX-XXXXXX`), unique on the platform. */
  xmdm: string;
  /** 项目名称 */
  xmmc: string;
  /** 项目单位（建设单位）, as entered at declaration. */
  xmdw: string;
  /** 统一社会信用代码 as entered: may be lower-case, full-width, or null. */
  tyshxydm: string | null;
  /** 法定代表人 at declaration. */
  fddbr: string | null;
  /** 项目类型（管理方式） */
  xmlx: ProjectApprovalXmlx;
  /** 建设地点 */
  jsdd: string;
  /** 建设地点行政区划代码 (GB/T 2260) */
  xzqhdm: string | null;
  /** 总投资（万元） */
  ztz: number;
  /** 建设规模及内容 */
  jsgm: string | null;
  /** 建设性质 */
  jsxz: ProjectApprovalJsxz;
  /** 申报日期 `yyyy-MM-dd` */
  sbrq: string;
  /** 办理阶段/状态 */
  jdzt: ProjectApprovalJdzt;
  /** 联系电话 */
  lxdh: string | null;
  /** 更新时间 `yyyy-MM-dd HH:mm:ss` (UTC+8) */
  gxsj: string;
  /** 办理环节 */
  blhj: ProjectApprovalStageRecord[];
}

/** 办理环节: one approval step of a project. */
export interface ProjectApprovalStageRecord {
  /** 环节名称 */
  hjmc: string;
  /** 办理部门 */
  blbm: string | null;
  /** 办理状态 */
  blzt: ProjectApprovalBlzt;
  /** 完成时间 `yyyy-MM-dd HH:mm:ss` (UTC+8) */
  wcsj: string | null;
  /** 批复文号 */
  pfwh: string | null;
}

export const XMLX_VALUES = ['审批', '核准', '备案'] as const;
export type ProjectApprovalXmlx = (typeof XMLX_VALUES)[number];

export const JSXZ_VALUES = ['新建', '扩建', '改建', '迁建', '技术改造', '其他'] as const;
export type ProjectApprovalJsxz = (typeof JSXZ_VALUES)[number];

export const JDZT_VALUES = [
  '已赋码',
  '办理中',
  '已办结',
  '不予许可',
  '已撤回',
  '已开工',
  '已竣工',
] as const;
export type ProjectApprovalJdzt = (typeof JDZT_VALUES)[number];

export const BLZT_VALUES = ['待办理', '办理中', '已办结', '不予许可', '已撤回'] as const;
export type ProjectApprovalBlzt = (typeof BLZT_VALUES)[number];

const PROJECT_CODE = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DIVISION = /^\d{6}$/;

/** A record in an import file that does not follow the contract. */
export class ProjectApprovalRecordError extends Error {
  override readonly name = 'ProjectApprovalRecordError';
}

/**
 * Checks that `value` is a row the contract allows and returns it typed.
 * `where` names the row in error messages (e.g. `projects.json row 12`).
 * Unknown extra fields are dropped, as the platform's clients ignore them.
 */
export function toProjectApprovalRecord(value: unknown, where: string): ProjectApprovalRecord {
  const row = object(value, where);
  const field = (name: string) => `${where}: ${name}`;
  const stages = row.blhj;
  if (!Array.isArray(stages))
    throw new ProjectApprovalRecordError(`${field('blhj')} must be an array`);
  return {
    xmdm: pattern(row.xmdm, PROJECT_CODE, field('xmdm'), 'XXXX-XXXXXX-XX-XX-XXXXXX'),
    xmmc: text(row.xmmc, field('xmmc')),
    xmdw: text(row.xmdw, field('xmdw')),
    tyshxydm: optional(row.tyshxydm, field('tyshxydm'), (v, w) => {
      const s = text(v, w);
      if ([...s].length > 18)
        throw new ProjectApprovalRecordError(`${w} must be at most 18 characters`);
      return s;
    }),
    fddbr: optional(row.fddbr, field('fddbr'), text),
    xmlx: oneOf(row.xmlx, XMLX_VALUES, field('xmlx')),
    jsdd: text(row.jsdd, field('jsdd')),
    xzqhdm: optional(row.xzqhdm, field('xzqhdm'), (v, w) => pattern(v, DIVISION, w, '6 digits')),
    ztz: amount(row.ztz, field('ztz')),
    jsgm: optional(row.jsgm, field('jsgm'), anyText),
    jsxz: oneOf(row.jsxz, JSXZ_VALUES, field('jsxz')),
    sbrq: date(row.sbrq, field('sbrq')),
    jdzt: oneOf(row.jdzt, JDZT_VALUES, field('jdzt')),
    lxdh: optional(row.lxdh, field('lxdh'), anyText),
    gxsj: pattern(row.gxsj, DATE_TIME, field('gxsj'), 'yyyy-MM-dd HH:mm:ss'),
    blhj: stages.map((stage, i) => toStage(stage, `${where}: blhj[${i}]`)),
  };
}

function toStage(value: unknown, where: string): ProjectApprovalStageRecord {
  const stage = object(value, where);
  return {
    hjmc: text(stage.hjmc, `${where}.hjmc`),
    blbm: optional(stage.blbm, `${where}.blbm`, anyText),
    blzt: oneOf(stage.blzt, BLZT_VALUES, `${where}.blzt`),
    wcsj: optional(stage.wcsj, `${where}.wcsj`, (v, w) =>
      pattern(v, DATE_TIME, w, 'yyyy-MM-dd HH:mm:ss'),
    ),
    pfwh: optional(stage.pfwh, `${where}.pfwh`, anyText),
  };
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProjectApprovalRecordError(`${where} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function anyText(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new ProjectApprovalRecordError(`${where} must be a string`);
  return value;
}

function text(value: unknown, where: string): string {
  const s = anyText(value, where);
  if (s.length === 0) throw new ProjectApprovalRecordError(`${where} must not be empty`);
  return s;
}

function optional<T>(
  value: unknown,
  where: string,
  read: (value: unknown, where: string) => T,
): T | null {
  if (value === null) return null;
  if (value === undefined) throw new ProjectApprovalRecordError(`${where} is missing (use null)`);
  return read(value, where);
}

function pattern(value: unknown, re: RegExp, where: string, shape: string): string {
  const s = anyText(value, where);
  if (!re.test(s)) throw new ProjectApprovalRecordError(`${where} must look like ${shape}`);
  return s;
}

function date(value: unknown, where: string): string {
  const s = pattern(value, DATE, where, 'yyyy-MM-dd');
  const parsed = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== s) {
    throw new ProjectApprovalRecordError(`${where} is not a calendar date`);
  }
  return s;
}

function amount(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ProjectApprovalRecordError(`${where} must be a number ≥ 0 (万元)`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ProjectApprovalRecordError(`${where} must be one of ${allowed.join(' ')}`);
  }
  return value as T;
}
