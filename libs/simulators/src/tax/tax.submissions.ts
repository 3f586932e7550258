import { validateResidentId, validateUscc } from '@oncegate/identifiers';
import { SubmissionLedger } from '../shared';
import { chinaDay } from '../shared/submission-ledger';
import { leafText } from './tax.soap-args';
import { parseTaxTime } from './tax.time';

/** 新办纳税人税务信息确认 as the WSDL's `SubmitTaxInfoConfirmationRequest` carries it, every leaf as text. */
export interface TaxInfoConfirmation {
  readonly QQLSH: string;
  readonly WBYWBH: string;
  readonly SQSJ: string;
  readonly NSRSBH: string;
  readonly NSRMC: string;
  readonly FDDBRXM: string;
  readonly FDDBRSFZJHM: string;
  readonly ZCDZ: string;
  readonly LXDH: string;
  readonly CWFZRXM: string;
  readonly CWFZRYDDH: string;
  readonly KJZD: string;
}

/** Why a submission is refused, as the contract's fault codes say it (soap:Client, final). */
export interface TaxSubmissionRefusal {
  readonly cwdm: '1001' | '1002' | '1006' | '1007';
  readonly message: string;
}

/** The tax office's 回执号: `HZ` + 受理日期 + an eight-digit sequence. */
export function taxSubmissionLedger(clock?: () => number): SubmissionLedger {
  return new SubmissionLedger({
    clock,
    receiptNo: (sequence, at) => `HZ${chinaDay(at)}${String(sequence).padStart(8, '0')}`,
  });
}

const QQLSH = /^[A-Za-z0-9_.:-]{8,128}$/;
const USCC = /^[0-9A-Z]{18}$/;
const RESIDENT_ID = /^[0-9]{17}[0-9X]$/;
const MOBILE = /^1[0-9]{10}$/;
const ACCOUNTING_STANDARDS = new Set(['企业会计准则', '小企业会计准则', '其他']);

/** Each element after the key and the number, with the rule of its type in the WSDL. */
const ELEMENTS: readonly (readonly [keyof TaxInfoConfirmation, (text: string) => boolean])[] = [
  ['WBYWBH', (t) => length(t, 50)],
  ['SQSJ', (t) => parseTaxTime(t) !== null && !/\.\d{4,}/.test(t)],
  ['NSRMC', (t) => length(t, 200)],
  ['FDDBRXM', (t) => length(t, 50)],
  ['FDDBRSFZJHM', (t) => RESIDENT_ID.test(t) && validateResidentId(t).valid],
  ['ZCDZ', (t) => length(t, 200)],
  ['LXDH', (t) => length(t, 30)],
  ['CWFZRXM', (t) => length(t, 50)],
  ['CWFZRYDDH', (t) => MOBILE.test(t)],
  ['KJZD', (t) => ACCOUNTING_STANDARDS.has(t)],
];

function length(text: string, max: number): boolean {
  return [...text].length <= max;
}

/**
 * The request as the `soap` server parsed it, checked in the contract's
 * order of faults: no usable 请求流水号 (1006), no 纳税人识别号 (1001), one that
 * is not a valid 统一社会信用代码 (1002), any other element missing or not of
 * its type, a check character wrong included (1007, naming the elements).
 */
export function readTaxInfoConfirmation(args: unknown): TaxInfoConfirmation | TaxSubmissionRefusal {
  const request = (typeof args === 'object' && args !== null ? args : {}) as Record<
    string,
    unknown
  >;
  const key = leafText(request.QQLSH);
  if (typeof key !== 'string' || !QQLSH.test(key)) {
    return { cwdm: '1006', message: '请求流水号缺失或格式不正确' };
  }
  const nsrsbh = leafText(request.NSRSBH);
  if (nsrsbh === undefined) return { cwdm: '1001', message: '请求缺少纳税人识别号' };
  if (nsrsbh === null || !USCC.test(nsrsbh) || !validateUscc(nsrsbh).valid) {
    return { cwdm: '1002', message: '纳税人识别号格式不正确' };
  }
  const values: Record<string, string> = { QQLSH: key, NSRSBH: nsrsbh };
  const failing: string[] = [];
  for (const [name, valid] of ELEMENTS) {
    const text = leafText(request[name]);
    if (typeof text !== 'string' || !valid(text)) failing.push(name);
    else values[name] = text;
  }
  if (failing.length > 0) {
    return { cwdm: '1007', message: `申报信息校验不通过：${failing.join('、')}` };
  }
  return values as unknown as TaxInfoConfirmation;
}

/** Whether a reading is a refusal. */
export function isRefusal(
  read: TaxInfoConfirmation | TaxSubmissionRefusal,
): read is TaxSubmissionRefusal {
  return 'cwdm' in read;
}
