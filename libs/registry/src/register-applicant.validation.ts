import { RegistryError, RegistryErrorCode } from './registry.errors';
import {
  APPLICANT_KINDS,
  IDENTIFIER_SCHEMES,
  type ApplicantKind,
  type IdentifierScheme,
  type RegisterApplicantInput,
} from './registry.types';

/**
 * Column limits, checked in code because SQLite enforces none of them and
 * MySQL's strict mode fails with a driver message instead of a code. Lengths
 * are in characters (code points), as MySQL counts them for utf8mb4.
 */
export const REGISTRY_LIMITS = {
  name: 200,
  identifierValue: 64,
  system: 64,
  localId: 128,
  attributeName: 64,
  /** Bytes of UTF-8: the payloads and values live in TEXT columns (64 KiB on MySQL). */
  textBytes: 65_535,
} as const;

/** Dates a MySQL DATETIME can hold. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export interface PreparedRegistration {
  readonly kind: ApplicantKind;
  readonly name: string;
  readonly identifiers: readonly {
    readonly scheme: IdentifierScheme;
    readonly value: string;
    readonly originalValue: string | null;
  }[];
  readonly sourceRecords: readonly {
    readonly system: string;
    readonly localId: string;
    readonly rawPayload: string;
    readonly normalized: string;
    readonly observedAt: Date;
  }[];
  readonly attributes: readonly {
    readonly name: string;
    readonly value: string;
    readonly sourceSystem: string;
    readonly sourceLocalId: string | null;
    readonly observedAt: Date;
  }[];
}

/**
 * Checks a registration completely before anything is written and returns it
 * ready to store (name trimmed, payloads serialized). Refusals are
 * `INVALID_REGISTRATION` with `details.field` naming the offending input path.
 */
export function prepareRegistration(input: RegisterApplicantInput): PreparedRegistration {
  if (!isIn(APPLICANT_KINDS, input.kind)) {
    throw invalid('kind', `kind must be one of ${APPLICANT_KINDS.join(', ')}`);
  }
  const name = requireText('name', input.name, REGISTRY_LIMITS.name, true);

  const identifierKeys = new Set<string>();
  const identifiers = (input.identifiers ?? []).map((identifier, i) => {
    const field = `identifiers[${i}]`;
    if (!isIn(IDENTIFIER_SCHEMES, identifier.scheme)) {
      throw invalid(`${field}.scheme`, `scheme must be one of ${IDENTIFIER_SCHEMES.join(', ')}`);
    }
    const value = requireText(`${field}.value`, identifier.value, REGISTRY_LIMITS.identifierValue);
    const originalValue =
      identifier.originalValue === undefined ||
      identifier.originalValue === null ||
      identifier.originalValue === ''
        ? null
        : requireText(
            `${field}.originalValue`,
            identifier.originalValue,
            REGISTRY_LIMITS.identifierValue,
          );
    const key = `${identifier.scheme}\u0000${value}`;
    if (identifierKeys.has(key)) {
      throw invalid(`${field}.value`, 'the same identifier is listed twice');
    }
    identifierKeys.add(key);
    return { scheme: identifier.scheme, value, originalValue };
  });

  const recordKeys = new Set<string>();
  const sourceRecords = (input.sourceRecords ?? []).map((record, i) => {
    const field = `sourceRecords[${i}]`;
    const system = requireText(`${field}.system`, record.system, REGISTRY_LIMITS.system);
    const localId = requireText(`${field}.localId`, record.localId, REGISTRY_LIMITS.localId);
    const key = `${system}\u0000${localId}`;
    if (recordKeys.has(key)) {
      throw invalid(`${field}.localId`, 'the same source record is listed twice');
    }
    recordKeys.add(key);
    if (!isPlainObject(record.normalized)) {
      throw invalid(`${field}.normalized`, 'normalized must be an object');
    }
    return {
      system,
      localId,
      rawPayload: toJson(`${field}.rawPayload`, record.rawPayload),
      normalized: toJson(`${field}.normalized`, record.normalized),
      observedAt: requireDate(`${field}.observedAt`, record.observedAt),
    };
  });

  const attributeNames = new Set<string>();
  const attributes = (input.attributes ?? []).map((attribute, i) => {
    const field = `attributes[${i}]`;
    const attributeName = requireText(
      `${field}.name`,
      attribute.name,
      REGISTRY_LIMITS.attributeName,
    );
    if (attributeNames.has(attributeName)) {
      throw invalid(
        `${field}.name`,
        'an attribute has one golden value; this name is listed twice',
      );
    }
    attributeNames.add(attributeName);
    if (typeof attribute.value !== 'string') {
      throw invalid(`${field}.value`, 'value must be a string');
    }
    checkTextBytes(`${field}.value`, attribute.value);
    const sourceSystem = requireText(
      `${field}.sourceSystem`,
      attribute.sourceSystem,
      REGISTRY_LIMITS.system,
    );
    const sourceLocalId =
      attribute.sourceLocalId === undefined || attribute.sourceLocalId === null
        ? null
        : requireText(`${field}.sourceLocalId`, attribute.sourceLocalId, REGISTRY_LIMITS.localId);
    if (sourceLocalId !== null && !recordKeys.has(`${sourceSystem}\u0000${sourceLocalId}`)) {
      throw invalid(
        `${field}.sourceLocalId`,
        'the attribute names a source record that is not in this registration',
      );
    }
    return {
      name: attributeName,
      value: attribute.value,
      sourceSystem,
      sourceLocalId,
      observedAt: requireDate(`${field}.observedAt`, attribute.observedAt),
    };
  });

  return { kind: input.kind, name, identifiers, sourceRecords, attributes };
}

function requireText(field: string, value: unknown, maxChars: number, trim = false): string {
  if (typeof value !== 'string') {
    throw invalid(field, `${field} must be a string`);
  }
  const text = trim ? value.trim() : value;
  if (text === '' || (!trim && text.trim() === '')) {
    throw invalid(field, `${field} must not be empty`);
  }
  // Code points, not UTF-16 units: 𠮷 is one character to MySQL but two to JavaScript.
  if (countCodePoints(text) > maxChars) {
    throw invalid(field, `${field} is longer than ${maxChars} characters`);
  }
  return text;
}

function requireDate(field: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalid(field, `${field} must be a valid Date`);
  }
  const year = value.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw invalid(field, `${field} must lie between the years ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  return new Date(value.getTime());
}

function toJson(field: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) {
    throw invalid(field, `${field} must be serializable as JSON`);
  }
  checkTextBytes(field, json);
  return json;
}

function checkTextBytes(field: string, text: string): void {
  if (Buffer.byteLength(text, 'utf8') > REGISTRY_LIMITS.textBytes) {
    throw invalid(field, `${field} is larger than ${REGISTRY_LIMITS.textBytes} bytes`);
  }
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) {
    count += 1;
  }
  return count;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIn<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function invalid(field: string, message: string): RegistryError {
  return new RegistryError(RegistryErrorCode.INVALID_REGISTRATION, message, { field });
}
