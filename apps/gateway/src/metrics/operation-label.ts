/** What a GraphQL operation name must look like to be a label value. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The label value of a caller-chosen GraphQL operation name, its cardinality
 * bounded: `anonymous` without a name, `other` for a name that does not look
 * like one (an identifier, a sentence) or once `limit` distinct names have
 * been seen (a caller inventing names cannot grow the series without end).
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 200) {}

  of(name: string | null | undefined): string {
    if (name === null || name === undefined || name === '') return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.limit) return 'other';
    this.seen.add(name);
    return name;
  }
}
