/**
 * A small, strict, non-validating XML reader and the escaping the writer
 * needs: enough for the tax system's export files and for checking SOAP
 * messages in tests. Elements, attributes, namespaces, text, CDATA, comments
 * and processing instructions; the five predefined entities and character
 * references. DOCTYPE is refused (no entity expansion from files we replay).
 * Linear in the input: one pass, no backtracking.
 */

export interface XmlElement {
  /** The name as written, e.g. `soap:Envelope`. */
  readonly name: string;
  readonly localName: string;
  /** The namespace URI the prefix (or the default namespace) resolves to; '' when none. */
  readonly namespace: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Prefix → namespace URI in scope here ('' is the default namespace), for QName attribute values. */
  readonly namespaces: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** The element's own text (children's text not included), entities resolved. */
  text: string;
  /** 1-based line of the start tag, for error messages. */
  readonly line: number;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const NO_NAMESPACES: ReadonlyMap<string, string> = new Map([
  ['xml', 'http://www.w3.org/XML/1998/namespace'],
]);

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Parses a whole document and returns its root element. */
export function parseXml(xml: string): XmlElement {
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  let line = 1;
  let lineCountedTo = 0;
  const lineAt = (pos: number): number => {
    for (let i = lineCountedTo; i < pos; i++) if (source.charCodeAt(i) === 10) line++;
    lineCountedTo = Math.max(lineCountedTo, pos);
    return line;
  };
  const fail = (pos: number, why: string): never => {
    throw new XmlSyntaxError(`line ${lineAt(pos)}: ${why}`);
  };

  const decode = (raw: string, pos: number): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s]*);?/g, (match, entity: string) => {
      if (!match.endsWith(';')) fail(pos, 'an & that starts no entity');
      if (entity.startsWith('#x') || entity.startsWith('#X')) {
        const code = Number.parseInt(entity.slice(2), 16);
        if (!/^#[xX][0-9a-fA-F]+$/.test(entity) || code > 0x10ffff)
          fail(pos, 'a bad character reference');
        return String.fromCodePoint(code);
      }
      if (entity.startsWith('#')) {
        const code = Number(entity.slice(1));
        if (!/^#\d+$/.test(entity) || code > 0x10ffff) fail(pos, 'a bad character reference');
        return String.fromCodePoint(code);
      }
      const value = PREDEFINED[entity];
      if (value === undefined) fail(pos, `an unknown entity &${entity};`);
      return value;
    });
  };

  interface Open {
    readonly element: XmlElement;
  }
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let pos = 0;

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > pos) {
      const raw = source.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.element.text += decode(raw, pos);
      else if (raw.trim() !== '') fail(pos, 'text outside the root element');
    }
    if (lt === -1) break;
    pos = lt;
    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end === -1) fail(pos, 'an unclosed comment');
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const end = source.indexOf(']]>', pos + 9);
      if (end === -1) fail(pos, 'an unclosed CDATA section');
      const top = stack[stack.length - 1];
      if (!top) fail(pos, 'CDATA outside the root element');
      top.element.text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos + 2);
      if (end === -1) fail(pos, 'an unclosed processing instruction');
      pos = end + 2;
    } else if (source.startsWith('<!', pos)) {
      fail(pos, 'DOCTYPE and other declarations are not accepted');
    } else if (source.startsWith('</', pos)) {
      const end = source.indexOf('>', pos);
      if (end === -1) fail(pos, 'an unclosed end tag');
      const name = source.slice(pos + 2, end).trim();
      const open = stack.pop();
      if (!open) fail(pos, `an end tag </${name}> without a start tag`);
      else if (open.element.name !== name) {
        fail(pos, `</${name}> closes <${open.element.name}>`);
      }
      pos = end + 1;
    } else {
      const end = findTagEnd(source, pos);
      if (end === -1) fail(pos, 'an unclosed start tag');
      const selfClosing = source.charCodeAt(end - 1) === 47; /* / */
      const inner = source.slice(pos + 1, selfClosing ? end - 1 : end);
      const nameEnd = inner.search(/[\s]|$/);
      const name = inner.slice(0, nameEnd);
      if (!NAME.test(name)) fail(pos, `a bad element name ${JSON.stringify(name)}`);
      const attributes: Record<string, string> = {};
      const parent = stack[stack.length - 1];
      // Shared with the parent unless this element declares a namespace: one map per declaration, not per element.
      let namespaces: ReadonlyMap<string, string> = parent?.element.namespaces ?? NO_NAMESPACES;
      const declare = (prefix: string, uri: string) => {
        const own = new Map(namespaces);
        own.set(prefix, uri);
        namespaces = own;
      };
      let rest = inner.slice(nameEnd);
      rest = rest.trim();
      ATTRIBUTE.lastIndex = 0;
      let at = 0;
      while (at < rest.length) {
        ATTRIBUTE.lastIndex = at;
        const m = ATTRIBUTE.exec(rest);
        if (!m) fail(pos, `a malformed attribute in <${name}>`);
        else {
          const [whole, attrName, dq, sq] = m;
          if (attrName in attributes) fail(pos, `a repeated attribute ${attrName} in <${name}>`);
          const value = decode(dq ?? sq, pos);
          attributes[attrName] = value;
          if (attrName === 'xmlns') declare('', value);
          else if (attrName.startsWith('xmlns:')) declare(attrName.slice(6), value);
          at += whole.length;
          while (at < rest.length && /\s/.test(rest[at])) at++;
        }
      }
      const colon = name.indexOf(':');
      const prefix = colon === -1 ? '' : name.slice(0, colon);
      const namespace = namespaces.get(prefix);
      if (prefix !== '' && namespace === undefined) fail(pos, `an undeclared prefix ${prefix}:`);
      const element: XmlElement = {
        name,
        localName: colon === -1 ? name : name.slice(colon + 1),
        namespace: namespace ?? '',
        attributes,
        namespaces,
        children: [],
        text: '',
        line: lineAt(pos),
      };
      if (parent) parent.element.children.push(element);
      else if (root) fail(pos, 'a second root element');
      else root = element;
      if (!selfClosing) stack.push({ element });
      pos = end + 1;
    }
  }
  if (stack.length > 0)
    fail(source.length, `<${stack[stack.length - 1].element.name}> is not closed`);
  if (!root) return fail(source.length, 'no root element');
  return root;
}

/** The `>` ending the tag that starts at `from`, skipping quoted attribute values. */
function findTagEnd(source: string, from: number): number {
  let quote = 0;
  for (let i = from + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
    else if (c === 60) return -1;
  }
  return -1;
}
