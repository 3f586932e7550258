import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { validateResidentId, validateUscc } from '@oncegate/identifiers';
import { SubmissionLedger } from '../shared';
import { chinaDay } from '../shared/submission-ledger';
import { parseSocialInsuranceTime, socialInsuranceTime } from './social-insurance.changes';

/** 单位参保登记 (contract 1.5). */
export const SOCIAL_INSURANCE_SUBMISSION_PATH = '/si/api/v1/unit-registrations';

/** 单位参保登记 as the contract's `UnitRegistrationRequest` defines it (the validator has checked its shape). */
export interface SocialInsuranceUnitRegistration {
  readonly external_no: string;
  readonly applied_at: string;
  readonly uscc: string;
  readonly unit_name: string;
  readonly legal_rep: string;
  readonly legal_rep_cert_type: '01' | '02' | '03' | '99';
  readonly legal_rep_cert_no: string;
  readonly unit_address: string;
  readonly contact_phone: string;
  readonly agent_name: string;
  readonly agent_mobile: string;
  readonly bank_name: string;
  readonly bank_account: string;
  readonly employee_count: number;
  readonly insurance_types: readonly ('110' | '210' | '410')[];
}

/** The system's case numbers: `SI-ACC-` + 受理日期 + a six-digit sequence. */
export function socialInsuranceSubmissionLedger(clock?: () => number): SubmissionLedger {
  return new SubmissionLedger({
    clock,
    receiptNo: (sequence, at) => `SI-ACC-${chinaDay(at)}-${String(sequence).padStart(6, '0')}`,
  });
}

/** The system's content checks (`VALIDATION_FAILED`), after the contract's shapes: the failing fields. */
export function unitRegistrationProblems(body: SocialInsuranceUnitRegistration): string[] {
  const fields: string[] = [];
  if (!validateUscc(body.uscc).valid) fields.push('uscc');
  // Only a 居民身份证号码 has a check the system can make; other certificates are taken as given.
  if (
    body.legal_rep_cert_type === '01' &&
    (!/^\d{17}[\dX]$/.test(body.legal_rep_cert_no) ||
      !validateResidentId(body.legal_rep_cert_no).valid)
  ) {
    fields.push('legal_rep_cert_no');
  }
  if (parseSocialInsuranceTime(body.applied_at) === undefined) fields.push('applied_at');
  return fields;
}

/**
 * `POST /si/api/v1/unit-registrations` (signature and shape already
 * checked): checks the content, then opens a case for a new
 * `Idempotency-Key` (201), answers the same 受理号 for a repeated one (200,
 * `duplicate: true`), and refuses a key already used for another body (409).
 */
export function acceptUnitRegistration(
  ledger: SubmissionLedger,
  req: Request,
  res: Response,
): void {
  const body = req.body as SocialInsuranceUnitRegistration;
  const invalid = unitRegistrationProblems(body);
  if (invalid.length > 0) {
    ledger.reject();
    res.status(422).json({
      code: 'VALIDATION_FAILED',
      message: `申请内容校验不通过：${invalid.join('、')}`,
      request_id: randomUUID(),
      invalid_fields: invalid,
    });
    return;
  }
  // The validator has checked that the header is there and well-formed.
  const outcome = ledger.deliver({
    idempotencyKey: req.get('idempotency-key') as string,
    reference: body.external_no,
    kind: '单位参保登记',
    content: body,
  });
  if (outcome.kind === 'conflict') {
    res.status(409).json({
      code: 'IDEMPOTENCY_CONFLICT',
      message: '幂等键已用于内容不同的申请',
      request_id: randomUUID(),
    });
    return;
  }
  const duplicate = outcome.kind === 'duplicate';
  res.status(duplicate ? 200 : 201).json({
    code: 'SUCCESS',
    message: duplicate ? '重复提交，返回原受理信息' : '受理成功',
    request_id: randomUUID(),
    data: {
      acceptance_no: outcome.submission.receiptNo,
      accepted_at: socialInsuranceTime(outcome.submission.receivedAt),
      duplicate,
    },
  });
}
