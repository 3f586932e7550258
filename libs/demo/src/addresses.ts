import { type CountyProfile, isUrban } from './counties';
import { BUSINESS_ROADS } from './industries';
import type { Random } from './random';

const ROADS: readonly string[] = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '新华路',
  '文化路',
  '迎宾大道',
  '体育路',
  '长安路',
  '环城东路',
  '环城西路',
  '县前街',
  '青年路',
  '和平路',
  '明珠路',
];

const VILLAGES: readonly string[] = [
  '新塘',
  '东山',
  '西岭',
  '南湖',
  '北庄',
  '石门',
  '长桥',
  '红旗',
  '光明',
  '联合',
  '前进',
  '民主',
  '胜利',
  '五里',
  '双桥',
  '杨树湾',
  '青山',
  '大岭',
  '上塘',
  '王家',
  '李家',
  '陈家',
  '周家',
  '朱家',
  '沈家',
  '吴家',
  '徐家',
];

/** Where someone lives: county + 街道 + 路 + 号 in town, county + 镇/乡 + 村 + 号 in the country. */
export function homeAddress(rng: Random, county: CountyProfile): string {
  const town = rng.pick(county.towns);
  if (isUrban(town)) {
    const flat = rng.chance(0.5) ? `${rng.int(1, 30)}幢${rng.int(1, 6)}0${rng.int(1, 4)}室` : '';
    return `${county.name}${town}${rng.pick(ROADS)}${rng.int(1, 399)}号${flat}`;
  }
  return villageAddress(rng, county, town);
}

/** county + 镇/乡 + 村 (+ 村民小组) + 号. */
export function villageAddress(rng: Random, county: CountyProfile, town: string): string {
  const group = rng.chance(0.4) ? `${rng.int(1, 12)}组` : '';
  return `${county.name}${town}${rng.pick(VILLAGES)}村${group}${rng.int(1, 180)}号`;
}

/** An enterprise's address: county + 街道/镇 + road + 号. */
export function businessAddress(rng: Random, county: CountyProfile, town: string): string {
  return `${county.name}${town}${rng.pick(BUSINESS_ROADS)}${rng.int(1, 999)}号`;
}

/** A fixed-line number as printed: area code, hyphen, local number (8 digits). */
export function landlinePhone(rng: Random, county: CountyProfile): string {
  const lead = county.landlineLeads[rng.int(0, county.landlineLeads.length - 1)];
  return `${county.areaCode}-${lead}${rng.digits(7)}`;
}
