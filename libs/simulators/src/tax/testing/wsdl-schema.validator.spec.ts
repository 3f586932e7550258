import { readFileSync } from 'node:fs';
import { departmentContract } from '@oncegate/adapters';
import { parseXml } from '../tax-xml';
import { checkSoapMessage, SchemaSubsetError, WsdlSchema } from './wsdl-schema.validator';

/** The validator the contract tests rely on must catch what breaks the schema. */
describe('WsdlSchema', () => {
  const schema = new WsdlSchema(readFileSync(departmentContract('tax.wsdl'), 'utf8'));
  const NS = 'urn:chinatax:jsxt:nsrxx:v1';
  const info = (leaves: string) =>
    `<GetTaxpayerInfoResponse xmlns="${NS}"><FHDM>0000</FHDM><FHXX>查询成功</FHXX><TaxpayerInfo>${leaves}</TaxpayerInfo></GetTaxpayerInfoResponse>`;
  const good =
    '<DJXH>10330522000000000015</DJXH><NSRSBH>91330522MA2EKRQ60K</NSRSBH><NSRMC>甲</NSRMC>' +
    '<NSRLX>单位纳税人</NSRLX><NSRZT>正常</NSRZT><ZGSWJG_DM>13305220000</ZGSWJG_DM><DJRQ>2018-12-05</DJRQ>';
  const errors = (xml: string) => schema.validateElement(parseXml(xml));

  it('knows the global elements of tax.wsdl', () => {
    expect(schema.elementNames.sort()).toEqual([
      'BatchGetTaxpayerInfoRequest',
      'BatchGetTaxpayerInfoResponse',
      'GetTaxpayerInfoChangesRequest',
      'GetTaxpayerInfoChangesResponse',
      'GetTaxpayerInfoRequest',
      'GetTaxpayerInfoResponse',
      'SubmitTaxInfoConfirmationRequest',
      'SubmitTaxInfoConfirmationResponse',
      'TaxServiceFault',
      'TaxpayerInfoExport',
    ]);
  });

  it('accepts a valid answer', () => {
    expect(errors(info(good))).toEqual([]);
  });

  it.each([
    '2026-03-14T09:26:53+08:00',
    '2026-03-14T09:26:53.25+08:00',
    '2026-03-14T01:26:53.250Z',
    '2026-03-14T09:26:53',
  ])('accepts the 更新时间 %s', (gxsj) => {
    expect(errors(info(`${good}<GXSJ>${gxsj}</GXSJ>`))).toEqual([]);
  });

  it.each([
    ['a missing required element', good.replace('<NSRMC>甲</NSRMC>', ''), 'missing <NSRMC>'],
    [
      'elements out of order',
      good.replace(
        '<NSRMC>甲</NSRMC><NSRLX>单位纳税人</NSRLX>',
        '<NSRLX>单位纳税人</NSRLX><NSRMC>甲</NSRMC>',
      ),
      'missing <NSRMC>',
    ],
    ['an unknown element', good + '<BZ>x</BZ>', 'unexpected <BZ>'],
    ['a value outside an enumeration', good.replace('正常</NSRZT>', '报验</NSRZT>'), 'enumeration'],
    ['a pattern mismatch', good.replace('13305220000', '1330522'), 'pattern'],
    ['an impossible date', good.replace('2018-12-05', '2018-02-30'), 'calendar date'],
    ['a non-date', good.replace('2018-12-05', '20181205'), 'not an xs:date'],
    ['a time without its T', `${good}<GXSJ>2026-03-14 09:26:53</GXSJ>`, 'not an xs:dateTime'],
    ['an impossible day in a time', `${good}<GXSJ>2026-02-30T09:26:53</GXSJ>`, 'calendar date'],
    ['an impossible time of day', `${good}<GXSJ>2026-03-14T24:26:53</GXSJ>`, 'time of day'],
    ['a time finer than 1 ms', `${good}<GXSJ>2026-03-14T09:26:53.2501</GXSJ>`, 'pattern'],
    ['too many decimals', good + '<ZCZB>1.005</ZCZB>', 'fraction digits'],
    ['a negative amount', good + '<ZCZB>-1</ZCZB>', 'below minimum'],
    ['an empty text', good.replace('<NSRMC>甲</NSRMC>', '<NSRMC></NSRMC>'), 'too short'],
    [
      'children in a leaf',
      good.replace('<NSRMC>甲</NSRMC>', '<NSRMC><a/></NSRMC>'),
      'has children',
    ],
    ['an attribute', good.replace('<NSRMC>', '<NSRMC id="1">'), 'unexpected attribute'],
    [
      'a score above 100',
      good + '<NSXYXX><PJND>2025</PJND><XYDJ>A</XYDJ><PF>100.5</PF></NSXYXX>',
      'above maximum',
    ],
    [
      'a rating year that is not an int',
      good + '<NSXYXX><PJND>2025a</PJND><XYDJ>A</XYDJ></NSXYXX>',
      'not an xs:int',
    ],
  ])('refuses %s', (_what, leaves, message) => {
    expect(errors(info(leaves)).join('\n')).toContain(message);
  });

  it('refuses children in no namespace where the schema qualifies them', () => {
    const xml = `<GetTaxpayerInfoResponse xmlns="${NS}"><FHDM xmlns="">0000</FHDM><FHXX>x</FHXX></GetTaxpayerInfoResponse>`;
    expect(errors(xml).join('\n')).toContain('missing <FHDM>');
  });

  it('refuses more than maxOccurs', () => {
    const numbers = Array.from({ length: 101 }, () => '<NSRSBH>91330522MA2EKRQ60K</NSRSBH>').join(
      '',
    );
    expect(
      errors(
        `<BatchGetTaxpayerInfoRequest xmlns="${NS}">${numbers}</BatchGetTaxpayerInfoRequest>`,
      ).join(),
    ).toContain('unexpected <NSRSBH>');
  });

  it('refuses a change-feed page size outside 1–500', () => {
    const request = (myts: string) =>
      `<GetTaxpayerInfoChangesRequest xmlns="${NS}"><MYTS>${myts}</MYTS></GetTaxpayerInfoChangesRequest>`;
    expect(errors(request('500'))).toEqual([]);
    expect(errors(request('501')).join()).toContain('above maximum');
    expect(errors(request('0')).join()).toContain('below minimum');
  });

  it('refuses an element the schema does not declare globally', () => {
    expect(errors(`<TaxpayerInfo xmlns="${NS}"/>`)).toEqual([
      `<TaxpayerInfo> is not a global element of ${NS}`,
    ]);
  });

  it('checks SOAP envelopes and fault details', () => {
    const env = (body: string) =>
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
    expect(checkSoapMessage(schema, env(info(good)))).toEqual({
      bodyElement: 'GetTaxpayerInfoResponse',
      errors: [],
    });
    expect(checkSoapMessage(schema, `<Envelope>${info(good)}</Envelope>`).errors).toEqual([
      'the root is not a SOAP 1.1 Envelope',
    ]);
    const fault = checkSoapMessage(
      schema,
      env(
        `<s:Fault><faultcode>500</faultcode><faultstring>x</faultstring><detail><TaxServiceFault xmlns="${NS}"><CWDM>1</CWDM></TaxServiceFault></detail></s:Fault>`,
      ),
    );
    expect(fault.errors).toEqual([
      'Fault: faultcode is not a QName',
      'TaxServiceFault: missing <CWXX>',
    ]);
  });

  it('refuses to load a schema construct it does not understand', () => {
    const wsdl = (schemaBody: string) =>
      `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t">` +
      `<wsdl:types><xs:schema targetNamespace="urn:t">${schemaBody}</xs:schema></wsdl:types></wsdl:definitions>`;
    expect(
      () => new WsdlSchema(wsdl('<xs:complexType name="T"><xs:choice/></xs:complexType>')),
    ).toThrow(SchemaSubsetError);
    expect(() => new WsdlSchema(wsdl('<xs:element name="E" type="xs:duration"/>'))).toThrow(
      SchemaSubsetError,
    );
    expect(() => new WsdlSchema(wsdl('<xs:element name="E" type="tns:Missing"/>'))).toThrow(
      'unknown type',
    );
  });
});
