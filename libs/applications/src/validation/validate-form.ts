import type { FormField, ProcedureCatalogue } from '../catalogue/procedure-catalogue';
import { ItemProblemCode as P, itemMessage } from './item-problem';
import { validateItem, type ValidateItemOptions } from './validate-item';

/** One problem with one item of a form. */
export interface FormProblem {
  /** The item id (for `NOT_IN_FORM`, the key as given). */
  readonly item: string;
  readonly code: P;
  readonly message: string;
}

export interface FormWarning {
  readonly item: string;
  readonly message: string;
}

export interface FormValidation {
  /** True when there are no problems (warnings do not count). */
  readonly ok: boolean;
  /** The form of the procedures chosen (`ProcedureCatalogue.formItems`). */
  readonly fields: readonly FormField[];
  /** Item id → normalized value, for every item given a valid, non-blank value. */
  readonly values: Readonly<Record<string, string>>;
  /** Every problem found, in form order; values not on the form last. */
  readonly problems: readonly FormProblem[];
  readonly warnings: readonly FormWarning[];
}

/**
 * Checks an application's values against the form of the procedures chosen:
 * each value by its item's type, required items present, `notBefore` between
 * dates, and no values for items that are not on the form. Returns every
 * problem at once. A blank value counts as not given. Unknown procedure codes
 * throw `UnknownProcedureError` (that is the caller's mistake, not the applicant's).
 */
export function validateForm(
  catalogue: ProcedureCatalogue,
  procedures: readonly string[],
  values: Readonly<Record<string, string>>,
  options: ValidateItemOptions = {},
): FormValidation {
  const fields = catalogue.formItems(procedures);
  const onForm = new Set(fields.map((field) => field.item.id));
  const normalized: Record<string, string> = {};
  const problems: FormProblem[] = [];
  const warnings: FormWarning[] = [];

  for (const { item, required } of fields) {
    const raw: unknown = Object.hasOwn(values, item.id) ? values[item.id] : undefined;
    const blank =
      raw === undefined || (typeof raw === 'string' && raw.normalize('NFKC').trim() === '');
    if (blank) {
      if (required) {
        problems.push({
          item: item.id,
          code: P.REQUIRED,
          message: itemMessage(item, '必填', 'is required'),
        });
      }
      continue;
    }
    const result = validateItem(item, raw as string, options);
    if (!result.ok) {
      problems.push({ item: item.id, code: result.code, message: result.message });
      continue;
    }
    normalized[item.id] = result.value;
    for (const message of result.warnings) warnings.push({ item: item.id, message });
  }

  // Cross-item rules, once both values are valid (a wrong date already has its own problem).
  for (const { item } of fields) {
    if (item.notBefore === undefined) continue;
    const value = normalized[item.id];
    const other = normalized[item.notBefore];
    // Dates are normalized to YYYY-MM-DD, so text order is date order.
    if (value !== undefined && other !== undefined && value < other) {
      const before = catalogue.item(item.notBefore);
      problems.push({
        item: item.id,
        code: P.NOT_BEFORE,
        message: itemMessage(item, `不得早于${before.label}`, `must not be before ${before.id}`),
      });
    }
  }

  for (const key of Object.keys(values)) {
    if (onForm.has(key)) continue;
    problems.push({
      item: key,
      code: P.NOT_IN_FORM,
      message: `${key}：不是所选事项表单中的数据项（not an item of the form of the procedures chosen）`,
    });
  }

  const order = new Map(fields.map((field, i) => [field.item.id, i]));
  const rank = (problem: FormProblem) => order.get(problem.item) ?? fields.length;
  return {
    ok: problems.length === 0,
    fields,
    values: normalized,
    // Stable sort: each item's own problems before its cross-item ones.
    problems: problems.sort((a, b) => rank(a) - rank(b)),
    warnings,
  };
}
