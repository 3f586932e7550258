import type { Request, Response } from 'express';
import { hasProvincePrefix, validateUscc } from '@oncegate/identifiers';
import { SubmissionLedger } from '../shared';
import { decimalPlaces } from '../shared/decimal-places';
import { chinaDay } from '../shared/submission-ledger';
import { toChinaTime } from './project-approval.changes';

/** 项目申报 (contract 1.6). */
export const PROJECT_APPROVAL_SUBMISSION_PATH = '/api/v1/xmsb';

/** 项目申报 as the contract's `Xmsb` defines it (the validator has checked every field's shape). */
export interface ProjectApprovalSubmission {
  sblsh: string;
  sqsj: string;
  xmlx: '审批' | '核准' | '备案';
  xmmc: string;
  xmdw: string;
  tyshxydm: string;
  fddbr: string;
  dwdz: string;
  lxdh: string | null;
  jbrxm: string;
  jbrsj: string;
  jsxz: string;
  xzqhdm: string;
  jsdd: string;
  ztz: number;
  zjly: string;
  nkgsj: string;
  njcsj: string;
  zjzmj: number | null;
}

/** The platform's case numbers: `XMSB` + 受理日期 + a six-digit sequence. */
export function projectApprovalSubmissionLedger(clock?: () => number): SubmissionLedger {
  return new SubmissionLedger({
    clock,
    receiptNo: (sequence, at) => `XMSB${chinaDay(at)}${String(sequence).padStart(6, '0')}`,
  });
}

function isCalendarTime(value: string): boolean {
  const [day, time] = value.split(' ');
  const [h, m, s] = time.split(':').map(Number);
  const date = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === day &&
    h <= 23 &&
    m <= 59 &&
    s <= 59
  );
}

/**
 * The platform's content checks (`4221`), after the contract's shapes:
 * the fields that fail, by name (never a value).
 */
export function projectApprovalSubmissionProblems(body: ProjectApprovalSubmission): string[] {
  const problems: string[] = [];
  if (!validateUscc(body.tyshxydm).valid) problems.push('tyshxydm 校验码不正确');
  if (!hasProvincePrefix(body.xzqhdm)) problems.push('xzqhdm 不是有效的行政区划代码');
  if (!isCalendarTime(body.sqsj)) problems.push('sqsj 不是有效时间');
  if (decimalPlaces(body.ztz) > 2) problems.push('ztz 最多两位小数');
  if (body.zjzmj !== null && decimalPlaces(body.zjzmj) > 2) problems.push('zjzmj 最多两位小数');
  if (body.njcsj < body.nkgsj) problems.push('njcsj 早于 nkgsj');
  return problems;
}

/**
 * `POST /api/v1/xmsb`: checks the content, then opens a case for a new
 * `Idempotency-Key`, answers the same 回执 for a repeated one (`sfcf: true`),
 * and refuses a key already used for other content (`4091`).
 */
export function acceptProjectApprovalSubmission(
  ledger: SubmissionLedger,
  req: Request,
  res: Response,
): void {
  const body = req.body as ProjectApprovalSubmission;
  const problems = projectApprovalSubmissionProblems(body);
  if (problems.length > 0) {
    ledger.reject();
    res
      .status(422)
      .json({ code: '4221', msg: `申报内容校验不通过：${problems.join('；')}`, data: null });
    return;
  }
  // The validator has checked that the header is there and well-formed.
  const outcome = ledger.deliver({
    idempotencyKey: req.get('idempotency-key') as string,
    reference: body.sblsh,
    kind: body.xmlx,
    content: body,
  });
  if (outcome.kind === 'conflict') {
    res.status(409).json({ code: '4091', msg: '幂等键已用于内容不同的申报', data: null });
    return;
  }
  const duplicate = outcome.kind === 'duplicate';
  res.status(200).json({
    code: '0000',
    msg: duplicate ? '重复申报，返回原受理回执' : '受理成功',
    data: {
      slh: outcome.submission.receiptNo,
      slsj: toChinaTime(outcome.submission.receivedAt),
      sfcf: duplicate,
    },
  });
}
