/**
 * The counties of the demo data. Codes and names are the GB/T 2260 counties
 * checked in shared/domain/china-domain.md §9; everything inside a county (its
 * towns, telephone prefixes, local industries) is illustrative — plausible,
 * largely from memory, not checked against an official list.
 */
export const DEMO_COUNTIES: ReadonlyArray<{
  code: string;
  name: string;
  province: string;
  city: string;
}> = Object.freeze(
  [
    { code: '330522', name: '长兴县', province: '浙江省', city: '湖州市' },
    { code: '330523', name: '安吉县', province: '浙江省', city: '湖州市' },
    { code: '330521', name: '德清县', province: '浙江省', city: '湖州市' },
    { code: '330624', name: '新昌县', province: '浙江省', city: '绍兴市' },
    { code: '330727', name: '磐安县', province: '浙江省', city: '金华市' },
    { code: '330327', name: '苍南县', province: '浙江省', city: '温州市' },
    { code: '330424', name: '海盐县', province: '浙江省', city: '嘉兴市' },
    { code: '320381', name: '新沂市', province: '江苏省', city: '徐州市' },
    { code: '320585', name: '太仓市', province: '江苏省', city: '苏州市' },
    { code: '320324', name: '睢宁县', province: '江苏省', city: '徐州市' },
    { code: '340123', name: '肥西县', province: '安徽省', city: '合肥市' },
    { code: '341021', name: '歙县', province: '安徽省', city: '黄山市' },
    { code: '350322', name: '仙游县', province: '福建省', city: '莆田市' },
    { code: '361130', name: '婺源县', province: '江西省', city: '上饶市' },
  ].map((county) => Object.freeze(county)),
);

/** What the generator needs to know about a county beyond its code and name. */
export interface CountyProfile {
  readonly code: string;
  readonly name: string;
  readonly city: string;
  /** The province's one-character abbreviation, as on 不动产权证书 (浙, 苏 …). */
  readonly provinceShort: string;
  /** Long-distance telephone prefix of the city. */
  readonly areaCode: string;
  /** First digits local landline numbers in the county start with. */
  readonly landlineLeads: string;
  /** 街道 (urban) and 镇/乡 (rural) subdivisions. */
  readonly towns: readonly string[];
  /** Share of the demo population living here. */
  readonly weight: number;
  /** Industry phrases the county is known for (keys of INDUSTRIES). */
  readonly specialties: readonly string[];
}

const PROFILES: Record<string, Omit<CountyProfile, 'code' | 'name' | 'city'>> = {
  '330522': {
    provinceShort: '浙',
    areaCode: '0572',
    landlineLeads: '6',
    weight: 30,
    specialties: ['电源科技', '建材', '纺织', '新材料科技'],
    towns: [
      '雉城街道',
      '画溪街道',
      '太湖街道',
      '龙山街道',
      '洪桥镇',
      '李家巷镇',
      '夹浦镇',
      '煤山镇',
      '和平镇',
      '泗安镇',
      '虹星桥镇',
      '林城镇',
      '小浦镇',
      '水口乡',
      '吕山乡',
    ],
  },
  '330523': {
    provinceShort: '浙',
    areaCode: '0572',
    landlineLeads: '5',
    weight: 14,
    specialties: ['竹木制品', '家居', '茶业', '旅游开发'],
    towns: [
      '递铺街道',
      '昌硕街道',
      '灵峰街道',
      '孝源街道',
      '孝丰镇',
      '报福镇',
      '天子湖镇',
      '梅溪镇',
      '杭垓镇',
      '天荒坪镇',
      '章村镇',
      '溪龙乡',
      '上墅乡',
      '山川乡',
    ],
  },
  '330521': {
    provinceShort: '浙',
    areaCode: '0572',
    landlineLeads: '8',
    weight: 10,
    specialties: ['信息技术', '新材料科技', '建材'],
    towns: [
      '武康街道',
      '舞阳街道',
      '阜溪街道',
      '下渚湖街道',
      '乾元镇',
      '新市镇',
      '洛舍镇',
      '钟管镇',
      '禹越镇',
      '新安镇',
      '莫干山镇',
      '雷甸镇',
    ],
  },
  '330624': {
    provinceShort: '浙',
    areaCode: '0575',
    landlineLeads: '86',
    weight: 4,
    specialties: ['轴承', '医药'],
    towns: [
      '南明街道',
      '七星街道',
      '羽林街道',
      '沃洲镇',
      '儒岙镇',
      '回山镇',
      '大市聚镇',
      '小将镇',
      '梅渚镇',
      '镜岭镇',
      '东茗乡',
    ],
  },
  '330727': {
    provinceShort: '浙',
    areaCode: '0579',
    landlineLeads: '84',
    weight: 3,
    specialties: ['中药材', '旅游开发'],
    towns: [
      '安文街道',
      '新渥街道',
      '尚湖镇',
      '方前镇',
      '玉山镇',
      '尖山镇',
      '仁川镇',
      '大盘镇',
      '冷水镇',
      '双峰乡',
      '胡宅乡',
    ],
  },
  '330327': {
    provinceShort: '浙',
    areaCode: '0577',
    landlineLeads: '6',
    weight: 4,
    specialties: ['印刷包装', '塑料制品'],
    towns: [
      '灵溪镇',
      '钱库镇',
      '金乡镇',
      '宜山镇',
      '藻溪镇',
      '桥墩镇',
      '矾山镇',
      '马站镇',
      '赤溪镇',
      '望里镇',
    ],
  },
  '330424': {
    provinceShort: '浙',
    areaCode: '0573',
    landlineLeads: '8',
    weight: 4,
    specialties: ['紧固件', '机械制造'],
    towns: [
      '武原街道',
      '西塘桥街道',
      '望海街道',
      '秦山街道',
      '沈荡镇',
      '百步镇',
      '于城镇',
      '澉浦镇',
      '通元镇',
    ],
  },
  '320381': {
    provinceShort: '苏',
    areaCode: '0516',
    landlineLeads: '8',
    weight: 4,
    specialties: ['建材', '食品', '农业开发'],
    towns: [
      '新安街道',
      '北沟街道',
      '墨河街道',
      '唐店街道',
      '瓦窑镇',
      '港头镇',
      '合沟镇',
      '草桥镇',
      '窑湾镇',
      '棋盘镇',
      '马陵山镇',
      '新店镇',
      '邵店镇',
      '时集镇',
      '高流镇',
      '阿湖镇',
      '双塘镇',
    ],
  },
  '320585': {
    provinceShort: '苏',
    areaCode: '0512',
    landlineLeads: '5',
    weight: 4,
    specialties: ['物流', '机械制造', '电子科技'],
    towns: ['城厢镇', '沙溪镇', '浏河镇', '浮桥镇', '璜泾镇', '双凤镇'],
  },
  '320324': {
    provinceShort: '苏',
    areaCode: '0516',
    landlineLeads: '8',
    weight: 4,
    specialties: ['家居', '服饰'],
    towns: [
      '睢城街道',
      '王集镇',
      '双沟镇',
      '岚山镇',
      '李集镇',
      '桃园镇',
      '官山镇',
      '高作镇',
      '沙集镇',
      '凌城镇',
      '邱集镇',
      '古邳镇',
      '姚集镇',
      '魏集镇',
      '梁集镇',
      '庆安镇',
    ],
  },
  '340123': {
    provinceShort: '皖',
    areaCode: '0551',
    landlineLeads: '68',
    weight: 4,
    specialties: ['农业开发', '食品', '汽车配件'],
    towns: [
      '上派镇',
      '三河镇',
      '桃花镇',
      '紫蓬镇',
      '花岗镇',
      '官亭镇',
      '山南镇',
      '丰乐镇',
      '严店乡',
      '铭传乡',
      '柿树岗乡',
    ],
  },
  '341021': {
    provinceShort: '皖',
    areaCode: '0559',
    landlineLeads: '6',
    weight: 3,
    specialties: ['茶业', '旅游开发'],
    towns: [
      '徽城镇',
      '深渡镇',
      '北岸镇',
      '富堨镇',
      '郑村镇',
      '桂林镇',
      '许村镇',
      '溪头镇',
      '杞梓里镇',
      '霞坑镇',
      '岔口镇',
      '街口镇',
      '王村镇',
    ],
  },
  '350322': {
    provinceShort: '闽',
    areaCode: '0594',
    landlineLeads: '8',
    weight: 4,
    specialties: ['红木家具', '鞋业', '工艺品'],
    towns: [
      '鲤城街道',
      '鲤南镇',
      '榜头镇',
      '郊尾镇',
      '枫亭镇',
      '度尾镇',
      '大济镇',
      '盖尾镇',
      '赖店镇',
      '龙华镇',
      '钟山镇',
      '游洋镇',
      '园庄镇',
      '石苍乡',
    ],
  },
  '361130': {
    provinceShort: '赣',
    areaCode: '0793',
    landlineLeads: '7',
    weight: 4,
    specialties: ['茶业', '旅游开发'],
    towns: [
      '紫阳镇',
      '清华镇',
      '秋口镇',
      '江湾镇',
      '思口镇',
      '赋春镇',
      '镇头镇',
      '太白镇',
      '中云镇',
      '许村镇',
      '溪头乡',
      '段莘乡',
      '浙源乡',
    ],
  },
};

export const COUNTY_PROFILES: readonly CountyProfile[] = DEMO_COUNTIES.map((county) => {
  const profile = PROFILES[county.code];
  if (!profile) throw new Error(`No profile for demo county ${county.code}`);
  return Object.freeze({ code: county.code, name: county.name, city: county.city, ...profile });
});

export const COUNTY_WEIGHTS: readonly (readonly [CountyProfile, number])[] = COUNTY_PROFILES.map(
  (county) => [county, county.weight] as const,
);

export function countyProfile(code: string): CountyProfile {
  const county = COUNTY_PROFILES.find((c) => c.code === code);
  if (!county) throw new RangeError(`${code} is not a demo county`);
  return county;
}

/** 长兴县 → 长兴, 新沂市 → 新沂; a two-character name such as 歙县 stays whole. */
export function shortCountyName(name: string): string {
  return name.length > 2 ? name.replace(/[县市区]$/, '') : name;
}

/** 雉城街道 → 雉城, 洪桥镇 → 洪桥, 溪龙乡 → 溪龙. */
export function shortTownName(town: string): string {
  return town.replace(/(街道|镇|乡)$/, '');
}

export function isUrban(town: string): boolean {
  return town.endsWith('街道');
}

/**
 * 地址码 of people whose number was issued outside the demo counties, from
 * china-domain.md §2 and §9. `lastBirthYear` keeps retired codes plausible: no
 * one born after a code was retired was given it.
 */
export const BIRTHPLACES_ELSEWHERE: readonly {
  readonly code: string;
  readonly name: string;
  /** Absent while the code is in use. */
  readonly lastBirthYear?: number;
}[] = [
  { code: '110105', name: '北京市朝阳区' },
  { code: '440524', name: '广东省潮阳县（已撤销）', lastBirthYear: 1985 },
  { code: '330682', name: '浙江省上虞市（今上虞区）', lastBirthYear: 2012 },
  { code: '411081', name: '河南省禹州市' },
  { code: '451421', name: '广西扶绥县' },
  { code: '141124', name: '山西临县' },
];
