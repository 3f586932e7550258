/**
 * Entry noise every identifier gets rid of before it is checked
 * (china-domain.md §0): full-width forms through NFKC, grouping spaces
 * (including the ideographic space U+3000), hyphens and underscores, and
 * lower case. Look-alikes (O/0, I/1) are deliberately *not* corrected: a
 * guessed identifier is worse than a refused one.
 */
export function normalizeIdentifierInput(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u3000\-_\u2010-\u2015\u2212]/g, '')
    .toUpperCase();
}
