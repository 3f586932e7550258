import type { ErrorObject } from 'ajv';

/**
 * One ajv error in words an operator editing the JSON file can act on: where
 * (`items/3 (applicant.uscc)`, naming the entry by its id or code when it has
 * one), what is wrong, and what is allowed.
 */
export function describeSchemaError(error: ErrorObject, input: unknown): string {
  const where = describePath(error.instancePath, input);
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'enum' && Array.isArray(params.allowedValues)
      ? ` (one of ${params.allowedValues.map(String).join(', ')})`
      : error.keyword === 'additionalProperties'
        ? `: ${String(params.additionalProperty)}`
        : '';
  return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

function describePath(instancePath: string, input: unknown): string {
  if (instancePath === '') return 'the file';
  const segments = instancePath.slice(1).split('/');
  let node: unknown = input;
  const parts: string[] = [];
  for (const segment of segments) {
    node =
      isObject(node) || Array.isArray(node)
        ? (node as Record<string, unknown>)[segment]
        : undefined;
    const name = isObject(node) ? (node.id ?? node.code ?? node.year) : undefined;
    parts.push(
      typeof name === 'string' || typeof name === 'number' ? `${segment} (${name})` : segment,
    );
  }
  return parts.join('/');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
