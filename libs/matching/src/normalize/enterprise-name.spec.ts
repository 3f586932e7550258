import fc from 'fast-check';
import { parseEnterpriseName, sameEnterpriseCore } from './enterprise-name';

describe('parseEnterpriseName', () => {
  it.each([
    '长兴县某某建材有限公司',
    '（长兴）某某建材有限责任公司',
    '某某(长兴)建材有限公司',
    '長興縣某某建材有限公司',
  ])('%s → core 某某建材, region 长兴, LIMITED', (name) => {
    expect(parseEnterpriseName(name)).toMatchObject({
      core: '某某建材',
      region: '长兴',
      legalForm: 'LIMITED',
      branch: null,
    });
  });

  it('gives traditional and simplified spellings the same parse', () => {
    expect(parseEnterpriseName('長興縣某某建材有限公司')).toEqual(
      parseEnterpriseName('长兴县某某建材有限公司'),
    );
  });

  it('normalizes the full name: width, spaces, brackets', () => {
    expect(parseEnterpriseName(' （长兴） 某某 建材【集团】有限公司 ').full).toBe(
      '(长兴)某某建材(集团)有限公司',
    );
  });

  it('splits off a branch after the legal form', () => {
    expect(parseEnterpriseName('某某建材有限公司湖州分公司')).toEqual({
      full: '某某建材有限公司湖州分公司',
      core: '某某建材',
      region: null,
      legalForm: 'LIMITED',
      branch: '湖州分公司',
    });
  });

  it.each([
    ['中国工商银行股份有限公司长兴支行', '中国工商银行', '长兴支行'],
    ['某某证券股份有限公司长兴营业部', '某某证券', '长兴营业部'],
    ['某某有限公司湖州分公司长兴营业部', '某某', '湖州分公司长兴营业部'],
    ['某某建材有限公司第一分厂', '某某建材', '第一分厂'],
    ['某某超市长兴县分店', '某某超市', '长兴县分店'],
    ['某某超市第二分店', '某某超市', '第二分店'],
  ])('%s → core %s, branch %s', (name, core, branch) => {
    expect(parseEnterpriseName(name)).toMatchObject({ core, branch });
  });

  it('keeps an uncertain branch qualifier in the core', () => {
    expect(parseEnterpriseName('某某超市城东分店')).toMatchObject({
      core: '某某超市城东',
      branch: '分店',
    });
  });

  it('does not take 办事处 or 营业部 for a branch without a legal form before it', () => {
    expect(parseEnterpriseName('长兴县雉城街道办事处')).toMatchObject({
      core: '雉城街道办事处',
      region: '长兴',
      branch: null,
    });
    expect(parseEnterpriseName('某某五金经营部').branch).toBeNull();
  });

  it('reads a leading province, full or short', () => {
    expect(parseEnterpriseName('浙江某某科技股份有限公司')).toMatchObject({
      core: '某某科技',
      region: '浙江',
      legalForm: 'JOINT_STOCK',
    });
    expect(parseEnterpriseName('广西壮族自治区某某有限公司')).toMatchObject({
      core: '某某',
      region: '广西',
    });
  });

  it('keeps the most specific of chained leading regions', () => {
    expect(parseEnterpriseName('浙江省湖州市长兴县某某建材有限公司')).toMatchObject({
      core: '某某建材',
      region: '长兴',
    });
  });

  it.each([
    ['（长兴县）某某有限公司', '长兴'],
    ['某某(浙江省)有限公司', '浙江'],
    ['某某(中国)有限公司', '中国'],
    ['某某有限公司(长兴)', '长兴'],
    ['长阳土家族自治县某某有限公司', '长阳土家族'],
    ['歙县某某有限公司', null],
  ])('%s → region %s', (name, region) => {
    expect(parseEnterpriseName(name).region).toBe(region);
  });

  it.each([
    ['华联超市有限公司', '华联超市'],
    ['湖州市场开发有限公司', '湖州市场开发'],
    ['上海市场营销策划有限公司', '市场营销策划'],
    ['北京市政建设有限公司', '市政建设'],
    ['长兴县市政建设有限公司', '市政建设'],
    ['某某(集团)有限公司', '某某集团'],
    ['某某(原长兴某某厂)有限公司', '某某原长兴某某厂'],
    ['华为旗舰店', '华为旗舰店'],
    ['长兴某某茶叶专业合作社', '长兴某某茶叶'],
  ])('does not strip words that only look like regions: %s → core %s', (name, core) => {
    expect(parseEnterpriseName(name).core).toBe(core);
  });

  it('keeps a leading region when fewer than two Han characters would remain', () => {
    expect(parseEnterpriseName('长兴县公司')).toMatchObject({ core: '长兴县', region: null });
  });

  it.each([
    ['某某集团有限公司', 'LIMITED', '某某集团'],
    ['某某集团股份有限公司', 'JOINT_STOCK', '某某集团'],
    ['某某股份公司', 'JOINT_STOCK', '某某'],
    ['某某投资合伙企业(有限合伙)', 'PARTNERSHIP', '某某投资'],
    ['某某会计师事务所(特殊普通合伙)', 'PARTNERSHIP', '某某会计师事务所'],
    ['某某普通合伙企业', 'PARTNERSHIP', '某某'],
    ['某某贸易个人独资企业', 'SOLE_PROPRIETORSHIP', '某某贸易'],
    ['某某五金店(个体工商户)', 'INDIVIDUAL_BUSINESS', '某某五金店'],
    ['长兴县某某茶叶专业合作社', 'COOPERATIVE', '某某茶叶'],
    ['某某茶叶农民专业合作社', 'COOPERATIVE', '某某茶叶'],
    ['长兴县某某村股份经济合作社', 'COLLECTIVE', '某某村'],
    ['某某公司(全民所有制)', 'STATE_OWNED', '某某'],
    ['某某厂(集体所有制)', 'COLLECTIVE', '某某厂'],
    ['某某有限公司(外商独资)', 'LIMITED', '某某'],
    ['某某服装(中外合资)', 'FOREIGN', '某某服装'],
    ['某某建材公司', 'OTHER', '某某建材'],
    ['TCL科技集团股份有限公司', 'JOINT_STOCK', 'tcl科技集团'],
  ])('%s → %s, core %s', (name, legalForm, core) => {
    expect(parseEnterpriseName(name)).toMatchObject({ legalForm, core });
  });

  it('does not take 店 or 厂 for a legal form', () => {
    expect(parseEnterpriseName('某某五金店')).toMatchObject({
      core: '某某五金店',
      legalForm: null,
    });
    expect(parseEnterpriseName('某某砖瓦厂')).toMatchObject({
      core: '某某砖瓦厂',
      legalForm: null,
    });
  });

  it('works on a name without a legal form', () => {
    expect(parseEnterpriseName('某某建材')).toEqual({
      full: '某某建材',
      core: '某某建材',
      region: null,
      legalForm: null,
      branch: null,
    });
  });

  it('keeps a name that is only a legal form as its own core', () => {
    expect(parseEnterpriseName('有限公司')).toMatchObject({ core: '有限公司', legalForm: null });
  });

  it('drops punctuation from the core', () => {
    expect(parseEnterpriseName('某某·建材有限公司').core).toBe('某某建材');
  });

  it('handles empty input', () => {
    expect(parseEnterpriseName('')).toEqual({
      full: '',
      core: '',
      region: null,
      legalForm: null,
      branch: null,
    });
  });

  const pieces = fc.record({
    region: fc.constantFrom('', '长兴县', '浙江省', '浙江', '（长兴）', '(湖州)', '湖州市'),
    word: fc.constantFrom('某某', '华联', '新星', '长虹', '金陵', '天一'),
    bracketAfterWord: fc.constantFrom('', '(长兴)', '（浙江）'),
    trade: fc.constantFrom('建材', '科技', '超市', '五金', '茶叶'),
    form: fc.constantFrom(
      '',
      '有限公司',
      '有限责任公司',
      '股份有限公司',
      '合伙企业(有限合伙)',
      '专业合作社',
    ),
    branch: fc.constantFrom('', '湖州分公司', '第一分厂'),
    spaces: fc.boolean(),
  });

  it('finds 字号 + 行业 whatever region, legal form and branch surround it (property)', () => {
    fc.assert(
      fc.property(pieces, (p) => {
        const branch = p.form === '' ? '' : p.branch;
        const raw = p.region + p.word + p.bracketAfterWord + p.trade + p.form + branch;
        const parsed = parseEnterpriseName(p.spaces ? raw.split('').join(' ') : raw);
        expect(parsed.core).toBe(p.word + p.trade);
        expect(parsed.branch).toBe(branch === '' ? null : branch);
        expect(parsed.legalForm === null).toBe(p.form === '');
        expect(parsed.region === null).toBe(p.region === '' && p.bracketAfterWord === '');
      }),
    );
  });

  it('parses its own full name to the same result and never leaves brackets in the core (property)', () => {
    const chars = fc.constantFrom(
      ...'某华长兴县浙江省市区超建材有限责任公司股份分店厂集团合伙企业（）()【】 ·　',
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }), (a) => {
        const parsed = parseEnterpriseName(a.join(''));
        expect(parseEnterpriseName(parsed.full)).toEqual(parsed);
        expect(parsed.core).not.toMatch(/[()（）\s·]/);
        expect(parsed.full).not.toMatch(/[\s（）【】]/);
      }),
    );
  });
});

describe('sameEnterpriseCore', () => {
  it('matches the spellings of one enterprise', () => {
    const a = parseEnterpriseName('长兴县某某建材有限公司');
    expect(sameEnterpriseCore(a, parseEnterpriseName('某某(长兴)建材有限责任公司'))).toBe(true);
    expect(sameEnterpriseCore(a, parseEnterpriseName('某某建材有限公司湖州分公司'))).toBe(true);
  });

  it('tells different enterprises apart', () => {
    expect(
      sameEnterpriseCore(
        parseEnterpriseName('长兴县某某建材有限公司'),
        parseEnterpriseName('长兴县某某科技有限公司'),
      ),
    ).toBe(false);
  });

  it('never matches empty cores', () => {
    const empty = parseEnterpriseName('');
    expect(sameEnterpriseCore(empty, parseEnterpriseName('  '))).toBe(false);
  });
});
