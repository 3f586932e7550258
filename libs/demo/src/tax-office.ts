import type { CountyProfile } from './counties';

/** One per county, so a million records share its name and code strings. */
const OFFICES = new Map<string, { readonly name: string; readonly code: string }>();

/**
 * 主管税务机关 of a county: the name follows the post-2018 pattern
 * 国家税务总局XX县税务局; the 11-digit code (1 + county code + 0000) is
 * illustrative, in the shape tax-office codes take.
 */
export function taxOffice(county: CountyProfile): { readonly name: string; readonly code: string } {
  let office = OFFICES.get(county.code);
  if (!office) {
    office = Object.freeze({
      name: `国家税务总局${county.name}税务局`,
      code: `1${county.code}0000`,
    });
    OFFICES.set(county.code, office);
  }
  return office;
}
