/**
 * Fraction digits of a JSON number as it was sent (its shortest round-trip
 * text), for the departments' "at most two decimals" checks; a number that
 * only exponent notation can write has too many.
 */
export function decimalPlaces(value: number): number {
  const text = String(value);
  if (text.includes('e')) return Infinity;
  return (text.split('.')[1] ?? '').length;
}
