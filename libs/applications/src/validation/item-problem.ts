import type { FormItem } from '../catalogue/procedure-catalogue';

/** Why a value was refused. Codes are stable: clients branch on them; messages are for people. */
export enum ItemProblemCode {
  /** A required item has no value (form level). */
  REQUIRED = 'REQUIRED',
  /** The value is blank. */
  EMPTY = 'EMPTY',
  TOO_LONG = 'TOO_LONG',
  /** Control characters or unpaired surrogates: nothing a person types, and XML 1.0 (SOAP) cannot carry them. */
  INVALID_CHARACTER = 'INVALID_CHARACTER',
  /** Not of the item's form (length, characters, layout). */
  FORMAT = 'FORMAT',
  /** An identifier's check character does not match: most likely a typing error. */
  CHECK_CHARACTER = 'CHECK_CHARACTER',
  /** An identifier fails another structural rule (birth date, province prefix, time code, flags…). */
  INVALID_IDENTIFIER = 'INVALID_IDENTIFIER',
  /** A date that does not exist (30 February) or lies outside 1900–2100. */
  INVALID_DATE = 'INVALID_DATE',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  /** More digits after the decimal point than the item's scale. */
  TOO_MANY_DECIMALS = 'TOO_MANY_DECIMALS',
  UNKNOWN_CODE = 'UNKNOWN_CODE',
  DUPLICATE_CODE = 'DUPLICATE_CODE',
  /** A date before the date of the item its `notBefore` names (form level). */
  NOT_BEFORE = 'NOT_BEFORE',
  /** A value for an item that is not on the form of the procedures chosen (form level). */
  NOT_IN_FORM = 'NOT_IN_FORM',
}

/**
 * What `validateItem` returns: the normalized value to store and send, or why
 * not. A message never contains the value (or any part of it) for a personal
 * item, and never for any item except the identifier checks the identifiers
 * library words (uscc, projectCode, realEstateUnitNo: codes of public registers).
 */
export type ItemResult =
  | {
      readonly ok: true;
      readonly value: string;
      /** Rules not certain enough to refuse on (china-domain.md [M]/[I]), e.g. a USCC's inner organization-code check. */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly code: ItemProblemCode; readonly message: string };

/** `label：中文（English）`: Chinese for the applicant, a short English gloss for logs and developers. */
export function itemMessage(item: Pick<FormItem, 'label'>, zh: string, en: string): string {
  return `${item.label}：${zh}（${en}）`;
}

export function refuse(
  item: Pick<FormItem, 'label'>,
  code: ItemProblemCode,
  zh: string,
  en: string,
): ItemResult {
  return { ok: false, code, message: itemMessage(item, zh, en) };
}

export function accept(value: string, warnings: readonly string[] = []): ItemResult {
  return { ok: true, value, warnings };
}
