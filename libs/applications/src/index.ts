export * from './applications.errors';
export {
  ITEM_TYPES,
  DEPARTMENTS,
  TIME_LIMIT_UNITS,
  GOLDEN_ATTRIBUTES,
  IDENTIFIER_SCHEMES,
  PROCEDURE_CATALOGUE_SCHEMA,
  type ItemType,
  type Department,
  type TimeLimitUnit,
  type GoldenAttribute,
  type IdentifierScheme,
} from './catalogue/procedure-catalogue.schema';
export {
  ProcedureCatalogue,
  loadProcedureCatalogue,
  parseProcedureCatalogue,
  type FormItem,
  type FormField,
  type PrefillSource,
  type Procedure,
  type ProcedureItem,
  type TimeLimit,
} from './catalogue/procedure-catalogue';
export { toChinaDate, type ChinaDate } from './calendar/china-date';
export { WORKING_CALENDAR_SCHEMA } from './calendar/working-calendar.schema';
export {
  WorkingCalendar,
  loadWorkingCalendar,
  parseWorkingCalendar,
  type AdjustedWorkingDay,
  type CalendarYear,
  type DueDate,
  type HolidayNotice,
  type HolidayPeriod,
  type Pause,
} from './calendar/working-calendar';
export { ItemProblemCode, type ItemResult } from './validation/item-problem';
export { validateItem, type ValidateItemOptions } from './validation/validate-item';
export {
  validateForm,
  type FormProblem,
  type FormValidation,
  type FormWarning,
} from './validation/validate-form';
export { describeSchemaError } from './schema-errors';
export { findRepositoryFile } from './repository-file';
