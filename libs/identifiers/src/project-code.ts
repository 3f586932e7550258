import { hasProvincePrefix } from './division';
import { IdentifierReason as R, invalid, issue, type ValidationResult } from './identifier-issue';

/** 投资项目代码: the national fixed-asset investment project code. */
export interface ProjectCodeParts {
  /** LEGACY: group 1 is the year (2016–2020 scheme); CURRENT: group 1 is YYMM (GB/T 40058-2021). */
  scheme: 'LEGACY' | 'CURRENT';
  /** `YYYY` for legacy codes, `YYYY-MM` for current ones. */
  period: string;
  /** 地区代码: GB/T 2260 code of the project location. */
  divisionCode: string;
  /** Group 3: 行业代码 (legacy) or 中央业务指导部门代码 (current). */
  sectorCode: string;
  /** Group 4: 项目类型 (legacy `01` 审批, `02` 核准, `03` 备案). */
  projectType: string;
  serial: string;
}

const PROJECT_CODE_PATTERN = /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/;

/**
 * Validates the format of a 投资项目代码. The check digit of GB/T 40058-2021
 * §4.7 is not verified (the standard's text was not available), so only the
 * format, a plausible time group and the province prefix are checked
 * (china-domain.md §3). The hyphens are part of the code's printed form and
 * are required; full-width and other dash characters count as hyphens.
 */
export function validateProjectCode(
  raw: string,
  today: Date = new Date(),
): ValidationResult<ProjectCodeParts> {
  const input = raw;
  const value = raw
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
  if (value.length === 0) {
    return invalid(input, value, issue(R.EMPTY, '项目代码为空', 'The project code is empty'));
  }
  if (!PROJECT_CODE_PATTERN.test(value)) {
    return invalid(
      input,
      value,
      issue(
        R.FORMAT,
        '投资项目代码应为 XXXX-XXXXXX-XX-XX-XXXXXX（20位数字，4个连字符）',
        'An investment project code is XXXX-XXXXXX-XX-XX-XXXXXX (20 digits, 4 hyphens)',
      ),
    );
  }
  const g1 = value.slice(0, 4);
  const yy = Number(g1.slice(0, 2));
  const mm = Number(g1.slice(2, 4));
  let scheme: ProjectCodeParts['scheme'];
  let period: string;
  if (mm >= 1 && mm <= 12) {
    // YYMM: the current scheme, in force from November 2020.
    const month = (2000 + yy) * 12 + (mm - 1);
    const nowMonth = today.getUTCFullYear() * 12 + today.getUTCMonth();
    if (month < 2020 * 12 + 10 || month > nowMonth) {
      return invalid(
        input,
        value,
        issue(
          R.TIME_CODE,
          `时间代码 ${g1}（${2000 + yy}年${mm}月）不在新编码规则启用（2020年11月）至今的范围内`,
          `Time code ${g1} (${2000 + yy}-${String(mm).padStart(2, '0')}) is not between November 2020 and now`,
        ),
      );
    }
    scheme = 'CURRENT';
    period = `${2000 + yy}-${String(mm).padStart(2, '0')}`;
  } else if (Number(g1) >= 2014 && Number(g1) <= 2020) {
    scheme = 'LEGACY';
    period = g1;
  } else {
    return invalid(
      input,
      value,
      issue(
        R.TIME_CODE,
        `时间代码 ${g1} 既不是2014–2020年份，也不是有效的年月（YYMM）`,
        `Time code ${g1} is neither a year 2014–2020 nor a valid YYMM`,
      ),
    );
  }
  const divisionCode = value.slice(5, 11);
  if (!hasProvincePrefix(divisionCode)) {
    return invalid(
      input,
      value,
      issue(
        R.DIVISION_CODE,
        `地区代码 ${divisionCode} 的省级前缀无效`,
        `The division code ${divisionCode} has no valid province prefix`,
      ),
    );
  }
  return {
    valid: true,
    value,
    input,
    warnings: [],
    parts: {
      scheme,
      period,
      divisionCode,
      sectorCode: value.slice(12, 14),
      projectType: value.slice(15, 17),
      serial: value.slice(18),
    },
  };
}
