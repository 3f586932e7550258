import { randomInt } from 'node:crypto';
import type { RegisterApplicantInput } from '../registry.types';

let sequence = 0;

/**
 * A value no other test in the run uses: a database lives for a whole test
 * file, so tests keep apart by their data rather than by wiping tables.
 */
export function uniqueDigits(length: number): string {
  sequence += 1;
  const tail = `${sequence}${randomInt(0, 1_000_000_000)}`.padStart(length, '0');
  return tail.slice(-length);
}

/** Shaped like a 居民身份证号码 (the registry does not check it; libs/identifiers does). */
export function residentId(): string {
  return `110105${uniqueDigits(12)}`;
}

/** Shaped like a 统一社会信用代码. */
export function uscc(): string {
  return `91110105${uniqueDigits(10)}`;
}

export function personRegistration(
  overrides: Partial<RegisterApplicantInput> = {},
): RegisterApplicantInput {
  return {
    kind: 'PERSON',
    name: '张三',
    identifiers: [{ scheme: 'RESIDENT_ID', value: residentId() }],
    ...overrides,
  };
}

export function enterpriseRegistration(
  overrides: Partial<RegisterApplicantInput> = {},
): RegisterApplicantInput {
  return {
    kind: 'ENTERPRISE',
    name: '某某建设有限公司',
    identifiers: [{ scheme: 'USCC', value: uscc() }],
    ...overrides,
  };
}
