import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { defaultLandPlanningChangeTime, parseLandPlanningTime } from './land-planning.changes';
import {
  RIGHT_NATURE_LABELS,
  type LandPlanningData,
  type LandPlanningParcelRecord,
} from './land-planning.records';

/**
 * The export format: a UTF-8 JSON array of `Parcel` objects exactly as the
 * contract defines them (the items of the API's `parcels` lists), one per
 * 不动产单元号 — what the platform's "导出查询结果 (JSON)" gives, so a pilot
 * can replay a real export. A leading BOM is tolerated. An export from
 * before the platform shared the 更新时间 (`GXSJ`) loads too: each record then
 * gets its 登簿时间 as 更新时间 (the migration night without one), so the
 * change feed serves it deterministically.
 */
export class LandPlanningDataError extends Error {
  override readonly name = 'LandPlanningDataError';
}

const UNIT_NO = /^\d{12}[GJZ][A-Z]\d{5}[FLQW]\d{8}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const PROJECT_CODE = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;

const DOCUMENT_KEYS = {
  YDYSXZ: ['ZSBH', 'XMMC', 'JSDWMC', 'NXZWZ', 'NYDMJ', 'FZRQ', 'FZJG'],
  YDGHXK: ['ZSBH', 'YDDWMC', 'YDWZ', 'YDXZ', 'YDMJ', 'TDQDFS', 'FZRQ', 'FZJG'],
  GCGHXK: ['ZSBH', 'XMMC', 'JSDWMC', 'JSWZ', 'ZJZMJ', 'DSCS', 'FZRQ', 'FZJG'],
  CRHT: ['HTBH', 'CRR', 'SRR', 'ZL', 'MJ', 'YT', 'CRNX', 'CRJK', 'QDRQ'],
} as const;

/** Reads an export written by `writeLandPlanningDataToFile` or by the real platform. Truth is empty: a real export has none. */
export async function loadLandPlanningDataFromFile(path: string): Promise<LandPlanningData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LandPlanningDataError(`${path}: cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new LandPlanningDataError(`${path}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) {
    throw new LandPlanningDataError(
      `${path}: expected a JSON array of parcels (the contract's Parcel objects)`,
    );
  }
  const seen = new Set<string>();
  parsed.forEach((item, index) => {
    const problem = checkParcel(item);
    const unitNo =
      isObject(item) && typeof item.BDCDYH === 'string' ? ` (BDCDYH ${item.BDCDYH})` : '';
    if (problem)
      throw new LandPlanningDataError(`${path}: parcel #${index + 1}${unitNo}: ${problem}`);
    const record = item as LandPlanningParcelRecord;
    if (record.GXSJ === undefined) record.GXSJ = defaultLandPlanningChangeTime(record);
    if (seen.has(record.BDCDYH)) {
      throw new LandPlanningDataError(
        `${path}: parcel #${index + 1}${unitNo}: BDCDYH appears twice`,
      );
    }
    seen.add(record.BDCDYH);
  });
  return { parcels: parsed as LandPlanningParcelRecord[], truth: [] };
}

/** Writes the parcels as the export format, one record per line, streaming (fine for a million applicants' data). */
export async function writeLandPlanningDataToFile(
  path: string,
  data: Pick<LandPlanningData, 'parcels'>,
): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write('[');
  for (let i = 0; i < data.parcels.length; i++) {
    await write(`${i === 0 ? '\n' : ',\n'}${JSON.stringify(data.parcels[i])}`);
  }
  await write('\n]\n');
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (v: unknown) => typeof v === 'string' && v.length > 0;
const textOrNull = (v: unknown) => v === null || typeof v === 'string';
const matchOrNull = (v: unknown, pattern: RegExp) =>
  v === null || (typeof v === 'string' && pattern.test(v));

/** What is wrong with one parcel, or null. Checks what the simulator indexes and serves; the contract validator checks the rest per answer. */
function checkParcel(item: unknown): string | null {
  if (!isObject(item)) return 'not an object';
  if (typeof item.BDCDYH !== 'string' || !UNIT_NO.test(item.BDCDYH))
    return 'BDCDYH must be a 28-character 不动产单元号';
  if (item.ZDDM !== item.BDCDYH.slice(0, 19))
    return 'ZDDM must be the first 19 characters of BDCDYH';
  if (!text(item.QLLX)) return 'QLLX (权利类型) is missing';
  if (!RIGHT_NATURE_LABELS.includes(item.QLXZ as never))
    return `QLXZ must be one of ${RIGHT_NATURE_LABELS.join('/')}`;
  if (!text(item.QLRMC)) return 'QLRMC (权利人名称) is missing';
  if (!(
    item.ZJZL === null ||
    item.ZJZL === '身份证' ||
    item.ZJZL === '统一社会信用代码' ||
    item.ZJZL === '其他'
  )) {
    return 'ZJZL must be 身份证, 统一社会信用代码, 其他 or null';
  }
  for (const key of ['ZJH', 'FDDBR', 'LXDH', 'TXDZ', 'BDCQZH'] as const) {
    if (!textOrNull(item[key])) return `${key} must be a string or null`;
  }
  if (!text(item.ZL)) return 'ZL (坐落) is missing';
  if (typeof item.ZDMJ !== 'number' || !(item.ZDMJ > 0))
    return 'ZDMJ must be a positive number (m²)';
  if (!text(item.YT)) return 'YT (用途) is missing';
  if (!matchOrNull(item.DBSJ, TIMESTAMP)) return 'DBSJ must be "yyyy-MM-dd HH:mm:ss" or null';
  if (
    item.GXSJ !== undefined &&
    (typeof item.GXSJ !== 'string' || parseLandPlanningTime(item.GXSJ) === null)
  ) {
    return 'GXSJ (更新时间) must be "yyyy-MM-dd HH:mm:ss" when present';
  }
  if (!matchOrNull(item.SYQQSRQ, ISO_DATE) || !matchOrNull(item.SYQJSRQ, ISO_DATE)) {
    return 'SYQQSRQ/SYQJSRQ must be yyyy-MM-dd or null';
  }
  if (!matchOrNull(item.XMDM, PROJECT_CODE)) return 'XMDM must be a 投资项目代码 or null';
  const redLineProblem = checkRedLine(item.redLine);
  if (redLineProblem) return `redLine: ${redLineProblem}`;
  for (const key of ['YDYSXZ', 'YDGHXK', 'CRHT'] as const) {
    const doc = item[key];
    if (doc === null) continue;
    const problem = checkDocument(doc, DOCUMENT_KEYS[key]);
    if (problem) return `${key}: ${problem}`;
  }
  if (!Array.isArray(item.GCGHXK)) return 'GCGHXK must be an array';
  for (const [i, permit] of item.GCGHXK.entries()) {
    const problem = checkDocument(permit, DOCUMENT_KEYS.GCGHXK);
    if (problem) return `GCGHXK[${i}]: ${problem}`;
  }
  return null;
}

function checkDocument(doc: unknown, keys: readonly string[]): string | null {
  if (!isObject(doc)) return 'must be an object or null';
  const missing = keys.filter((k) => doc[k] === undefined || doc[k] === null);
  return missing.length > 0 ? `missing ${missing.join(', ')}` : null;
}

function checkRedLine(value: unknown): string | null {
  if (!isObject(value) || value.type !== 'Feature') return 'must be a GeoJSON Feature';
  const geometry = value.geometry;
  if (!isObject(geometry) || geometry.type !== 'Polygon' || !Array.isArray(geometry.coordinates)) {
    return 'geometry must be a GeoJSON Polygon';
  }
  if (geometry.coordinates.length === 0) return 'a Polygon needs at least one ring';
  for (const ring of geometry.coordinates as unknown[]) {
    if (!Array.isArray(ring) || ring.length < 4) return 'every ring needs at least 4 positions';
    for (const position of ring as unknown[]) {
      if (
        !Array.isArray(position) ||
        position.length !== 2 ||
        !position.every((n) => typeof n === 'number' && Number.isFinite(n))
      ) {
        return 'every position must be [longitude, latitude]';
      }
    }
  }
  if (!isObject(value.properties) || typeof value.properties.ZDDM !== 'string') {
    return 'properties.ZDDM is missing';
  }
  return null;
}
