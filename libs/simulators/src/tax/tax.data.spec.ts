import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { departmentContract } from '@oncegate/adapters';
import { generateDemoApplicants, type DemoApplicant } from '@oncegate/demo';
import { validateResidentId } from '@oncegate/identifiers';
import {
  canonicalTaxpayerKey,
  generateTaxData,
  loadTaxDataFromFile,
  parseTaxExport,
  taxDataToXml,
  TaxDataFileError,
  writeTaxDataToFile,
  type TaxData,
} from './tax.data';
import { parseXml } from './tax-xml';
import type { TaxpayerInfoRecord } from './tax.record';
import { WsdlSchema } from './testing/wsdl-schema.validator';

const population = generateDemoApplicants({ seed: 7, persons: 2000, enterprises: 1000 });
const data = generateTaxData(population, { seed: 42 });

const byKey = new Map<string, DemoApplicant>();
for (const a of population) {
  const scheme = a.kind === 'ENTERPRISE' ? 'USCC' : 'RESIDENT_ID';
  const id = a.identifiers.find((i) => i.scheme === scheme);
  if (id) byKey.set(id.value, a);
}
const attribute = (a: DemoApplicant, name: string) =>
  a.attributes.find((x) => x.name === name)?.value;

/** Each registration with the population member it is. */
const pairs: [TaxpayerInfoRecord, DemoApplicant][] = data.registrations.map((r, i) => {
  const applicant = byKey.get(data.truth[i].applicantKey);
  if (!applicant) throw new Error(`truth row ${i} names nobody`);
  return [r, applicant];
});
const count = (test: (r: TaxpayerInfoRecord, a: DemoApplicant) => boolean) =>
  pairs.filter(([r, a]) => test(r, a)).length;
const isLegacy15 = (v: string | undefined) => v !== undefined && /^\d{15}$/.test(v);
const isFullWidth = (v: string | undefined) => v !== undefined && /[０-９]/.test(v);

describe('generateTaxData', () => {
  it('is deterministic for a seed and differs for another', () => {
    expect(generateTaxData(population, { seed: 42 })).toEqual(data);
    expect(generateTaxData(population, { seed: 43 })).not.toEqual(data);
  });

  it('knows every enterprise and exactly the persons the population lists in tax', () => {
    const keys = new Set(data.truth.map((t) => t.applicantKey));
    for (const a of population) {
      const key = a.identifiers[0].value;
      const expected = a.kind === 'ENTERPRISE' || a.sourceRecords.some((r) => r.system === 'tax');
      expect([key, keys.has(key)]).toEqual([key, expected]);
    }
    const persons = population.filter((a) => a.kind === 'PERSON');
    const taxPersons = persons.filter((a) => keys.has(a.identifiers[0].value)).length;
    expect(taxPersons / persons.length).toBeGreaterThan(0.1);
    expect(taxPersons / persons.length).toBeLessThan(0.4);
  });

  it('has one truth row per registration, keyed by its unique 登记序号', () => {
    expect(data.truth).toHaveLength(data.registrations.length);
    expect(new Set(data.truth.map((t) => t.localId)).size).toBe(data.truth.length);
    data.registrations.forEach((r, i) => {
      expect(data.truth[i].localId).toBe(r.DJXH);
      expect(canonicalTaxpayerKey(r.NSRSBH)).toBe(data.truth[i].applicantKey);
    });
  });

  it('keeps the population’s own 登记序号, so the registry’s tax records exist here', () => {
    const djxh = new Set(data.registrations.map((r) => r.DJXH));
    for (const a of population) {
      for (const record of a.sourceRecords.filter((s) => s.system === 'tax')) {
        expect(djxh.has(record.localId)).toBe(true);
      }
    }
  });

  it('puts in the mess a real 金税 database has', () => {
    const representatives = (a: DemoApplicant) => attribute(a, 'legalRepresentative');
    const mess = {
      enterpriseNameVariants: count((r, a) => a.kind === 'ENTERPRISE' && r.NSRMC !== a.name),
      personNameVariants: count((r, a) => a.kind === 'PERSON' && r.NSRMC !== a.name),
      staleLegalRepresentatives: count(
        (r, a) => r.FDDBRXM !== undefined && r.FDDBRXM !== representatives(a),
      ),
      legalRepresentativeLegacyIds: count((r) => isLegacy15(r.FDDBRSFZJHM)),
      legalRepresentativeIdsTypedMessily: count(
        (r) =>
          r.FDDBRSFZJHM !== undefined &&
          (isFullWidth(r.FDDBRSFZJHM) || r.FDDBRSFZJHM.includes(' ') || /x$/.test(r.FDDBRSFZJHM)),
      ),
      legalRepresentativeIdsMissing: count((r) => r.FDDBRXM !== undefined && !r.FDDBRSFZJHM),
      personsStoredWithLowerCaseX: count((r) => r.NSRLX === '自然人' && /x$/.test(r.NSRSBH)),
      personLegacyIds: count((r) => r.NSRLX === '自然人' && isLegacy15(r.ZJHM)),
      personFullWidthIds: count((r) => r.NSRLX === '自然人' && isFullWidth(r.ZJHM)),
      personIdsMissing: count((r) => r.NSRLX === '自然人' && r.ZJHM === undefined),
      movedAddresses: count(
        (r, a) =>
          (r.ZCDZ ?? r.LXDZ) !== undefined && (r.ZCDZ ?? r.LXDZ) !== attribute(a, 'address'),
      ),
      changedPhones: count((r, a) => r.LXDH !== undefined && r.LXDH !== attribute(a, 'phone')),
      abnormalTaxpayers: count((r) => r.NSRZT === '非正常'),
      suspendedOrLiquidatingOrClosed: count((r) => ['停业', '清算', '注销'].includes(r.NSRZT)),
      taxpayersWithArrears: count((r) => (r.QSXX?.length ?? 0) > 0),
      publishedArrears: count((r) => (r.QSXX ?? []).some((q) => q.GGRQ !== undefined)),
      ratingsWithoutScore: count((r) => r.NSXYXX !== undefined && r.NSXYXX.PF === undefined),
      numbersWithTwoRegistrations:
        data.truth.length - new Set(data.truth.map((t) => t.applicantKey)).size,
      registrationsLeftBehindByAMove: count(
        (r) => r.NSRZT === '注销' && r.DJXH.slice(8, 9) === '9',
      ),
    };
    for (const [kind, n] of Object.entries(mess)) expect([kind, n > 0]).toEqual([kind, true]);
    // Mess, not chaos: most records agree with the population.
    expect(mess.enterpriseNameVariants).toBeLessThan(population.length * 0.1);
  });

  it('keeps the facts of messy identifiers: a legacy number upgrades to the real one', () => {
    for (const [r, a] of pairs) {
      if (r.NSRLX === '自然人' && isLegacy15(r.ZJHM)) {
        expect(validateResidentId(r.ZJHM ?? '')).toMatchObject({
          valid: true,
          value: a.identifiers[0].value,
        });
      }
    }
  });

  it('rates units of the last published year, consistently with their scores', () => {
    for (const r of data.registrations) {
      if (r.NSRLX === '自然人') expect(r.NSXYXX).toBeUndefined();
      if (!r.NSXYXX) continue;
      expect(r.NSXYXX.PJND).toBe('2025');
      if (r.NSRZT === '非正常') expect(r.NSXYXX).toEqual({ PJND: '2025', XYDJ: 'D' });
      const pf = r.NSXYXX.PF === undefined ? undefined : Number(r.NSXYXX.PF);
      if (pf === undefined) continue;
      const [from, to] = { A: [90, 100], B: [70, 90], M: [70, 90], C: [40, 70], D: [0, 40] }[
        r.NSXYXX.XYDJ as 'A'
      ];
      expect(pf >= from && pf <= to).toBe(true);
    }
  });

  it('dates arrears before today and never charges more late fee than tax', () => {
    for (const q of data.registrations.flatMap((r) => r.QSXX ?? [])) {
      expect(q.SSQQ <= q.SSQZ && q.SSQZ < '2026-11-01').toBe(true);
      expect(Number(q.ZNJ)).toBeLessThanOrEqual(Number(q.QSYE));
      if (q.GGRQ) expect(q.GGRQ > q.SSQZ && q.GGRQ < '2026-11-01').toBe(true);
    }
  });

  it('makes records that are valid against tax.wsdl', () => {
    const schema = new WsdlSchema(readFileSync(departmentContract('tax.wsdl'), 'utf8'));
    const errors = schema.validateElement(parseXml(taxDataToXml(data.registrations)));
    expect(errors).toEqual([]);
  });

  it('refuses a bad seed', () => {
    expect(() => generateTaxData(population, { seed: 1.5 })).toThrow(RangeError);
  });
});

describe('tax export files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'oncegate-tax-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads what it writes (streamed), truth included', async () => {
    const file = join(dir, 'export.xml');
    await writeTaxDataToFile(file, data);
    const loaded: TaxData = loadTaxDataFromFile(file);
    expect(loaded.registrations).toEqual(data.registrations);
    expect(loaded.truth).toEqual(data.truth);
    expect(readFileSync(file, 'utf8')).toBe(taxDataToXml(data.registrations));
  });

  const wrap = (inner: string) =>
    `<TaxpayerInfoExport xmlns="urn:chinatax:jsxt:nsrxx:v1">${inner}</TaxpayerInfoExport>`;
  const minimal = (extra = '', djxh = '10330522000000000001') =>
    `<TaxpayerInfo><DJXH>${djxh}</DJXH><NSRSBH>91330522MA2EKRQ60K</NSRSBH><NSRMC>甲</NSRMC>` +
    `<NSRLX>单位纳税人</NSRLX><NSRZT>正常</NSRZT><ZGSWJG_DM>13305220000</ZGSWJG_DM>` +
    `<DJRQ>2020-01-02</DJRQ>${extra}</TaxpayerInfo>`;

  it('reads a minimal hand-written export', () => {
    const loaded = parseTaxExport(
      wrap(
        minimal(
          '<QSXX><SZ>增值税</SZ><SSQQ>2025-01-01</SSQQ><SSQZ>2025-03-31</SSQZ><QSYE>1</QSYE><ZNJ>0</ZNJ></QSXX>',
        ),
      ),
    );
    expect(loaded.registrations[0]).toMatchObject({
      DJXH: '10330522000000000001',
      QSXX: [{ SZ: '增值税', QSYE: '1' }],
    });
    expect(loaded.truth).toEqual([
      { localId: '10330522000000000001', applicantKey: '91330522MA2EKRQ60K' },
    ]);
  });

  it('makes a canonical key of a 15-digit or lower-case number for the truth', () => {
    expect(canonicalTaxpayerKey('110105491231002')).toBe('11010519491231002X');
    expect(canonicalTaxpayerKey('11010519491231002x')).toBe('11010519491231002X');
  });

  it.each([
    ['not XML', '<TaxpayerInfoExport', 'not well-formed XML'],
    ['another root', '<Export xmlns="urn:chinatax:jsxt:nsrxx:v1"/>', 'root element'],
    ['the wrong namespace', '<TaxpayerInfoExport xmlns="urn:other"/>', 'root element'],
    ['another element', wrap('<Taxpayer/>'), 'unexpected element'],
    [
      'a missing element',
      wrap(minimal().replace('<DJRQ>2020-01-02</DJRQ>', '')),
      '<DJRQ> is missing',
    ],
    [
      'a bad value',
      wrap(minimal().replace('正常</NSRZT>', '休眠</NSRZT>')),
      '<NSRZT> has an invalid value',
    ],
    ['an unknown element', wrap(minimal('<BZ>x</BZ>')), 'unknown element <BZ>'],
    ['a repeated 登记序号', wrap(minimal() + minimal()), 'DJXH is repeated'],
    [
      'a bad arrears item',
      wrap(minimal('<QSXX><SZ>增值税</SZ></QSXX>')),
      'QSXX[0]: <SSQQ> is missing',
    ],
  ])('refuses %s with a clear message', (_what, xml, message) => {
    expect(() => parseTaxExport(xml, 'pilot.xml')).toThrow(TaxDataFileError);
    expect(() => parseTaxExport(xml, 'pilot.xml')).toThrow(message);
  });

  it('names the record and line of a bad one', () => {
    expect(() =>
      parseTaxExport(wrap(`\n${minimal()}\n${minimal('', '123')}`), 'pilot.xml'),
    ).toThrow('pilot.xml: TaxpayerInfo #2 (line 3): <DJXH> has an invalid value');
  });

  it('says when a file cannot be read', () => {
    expect(() => loadTaxDataFromFile(join(dir, 'missing.xml'))).toThrow(
      /cannot be read \(ENOENT\)/,
    );
    const empty = join(dir, 'empty.xml');
    writeFileSync(empty, '');
    expect(() => loadTaxDataFromFile(empty)).toThrow(TaxDataFileError);
  });
});
