/**
 * What enterprises do: the phrase that goes into a company name, the GB/T
 * 4754-2017 大类 (division) it belongs to, and what a project of it is called.
 */
export interface Industry {
  /** The 行业 part of a name: 长兴县恒达**建材**有限公司. */
  readonly phrase: string;
  /** GB/T 4754-2017 大类 name. */
  readonly label: string;
  /** GB/T 4754-2017 大类 code (two digits). */
  readonly code: string;
  /** For manufacturers: [product, unit of yearly output] used in project names. */
  readonly product?: readonly [string, string];
  /** 用途 of the land it builds on. */
  readonly landUse: '工业用地' | '商服用地' | '城镇住宅用地' | '仓储用地';
}

export const INDUSTRIES: readonly Industry[] = [
  {
    phrase: '建材',
    label: '非金属矿物制品业',
    code: '30',
    product: ['新型墙体材料', '万立方米'],
    landUse: '工业用地',
  },
  { phrase: '环保科技', label: '生态保护和环境治理业', code: '77', landUse: '工业用地' },
  {
    phrase: '家居',
    label: '家具制造业',
    code: '21',
    product: ['定制家具', '万套'],
    landUse: '工业用地',
  },
  {
    phrase: '纺织',
    label: '纺织业',
    code: '17',
    product: ['差别化纤维面料', '万米'],
    landUse: '工业用地',
  },
  {
    phrase: '机械制造',
    label: '通用设备制造业',
    code: '34',
    product: ['智能成套装备', '台'],
    landUse: '工业用地',
  },
  {
    phrase: '电子科技',
    label: '计算机、通信和其他电子设备制造业',
    code: '39',
    product: ['电子元器件', '万只'],
    landUse: '工业用地',
  },
  {
    phrase: '食品',
    label: '食品制造业',
    code: '14',
    product: ['休闲食品', '吨'],
    landUse: '工业用地',
  },
  { phrase: '农业开发', label: '农业', code: '01', landUse: '工业用地' },
  { phrase: '建设工程', label: '土木工程建筑业', code: '48', landUse: '商服用地' },
  { phrase: '物流', label: '道路运输业', code: '54', landUse: '仓储用地' },
  {
    phrase: '新材料科技',
    label: '科技推广和应用服务业',
    code: '75',
    product: ['高性能复合材料', '吨'],
    landUse: '工业用地',
  },
  {
    phrase: '茶业',
    label: '酒、饮料和精制茶制造业',
    code: '15',
    product: ['精制茶', '吨'],
    landUse: '工业用地',
  },
  { phrase: '旅游开发', label: '商务服务业', code: '72', landUse: '商服用地' },
  {
    phrase: '汽车配件',
    label: '汽车制造业',
    code: '36',
    product: ['汽车零部件', '万件'],
    landUse: '工业用地',
  },
  {
    phrase: '电源科技',
    label: '电气机械和器材制造业',
    code: '38',
    product: ['储能电池', '万只'],
    landUse: '工业用地',
  },
  {
    phrase: '竹木制品',
    label: '木材加工和木、竹、藤、棕、草制品业',
    code: '20',
    product: ['竹制品', '万件'],
    landUse: '工业用地',
  },
  {
    phrase: '医药',
    label: '医药制造业',
    code: '27',
    product: ['原料药', '吨'],
    landUse: '工业用地',
  },
  {
    phrase: '轴承',
    label: '通用设备制造业',
    code: '34',
    product: ['精密轴承', '万套'],
    landUse: '工业用地',
  },
  { phrase: '中药材', label: '农业', code: '01', product: ['中药饮片', '吨'], landUse: '工业用地' },
  {
    phrase: '印刷包装',
    label: '印刷和记录媒介复制业',
    code: '23',
    product: ['环保包装材料', '吨'],
    landUse: '工业用地',
  },
  {
    phrase: '紧固件',
    label: '通用设备制造业',
    code: '34',
    product: ['高强度紧固件', '吨'],
    landUse: '工业用地',
  },
  {
    phrase: '服饰',
    label: '纺织服装、服饰业',
    code: '18',
    product: ['服装', '万件'],
    landUse: '工业用地',
  },
  { phrase: '信息技术', label: '软件和信息技术服务业', code: '65', landUse: '商服用地' },
  { phrase: '房地产开发', label: '房地产业', code: '70', landUse: '城镇住宅用地' },
  { phrase: '商贸', label: '批发业', code: '51', landUse: '商服用地' },
  { phrase: '餐饮管理', label: '餐饮业', code: '62', landUse: '商服用地' },
  { phrase: '酒店管理', label: '住宿业', code: '61', landUse: '商服用地' },
  {
    phrase: '红木家具',
    label: '家具制造业',
    code: '21',
    product: ['红木家具', '件'],
    landUse: '工业用地',
  },
  {
    phrase: '鞋业',
    label: '皮革、毛皮、羽毛及其制品和制鞋业',
    code: '19',
    product: ['运动鞋', '万双'],
    landUse: '工业用地',
  },
  {
    phrase: '工艺品',
    label: '文教、工美、体育和娱乐用品制造业',
    code: '24',
    product: ['木雕工艺品', '万件'],
    landUse: '工业用地',
  },
  {
    phrase: '塑料制品',
    label: '橡胶和塑料制品业',
    code: '29',
    product: ['塑料制品', '吨'],
    landUse: '工业用地',
  },
];

export function industryByPhrase(phrase: string): Industry {
  const industry = INDUSTRIES.find((i) => i.phrase === phrase);
  if (!industry) throw new RangeError(`Unknown industry phrase ${phrase}`);
  return industry;
}

/**
 * 字号 (trade names): a handful chosen whole, the rest built from two
 * auspicious characters, which is how most real ones come about.
 */
const WHOLE_TRADE_NAMES: readonly string[] = [
  '恒达',
  '绿源',
  '竹韵',
  '华兴',
  '鑫盛',
  '宏远',
  '永泰',
  '金诚',
  '瑞丰',
  '天成',
  '嘉禾',
  '润泽',
  '汇通',
  '博远',
  '鼎盛',
  '祥和',
  '康宁',
  '顺昌',
  '创新',
  '远航',
  '青山',
  '碧水',
  '明珠',
  '东方',
];
const TRADE_FIRST: readonly string[] = [
  '恒',
  '华',
  '鑫',
  '宏',
  '永',
  '金',
  '瑞',
  '天',
  '盛',
  '隆',
  '兴',
  '嘉',
  '鼎',
  '润',
  '汇',
  '博',
  '诚',
  '信',
  '祥',
  '泰',
  '康',
  '德',
  '顺',
  '新',
  '创',
  '远',
  '昌',
  '凯',
  '融',
  '佳',
];
const TRADE_SECOND: readonly string[] = [
  '达',
  '源',
  '兴',
  '盛',
  '泰',
  '丰',
  '发',
  '诚',
  '信',
  '通',
  '宇',
  '辉',
  '远',
  '华',
  '益',
  '和',
  '安',
  '美',
  '晟',
  '昌',
];

export const TRADE_NAMES: readonly string[] = [
  ...new Set([
    ...WHOLE_TRADE_NAMES,
    ...TRADE_FIRST.flatMap((a) => TRADE_SECOND.filter((b) => b !== a).map((b) => a + b)),
  ]),
];

/** 组织形式 of a company, with how often it is chosen. */
export const COMPANY_FORMS: readonly (readonly [string, number])[] = [
  ['有限公司', 70],
  ['有限责任公司', 20],
  ['股份有限公司', 10],
];

/** What a 个体工商户 is, as the last part of its name says. */
export const SHOP_KINDS: readonly {
  readonly suffix: string;
  readonly label: string;
  readonly code: string;
}[] = [
  { suffix: '五金店', label: '零售业', code: '52' },
  { suffix: '小吃店', label: '餐饮业', code: '62' },
  { suffix: '便利店', label: '零售业', code: '52' },
  { suffix: '理发店', label: '居民服务业', code: '80' },
  { suffix: '建材经营部', label: '零售业', code: '52' },
  { suffix: '农资店', label: '零售业', code: '52' },
  { suffix: '汽车修理部', label: '机动车、电子产品和日用产品修理业', code: '81' },
  { suffix: '服装店', label: '零售业', code: '52' },
  { suffix: '水果店', label: '零售业', code: '52' },
  { suffix: '茶叶商行', label: '批发业', code: '51' },
  { suffix: '竹制品厂', label: '木材加工和木、竹、藤、棕、草制品业', code: '20' },
  { suffix: '家庭农场', label: '农业', code: '01' },
];

/** What a 农民专业合作社 grows or raises. */
export const COOPERATIVE_PRODUCTS: readonly {
  readonly product: string;
  readonly label: string;
  readonly code: string;
}[] = [
  { product: '白茶', label: '农业', code: '01' },
  { product: '茶叶', label: '农业', code: '01' },
  { product: '蔬菜', label: '农业', code: '01' },
  { product: '水果', label: '农业', code: '01' },
  { product: '葡萄', label: '农业', code: '01' },
  { product: '杨梅', label: '农业', code: '01' },
  { product: '粮食', label: '农业', code: '01' },
  { product: '竹笋', label: '林业', code: '02' },
  { product: '花卉苗木', label: '农业', code: '01' },
  { product: '中药材', label: '农业', code: '01' },
  { product: '湖羊', label: '畜牧业', code: '03' },
  { product: '水产', label: '渔业', code: '04' },
];

/** 事业单位 a county typically has; names are the county's name plus these. */
export const PUBLIC_INSTITUTIONS: readonly {
  readonly suffix: string;
  readonly label: string;
  readonly code: string;
  readonly project: string;
}[] = [
  { suffix: '人民医院', label: '卫生', code: '84', project: '门诊综合楼新建工程' },
  { suffix: '中医院', label: '卫生', code: '84', project: '住院楼改扩建工程' },
  { suffix: '妇幼保健院', label: '卫生', code: '84', project: '迁建工程' },
  { suffix: '疾病预防控制中心', label: '卫生', code: '84', project: '业务用房建设项目' },
  { suffix: '第一中学', label: '教育', code: '83', project: '教学楼改扩建工程' },
  { suffix: '第二中学', label: '教育', code: '83', project: '学生宿舍楼新建工程' },
  { suffix: '实验小学', label: '教育', code: '83', project: '新校区建设工程' },
  { suffix: '职业教育中心', label: '教育', code: '83', project: '实训楼建设项目' },
  { suffix: '图书馆', label: '文化艺术业', code: '88', project: '新馆建设工程' },
  { suffix: '文化馆', label: '文化艺术业', code: '88', project: '提升改造工程' },
  {
    suffix: '融媒体中心',
    label: '广播、电视、电影和录音制作业',
    code: '87',
    project: '业务用房改造项目',
  },
  { suffix: '水利工程管理服务中心', label: '水利管理业', code: '76', project: '河道综合治理工程' },
  {
    suffix: '农业技术推广中心',
    label: '科技推广和应用服务业',
    code: '75',
    project: '农业科技示范基地建设项目',
  },
  { suffix: '公共资源交易中心', label: '商务服务业', code: '72', project: '交易场所改造项目' },
  { suffix: '社会福利中心', label: '社会工作', code: '85', project: '养老服务综合体建设项目' },
];

/** Streets enterprises sit on, including the usual development-zone grid. */
export const BUSINESS_ROADS: readonly string[] = [
  '工业大道',
  '经一路',
  '经二路',
  '纬一路',
  '纬三路',
  '开发大道',
  '创业路',
  '科技路',
  '振兴路',
  '兴业路',
  '园区路',
  '人民路',
  '解放路',
  '中山路',
  '建设路',
];
