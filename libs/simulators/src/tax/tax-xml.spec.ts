import { escapeXml, parseXml, XmlSyntaxError } from './tax-xml';

describe('parseXml', () => {
  it('reads elements, namespaces, attributes, text, entities and CDATA', () => {
    const root = parseXml(
      '\ufeff<?xml version="1.0"?>\n<!-- export -->\n' +
        '<a:Root xmlns:a="urn:a" xmlns="urn:d" id=\'1\'>' +
        '<Name>长兴县&amp;恒达 &#x20BB7;&#21513;</Name><Empty/><![CDATA[<raw>]]></a:Root>',
    );
    expect(root).toMatchObject({ name: 'a:Root', localName: 'Root', namespace: 'urn:a' });
    expect(root.attributes).toEqual({ 'xmlns:a': 'urn:a', xmlns: 'urn:d', id: '1' });
    expect(root.text).toBe('<raw>');
    expect(root.children.map((c) => [c.localName, c.namespace, c.text])).toEqual([
      ['Name', 'urn:d', '长兴县&恒达 𠮷吉'],
      ['Empty', 'urn:d', ''],
    ]);
  });

  it('shares namespace scopes instead of copying them per element', () => {
    const root = parseXml('<r xmlns="urn:x"><a/><b xmlns:p="urn:p"><p:c/></b></r>');
    expect(root.children[0].namespaces).toBe(root.namespaces);
    expect(root.children[1].namespaces).not.toBe(root.namespaces);
    expect(root.children[1].children[0].namespace).toBe('urn:p');
  });

  it.each([
    ['<a><b></a>', '</a> closes <b>'],
    ['<a>', 'not closed'],
    ['<a/><b/>', 'second root'],
    ['text<a/>', 'outside the root'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'DOCTYPE'],
    ['<a>&nbsp;</a>', 'unknown entity'],
    ['<a>AT&T</a>', 'starts no entity'],
    ['<p:a/>', 'undeclared prefix'],
    ['<a b="1" b="2"/>', 'repeated attribute'],
    ['<a b=1/>', 'malformed attribute'],
    ['<a><!-- x </a>', 'unclosed comment'],
    ['', 'no root'],
  ])('refuses %j (%s)', (xml, why) => {
    expect(() => parseXml(xml)).toThrow(XmlSyntaxError);
    expect(() => parseXml(xml)).toThrow(why);
  });

  it('names the line of an error', () => {
    expect(() => parseXml('<a>\n<b>\n</c>\n</a>')).toThrow(/^line 3:/);
  });

  it('round-trips escaped text', () => {
    const text = `<"A&B">'`;
    expect(parseXml(`<a>${escapeXml(text)}</a>`).text).toBe(text);
  });
});
