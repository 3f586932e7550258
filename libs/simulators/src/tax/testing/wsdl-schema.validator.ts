import { parseXml, type XmlElement } from '../tax-xml';

/*
 * No XML Schema validator is installed (libxmljs and the like would be native
 * dependencies), so contract tests use this one: it reads the <xs:schema>
 * inside a WSDL and validates instance documents against it. It covers the
 * subset tax.wsdl uses — global and local elements, named and anonymous
 * complex types with <xs:sequence>, minOccurs/maxOccurs, simple types
 * restricting xs:string / xs:int / xs:decimal / xs:date / xs:dateTime with enumeration,
 * pattern, length, range and fractionDigits facets, elementFormDefault — and
 * refuses to load a schema that uses anything else, so a construct it does
 * not understand can never make a document pass unchecked.
 */

const XSD = 'http://www.w3.org/2001/XMLSchema';
const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
export const SOAP_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';

type Builtin = 'string' | 'int' | 'decimal' | 'date' | 'dateTime' | 'boolean';

interface SimpleType {
  readonly kind: 'simple';
  readonly name: string;
  readonly builtin: Builtin;
  readonly enumeration: readonly string[] | null;
  readonly patterns: readonly RegExp[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  readonly fractionDigits?: number;
}

interface Particle {
  readonly name: string;
  readonly type: () => TypeDef;
  readonly min: number;
  readonly max: number;
}

interface ComplexType {
  readonly kind: 'complex';
  readonly name: string;
  readonly sequence: readonly Particle[];
}

type TypeDef = SimpleType | ComplexType;

export class SchemaSubsetError extends Error {}

function facetsOf(
  restriction: XmlElement,
  where: string,
): Omit<SimpleType, 'kind' | 'name' | 'builtin'> {
  const enumeration: string[] = [];
  const patterns: RegExp[] = [];
  const out: {
    minLength?: number;
    maxLength?: number;
    minInclusive?: number;
    maxInclusive?: number;
    fractionDigits?: number;
  } = {};
  for (const facet of restriction.children) {
    if (facet.namespace !== XSD) throw new SchemaSubsetError(`${where}: <${facet.name}>`);
    const value = facet.attributes.value;
    switch (facet.localName) {
      case 'annotation':
        break;
      case 'enumeration':
        enumeration.push(value);
        break;
      case 'pattern':
        // XSD patterns are anchored; the ones tax.wsdl uses mean the same in JavaScript.
        patterns.push(new RegExp(`^(?:${value})$`, 'u'));
        break;
      case 'minLength':
      case 'maxLength':
      case 'minInclusive':
      case 'maxInclusive':
      case 'fractionDigits':
        out[facet.localName] = Number(value);
        break;
      default:
        throw new SchemaSubsetError(`${where}: unsupported facet <${facet.name}>`);
    }
  }
  return { enumeration: enumeration.length > 0 ? enumeration : null, patterns, ...out };
}

/** The schema of a WSDL's <wsdl:types>, ready to validate documents. */
export class WsdlSchema {
  readonly targetNamespace: string;
  private readonly qualified: boolean;
  private readonly types = new Map<string, TypeDef>();
  private readonly elements = new Map<string, () => TypeDef>();

  constructor(wsdlXml: string) {
    const definitions = parseXml(wsdlXml);
    if (definitions.namespace !== WSDL || definitions.localName !== 'definitions') {
      throw new SchemaSubsetError('not a WSDL 1.1 document');
    }
    const schemas = definitions.children
      .filter((c) => c.namespace === WSDL && c.localName === 'types')
      .flatMap((t) => t.children.filter((c) => c.namespace === XSD && c.localName === 'schema'));
    if (schemas.length !== 1) throw new SchemaSubsetError('expected exactly one inline xs:schema');
    const schema = schemas[0];
    this.targetNamespace = schema.attributes.targetNamespace;
    this.qualified = schema.attributes.elementFormDefault === 'qualified';
    for (const child of schema.children) {
      if (child.namespace !== XSD) throw new SchemaSubsetError(`unexpected <${child.name}>`);
      const name = child.attributes.name;
      switch (child.localName) {
        case 'annotation':
          break;
        case 'simpleType':
          this.types.set(name, this.simpleType(child, name));
          break;
        case 'complexType':
          this.types.set(name, this.complexType(child, name));
          break;
        case 'element':
          this.elements.set(name, this.elementType(child, name));
          break;
        default:
          throw new SchemaSubsetError(`unsupported top-level <${child.name}>`);
      }
    }
    // Resolve every reference now, so a dangling type name fails at load time.
    for (const [, type] of this.elements) this.check(type(), new Set());
  }

  /** Global element names, e.g. GetTaxpayerInfoResponse. */
  get elementNames(): string[] {
    return [...this.elements.keys()];
  }

  private check(type: TypeDef, seen: Set<TypeDef>): void {
    if (type.kind !== 'complex' || seen.has(type)) return;
    seen.add(type);
    for (const p of type.sequence) this.check(p.type(), seen);
  }

  private resolve(qname: string, scope: ReadonlyMap<string, string>, where: string): () => TypeDef {
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    const ns = scope.get(prefix);
    if (ns === XSD) {
      const builtin = builtinOf(local, where);
      const type: SimpleType = {
        kind: 'simple',
        name: `xs:${local}`,
        builtin,
        enumeration: null,
        patterns: [],
      };
      return () => type;
    }
    if (ns !== this.targetNamespace)
      throw new SchemaSubsetError(`${where}: type ${qname} outside the schema`);
    return () => {
      const type = this.types.get(local);
      if (!type) throw new SchemaSubsetError(`${where}: unknown type ${qname}`);
      return type;
    };
  }

  private simpleType(node: XmlElement, name: string): SimpleType {
    const restriction = node.children.find((c) => c.localName === 'restriction');
    const others = node.children.filter(
      (c) => c.localName !== 'restriction' && c.localName !== 'annotation',
    );
    if (!restriction || others.length > 0) {
      throw new SchemaSubsetError(`simpleType ${name}: only xs:restriction is supported`);
    }
    const base = this.resolve(
      restriction.attributes.base,
      restriction.namespaces,
      `simpleType ${name}`,
    )();
    if (base.kind !== 'simple') throw new SchemaSubsetError(`simpleType ${name}: complex base`);
    const facets = facetsOf(restriction, `simpleType ${name}`);
    return {
      ...base,
      ...facets,
      kind: 'simple',
      name,
      builtin: base.builtin,
      enumeration: facets.enumeration ?? base.enumeration,
      patterns: [...base.patterns, ...facets.patterns],
    };
  }

  private complexType(node: XmlElement, name: string): ComplexType {
    const parts = node.children.filter((c) => c.localName !== 'annotation');
    if (parts.length !== 1 || parts[0].localName !== 'sequence' || parts[0].namespace !== XSD) {
      throw new SchemaSubsetError(`complexType ${name}: only one xs:sequence is supported`);
    }
    const sequence = parts[0].children
      .filter((c) => c.localName !== 'annotation')
      .map((el): Particle => {
        if (el.localName !== 'element' || el.namespace !== XSD || el.attributes.ref !== undefined) {
          throw new SchemaSubsetError(
            `complexType ${name}: only local xs:element particles are supported`,
          );
        }
        const max = el.attributes.maxOccurs ?? '1';
        return {
          name: el.attributes.name,
          type: this.elementType(el, `${name}.${el.attributes.name}`),
          min: Number(el.attributes.minOccurs ?? '1'),
          max: max === 'unbounded' ? Infinity : Number(max),
        };
      });
    return { kind: 'complex', name, sequence };
  }

  private elementType(el: XmlElement, where: string): () => TypeDef {
    const inline = el.children.filter((c) => c.localName !== 'annotation');
    if (el.attributes.type !== undefined) {
      if (inline.length > 0) throw new SchemaSubsetError(`${where}: both type and inline type`);
      return this.resolve(el.attributes.type, el.namespaces, where);
    }
    if (inline.length !== 1) throw new SchemaSubsetError(`${where}: no type`);
    const type =
      inline[0].localName === 'complexType'
        ? this.complexType(inline[0], where)
        : inline[0].localName === 'simpleType'
          ? this.simpleType(inline[0], where)
          : null;
    if (!type) throw new SchemaSubsetError(`${where}: unsupported <${inline[0].name}>`);
    return () => type;
  }

  /** Errors of `element` against the global element of its name (empty when valid). */
  validateElement(element: XmlElement): string[] {
    const errors: string[] = [];
    const type = this.elements.get(element.localName);
    if (!type || element.namespace !== this.targetNamespace) {
      errors.push(`<${element.name}> is not a global element of ${this.targetNamespace}`);
      return errors;
    }
    this.validate(element, type(), element.localName, errors);
    return errors;
  }

  private validate(element: XmlElement, type: TypeDef, path: string, errors: string[]): void {
    for (const attribute of Object.keys(element.attributes)) {
      if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) {
        errors.push(`${path}: unexpected attribute ${attribute}`);
      }
    }
    if (type.kind === 'simple') {
      if (element.children.length > 0) errors.push(`${path}: a simple-typed element has children`);
      const problem = simpleValueProblem(element.text, type);
      if (problem) errors.push(`${path}: ${problem}`);
      return;
    }
    if (element.text.trim() !== '') errors.push(`${path}: text in an element-only type`);
    const children = element.children;
    const childNs = this.qualified ? this.targetNamespace : '';
    let i = 0;
    for (const particle of type.sequence) {
      let count = 0;
      while (
        i < children.length &&
        count < particle.max &&
        children[i].localName === particle.name &&
        children[i].namespace === childNs
      ) {
        this.validate(children[i], particle.type(), `${path}.${particle.name}[${count}]`, errors);
        i++;
        count++;
      }
      if (count < particle.min) errors.push(`${path}: missing <${particle.name}>`);
    }
    if (i < children.length) {
      errors.push(
        `${path}: unexpected <${children[i].name}> (namespace '${children[i].namespace}')`,
      );
    }
  }
}

function builtinOf(local: string, where: string): Builtin {
  switch (local) {
    case 'string':
    case 'int':
    case 'decimal':
    case 'date':
    case 'dateTime':
    case 'boolean':
      return local;
    default:
      throw new SchemaSubsetError(`${where}: unsupported built-in type xs:${local}`);
  }
}

const XS_DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

function simpleValueProblem(raw: string, type: SimpleType): string | null {
  // xs:string preserves whitespace; the other built-ins collapse it.
  const value = type.builtin === 'string' ? raw : raw.trim();
  switch (type.builtin) {
    case 'int': {
      if (!/^[+-]?\d+$/.test(value)) return `${type.name}: not an xs:int`;
      const n = Number(value);
      if (n < -2147483648 || n > 2147483647) return `${type.name}: outside xs:int`;
      break;
    }
    case 'decimal':
      if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(value)) return `${type.name}: not an xs:decimal`;
      if (type.fractionDigits !== undefined) {
        const fraction = value.includes('.') ? value.split('.')[1].replace(/0+$/, '') : '';
        if (fraction.length > type.fractionDigits) return `${type.name}: too many fraction digits`;
      }
      break;
    case 'date': {
      const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(value);
      if (!m) return `${type.name}: not an xs:date`;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
        return `${type.name}: not a calendar date`;
      }
      break;
    }
    case 'dateTime': {
      const m = XS_DATE_TIME.exec(value);
      if (!m) return `${type.name}: not an xs:dateTime`;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
        return `${type.name}: not a calendar date`;
      }
      if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) {
        return `${type.name}: not a time of day`;
      }
      break;
    }
    case 'boolean':
      if (!['true', 'false', '1', '0'].includes(value)) return `${type.name}: not an xs:boolean`;
      break;
    case 'string':
      break;
  }
  if (type.enumeration && !type.enumeration.includes(value))
    return `${type.name}: not one of the enumeration`;
  for (const pattern of type.patterns) {
    if (!pattern.test(value)) return `${type.name}: does not match its pattern`;
  }
  const length = [...value].length;
  if (type.minLength !== undefined && length < type.minLength) return `${type.name}: too short`;
  if (type.maxLength !== undefined && length > type.maxLength) return `${type.name}: too long`;
  if (type.minInclusive !== undefined && Number(value) < type.minInclusive)
    return `${type.name}: below minimum`;
  if (type.maxInclusive !== undefined && Number(value) > type.maxInclusive)
    return `${type.name}: above maximum`;
  return null;
}

export interface SoapMessageCheck {
  /** Local name of the Body's element, e.g. `BatchGetTaxpayerInfoResponse` or `Fault`. */
  readonly bodyElement: string;
  /** For a Fault: its faultcode and the CWDM of its TaxServiceFault detail. */
  readonly fault?: { readonly faultcode: string; readonly cwdm?: string };
  /** Everything that breaks SOAP 1.1 or the schema; empty when valid. */
  readonly errors: readonly string[];
}

/**
 * Checks a whole SOAP 1.1 message: Envelope → (Header) → Body with one
 * element, which is either a global element of the schema (validated) or a
 * soap:Fault whose detail entries are global elements of the schema (validated).
 */
export function checkSoapMessage(schema: WsdlSchema, xml: string): SoapMessageCheck {
  const errors: string[] = [];
  const envelope = parseXml(xml);
  if (envelope.namespace !== SOAP_ENVELOPE || envelope.localName !== 'Envelope') {
    return { bodyElement: '', errors: ['the root is not a SOAP 1.1 Envelope'] };
  }
  const parts = envelope.children;
  const body = parts[parts.length - 1];
  if (
    !body ||
    body.namespace !== SOAP_ENVELOPE ||
    body.localName !== 'Body' ||
    parts.length > 2 ||
    (parts.length === 2 &&
      (parts[0].localName !== 'Header' || parts[0].namespace !== SOAP_ENVELOPE))
  ) {
    return { bodyElement: '', errors: ['the Envelope must hold an optional Header and a Body'] };
  }
  if (body.children.length !== 1) {
    return { bodyElement: '', errors: ['the Body must hold exactly one element'] };
  }
  const content = body.children[0];
  if (content.namespace === SOAP_ENVELOPE && content.localName === 'Fault') {
    const byName = new Map(content.children.map((c) => [c.localName, c]));
    for (const child of content.children) {
      if (
        child.namespace !== '' ||
        !['faultcode', 'faultstring', 'faultactor', 'detail'].includes(child.localName)
      ) {
        errors.push(`Fault: unexpected <${child.name}>`);
      }
    }
    const faultcode = byName.get('faultcode')?.text.trim() ?? '';
    if (!/^[\w.-]+:[\w.-]+$/.test(faultcode)) errors.push('Fault: faultcode is not a QName');
    if (!byName.get('faultstring')?.text.trim()) errors.push('Fault: faultstring is missing');
    let cwdm: string | undefined;
    for (const entry of byName.get('detail')?.children ?? []) {
      errors.push(...schema.validateElement(entry));
      if (entry.localName === 'TaxServiceFault') {
        cwdm = entry.children.find((c) => c.localName === 'CWDM')?.text.trim();
      }
    }
    return { bodyElement: 'Fault', fault: { faultcode, cwdm }, errors };
  }
  errors.push(...schema.validateElement(content));
  return { bodyElement: content.localName, errors };
}
