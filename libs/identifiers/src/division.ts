/**
 * GB/T 2260 province-level prefixes (china-domain.md §9). Only the prefix is
 * checked: county codes are retired and renamed over time, and an old ID
 * number stays valid after its county has gone.
 */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export function hasProvincePrefix(code: string): boolean {
  return PROVINCE_PREFIXES.has(code.slice(0, 2));
}
