/**
 * A request leaf as the `soap` server parses it (text, kept so by our
 * options): `undefined` when absent or empty, null when it is not text (an
 * element with children, or one given twice).
 */
export function leafText(value: unknown): string | null | undefined {
  const inner =
    typeof value === 'object' && value !== null && '$value' in value ? value.$value : value;
  if (inner === undefined || inner === null) return undefined;
  if (typeof inner !== 'string' && typeof inner !== 'number') return null;
  const text = String(inner).trim();
  return text === '' ? undefined : text;
}
