import { hasProvincePrefix } from './division';
import { IdentifierReason as R, invalid, issue, type ValidationResult } from './identifier-issue';
import { normalizeIdentifierInput } from './normalize';

/** 不动产单元代码 (不动产单元号, GB/T 37346-2019): its structure. No check digit is defined. */
export interface RealEstateUnitParts {
  /** County-level GB/T 2260 code. */
  divisionCode: string;
  /** 地籍区 */
  cadastralZone: string;
  /** 地籍子区 */
  cadastralSubZone: string;
  /** 宗地特征码 ①: G 国有, J 集体, Z 未确定或争议. */
  ownership: 'G' | 'J' | 'Z';
  /** 宗地特征码 ②: the right type. */
  rightType: string;
  /** 宗地顺序号 00001–99999. */
  parcelSequence: string;
  /** 定着物特征码: F 房屋等建构筑物, L 森林林木, Q 其他, W 无定着物. */
  fixture: 'F' | 'L' | 'Q' | 'W';
  /** 定着物单元编号 (for F: 4-digit 幢号 + 4-digit 户号). */
  fixtureUnit: string;
  /** 宗地代码: characters 1–19. */
  parcelCode: string;
}

/** Right types of GB/T 37346 [V], plus L and N added in 2019 (accepted with a warning, [M]). */
const RIGHT_TYPES = new Set(['A', 'B', 'S', 'X', 'C', 'D', 'E', 'F', 'H', 'G', 'W', 'Y']);
const LATER_RIGHT_TYPES = new Set(['L', 'N']);

/** Validates the structure of a 28-character 不动产单元号. */
export function validateRealEstateUnitNo(raw: string): ValidationResult<RealEstateUnitParts> {
  const input = raw;
  const value = normalizeIdentifierInput(raw);
  const fail = (code: R, zh: string, en: string) =>
    invalid<RealEstateUnitParts>(input, value, issue(code, zh, en));
  if (value.length === 0)
    return fail(R.EMPTY, '不动产单元号为空', 'The real-estate unit number is empty');
  if (value.length !== 28) {
    return fail(
      R.LENGTH,
      `不动产单元号应为28位，实为${value.length}位`,
      `A real-estate unit number has 28 characters, got ${value.length}`,
    );
  }
  if (!/^\d{12}[A-Z]{2}\d{5}[A-Z][0-9]{8}$/.test(value)) {
    return fail(
      R.FORMAT,
      '格式应为：6位行政区划 + 3位地籍区 + 3位地籍子区 + 2位宗地特征码 + 5位宗地顺序号 + 1位定着物特征码 + 8位定着物单元编号',
      'Expected 6-digit division, 3-digit zone, 3-digit sub-zone, 2 parcel letters, 5-digit parcel sequence, 1 fixture letter and an 8-digit unit number',
    );
  }
  if (!hasProvincePrefix(value)) {
    return fail(
      R.DIVISION_CODE,
      `行政区划代码 ${value.slice(0, 6)} 的省级前缀无效`,
      `Division code ${value.slice(0, 6)} has no valid province prefix`,
    );
  }
  const ownership = value[12];
  if (ownership !== 'G' && ownership !== 'J' && ownership !== 'Z') {
    return fail(
      R.OWNERSHIP_FLAG,
      `宗地特征码 ${ownership} 无效（应为 G、J 或 Z）`,
      `Ownership flag ${ownership} is not G, J or Z`,
    );
  }
  const rightType = value[13];
  const warnings = [];
  if (LATER_RIGHT_TYPES.has(rightType)) {
    warnings.push(
      issue(
        R.RIGHT_TYPE,
        `权利类型特征码 ${rightType} 为2019年新增，未经核实（仅提示）`,
        `Right type ${rightType} is a 2019 addition not yet verified (warning only)`,
      ),
    );
  } else if (!RIGHT_TYPES.has(rightType)) {
    return fail(
      R.RIGHT_TYPE,
      `权利类型特征码 ${rightType} 无效`,
      `Right type ${rightType} is not defined`,
    );
  } else if ((rightType === 'A' || rightType === 'C') && ownership !== 'J') {
    return fail(
      R.RIGHT_TYPE,
      `权利类型 ${rightType} 只用于集体土地（J）`,
      `Right type ${rightType} is only used with collective land (J)`,
    );
  }
  const parcelSequence = value.slice(14, 19);
  if (parcelSequence === '00000') {
    return fail(R.SEQUENCE, '宗地顺序号不能为00000', 'The parcel sequence cannot be 00000');
  }
  const fixture = value[19];
  if (fixture !== 'F' && fixture !== 'L' && fixture !== 'Q' && fixture !== 'W') {
    return fail(
      R.FIXTURE_FLAG,
      `定着物特征码 ${fixture} 无效（应为 F、L、Q 或 W）`,
      `Fixture flag ${fixture} is not F, L, Q or W`,
    );
  }
  const fixtureUnit = value.slice(20);
  if (fixture === 'W' && fixtureUnit !== '00000000') {
    return fail(
      R.UNIT_NUMBER,
      '无定着物（W）时定着物单元编号应为00000000',
      'With no fixture (W) the unit number must be 00000000',
    );
  }
  return {
    valid: true,
    value,
    input,
    warnings,
    parts: {
      divisionCode: value.slice(0, 6),
      cadastralZone: value.slice(6, 9),
      cadastralSubZone: value.slice(9, 12),
      ownership,
      rightType,
      parcelSequence,
      fixture,
      fixtureUnit,
      parcelCode: value.slice(0, 19),
    },
  };
}
