/*
 * 更新时间 (GXSJ) on the wire of tax.wsdl: an xs:dateTime to the millisecond.
 * The tax system sends China time with its offset (`2026-03-14T09:26:53+08:00`,
 * a fraction only when the milliseconds are not zero) and reads a time without
 * an offset as China time, as it reads its xs:date values.
 */

/** China Standard Time, UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))?$/;

/** Milliseconds since the epoch of a GXSJ text, or null when it is not one (a day or time that does not exist included). */
export function parseTaxTime(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    Number(m[7]?.padEnd(3, '0') ?? 0),
  );
  const d = new Date(local);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  if (m[8] === 'Z') return local;
  if (m[9] === undefined) return local - CHINA_OFFSET_MS;
  const offsetHours = Number(m[10]);
  const offsetMinutes = Number(m[11]);
  if (offsetHours > 14 || offsetMinutes > 59) return null;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return local - (m[9] === '+' ? offset : -offset);
}

/** The GXSJ text of an instant, as the tax system sends it: China time, `+08:00`, milliseconds only when not zero. */
export function formatTaxTime(ms: number): string {
  const iso = new Date(ms + CHINA_OFFSET_MS).toISOString();
  if (iso.length !== 24) throw new RangeError('a 更新时间 must fall in the years 0000–9999');
  const fraction = iso.slice(19, 23);
  return `${iso.slice(0, 19)}${fraction === '.000' ? '' : fraction}+08:00`;
}

/** Midnight China time of an xs:date (`YYYY-MM-DD`), in milliseconds since the epoch. */
export function chinaMidnight(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - CHINA_OFFSET_MS;
}
