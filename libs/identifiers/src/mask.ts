import { hasProvincePrefix } from './division';

/**
 * Masks personal ID numbers inside free text before it is logged: 18-digit
 * resident IDs (with or without the X) and 15-digit legacy ones keep their
 * first 4 and last 2 characters. Enterprise codes (USCC) are public and stay.
 * Other digit runs (an all-digit USCC, timestamps, counts) are left alone:
 * a run is masked when it has a province prefix and a plausible birth date.
 */
export function maskPersonalIdentifiers(text: string): string {
  return text.replace(CANDIDATE, (m) => (looksLikeResidentId(m) ? maskResidentId(m) : m));
}

export function maskResidentId(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 6) + id.slice(-2);
}

const CANDIDATE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** A province prefix and a plausible birth date tell an ID number from an all-digit USCC or a long count. */
function looksLikeResidentId(run: string): boolean {
  if (!hasProvincePrefix(run)) return false;
  const date = run.length === 15 ? '19' + run.slice(6, 12) : run.slice(6, 14);
  return /^(18|19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(date);
}
