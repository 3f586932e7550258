import type { Request, Response } from 'express';
import { validateProjectCode, validateRealEstateUnitNo, validateUscc } from '@oncegate/identifiers';
import { SubmissionLedger } from '../shared';
import { decimalPlaces } from '../shared/decimal-places';
import { chinaDay } from '../shared/submission-ledger';
import { formatLandPlanningTime, parseLandPlanningTime } from './land-planning.changes';

/** 申请受理 (contract 2.5.0). */
export const LAND_PLANNING_SUBMISSION_PATH = '/api/v2/applications';

/** 申请类型 (`SQLX`): the two documents the platform takes applications for. */
export type LandPlanningApplicationKind = '用地预审与选址意见书' | '建设用地规划许可证';

/** An application as the contract's `ApplicationRequest` defines it (the validator has checked its shape). */
export type LandPlanningApplication = {
  readonly SQLX: LandPlanningApplicationKind;
  readonly WBYWH: string;
  readonly SQSJ: string;
  readonly XMDM: string | null;
} & Readonly<Record<string, string | number | null>>;

/** The platform's case numbers: `YDSQ` + 受理日期 + a six-digit sequence. */
export function landPlanningSubmissionLedger(clock?: () => number): SubmissionLedger {
  return new SubmissionLedger({
    clock,
    receiptNo: (sequence, at) => `YDSQ${chinaDay(at)}${String(sequence).padStart(6, '0')}`,
  });
}

/** The platform's content checks (`4220`), after the contract's shapes: `{ path, message }` per failing column. */
export function landPlanningApplicationProblems(
  body: LandPlanningApplication,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const fail = (column: string, message: string) =>
    problems.push({ path: `/body/${column}`, message });
  const unitColumn = body.SQLX === '用地预审与选址意见书' ? 'JSDWDM' : 'YDDWDM';
  if (!validateUscc(String(body[unitColumn])).valid)
    fail(unitColumn, '统一社会信用代码校验码不正确');
  if (parseLandPlanningTime(body.SQSJ) === null) fail('SQSJ', '不是有效的时间');
  if (body.XMDM !== null && !validateProjectCode(body.XMDM).valid) {
    fail('XMDM', '不是有效的投资项目代码');
  }
  const decimals: Record<string, number> =
    body.SQLX === '用地预审与选址意见书' ? { ZTZ: 2, NYDMJ: 6 } : { ZJZMJ: 2, YDMJ: 2 };
  for (const [column, places] of Object.entries(decimals)) {
    if (decimalPlaces(body[column] as number) > places) fail(column, `最多${places}位小数`);
  }
  if (body.SQLX === '建设用地规划许可证' && body.BDCDYH !== null) {
    if (!validateRealEstateUnitNo(String(body.BDCDYH)).valid)
      fail('BDCDYH', '不是有效的不动产单元号');
  }
  return problems;
}

/**
 * `POST /api/v2/applications`: checks the content, then opens a case for a
 * new `Idempotency-Key` (201), answers the same 受理编号 for a repeated one
 * (200, `duplicate: true`), and refuses a key already used for other content
 * (409 / `4090`).
 */
export function acceptLandPlanningApplication(
  ledger: SubmissionLedger,
  req: Request,
  res: Response,
): void {
  const body = req.body as LandPlanningApplication;
  const problems = landPlanningApplicationProblems(body);
  if (problems.length > 0) {
    ledger.reject();
    res
      .status(422)
      .json({ code: '4220', message: '申请内容校验不通过', data: null, errors: problems });
    return;
  }
  // The validator has checked that the header is there and well-formed.
  const outcome = ledger.deliver({
    idempotencyKey: req.get('idempotency-key') as string,
    reference: body.WBYWH,
    kind: body.SQLX,
    content: body,
  });
  if (outcome.kind === 'conflict') {
    res.status(409).json({ code: '4090', message: '幂等键已用于内容不同的申请', data: null });
    return;
  }
  const duplicate = outcome.kind === 'duplicate';
  res.status(duplicate ? 200 : 201).json({
    code: '0000',
    message: duplicate ? '重复提交，返回原受理信息' : '受理成功',
    data: {
      SLBH: outcome.submission.receiptNo,
      SLSJ: formatLandPlanningTime(outcome.submission.receivedAt),
      SQLX: outcome.submission.kind,
      duplicate,
    },
  });
}
