/**
 * A strict, small XML 1.0 parser for the tests' schema checks: well-formedness (one root, matching tags,
 * quoted unique attributes, only the predefined and numeric entity references, no `<` in attribute values,
 * no text outside the root) and namespaces (every prefix declared, names resolved to namespace + local
 * name). No DTDs, CDATA or processing instructions other than the XML declaration: our files have none,
 * and an unexpected one is an error.
 */

export interface XmlAttribute {
	ns: string;
	local: string;
	qname: string;
	value: string;
}

export interface XmlElement {
	ns: string;
	local: string;
	qname: string;
	attributes: XmlAttribute[];
	children: XmlElement[];
	/** Character data directly inside this element (entities decoded). */
	text: string;
	/** 1-based line where the start tag begins, for messages. */
	line: number;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

export class XmlError extends Error {}

function decode(text: string, line: number): string {
	return text.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
		if (ref === undefined) throw new XmlError(`line ${line}: a bare "&" (write &amp;)`);
		const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
		if (ref in named) return named[ref];
		const numeric = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(ref);
		if (!numeric) throw new XmlError(`line ${line}: unknown entity "&${ref};"`);
		const code = numeric[1] ? parseInt(numeric[1], 16) : Number(numeric[2]);
		if (!(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) {
			throw new XmlError(`line ${line}: character reference &${ref}; is not an XML character`);
		}
		return String.fromCodePoint(code);
	});
}

function checkChars(text: string) {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if ((code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code === 0xfffe || code === 0xffff) {
			throw new XmlError(`character U+${code.toString(16).padStart(4, '0')} is not allowed in XML`);
		}
	}
}

/** Parses a whole document; throws XmlError with the line on any well-formedness or namespace fault. */
export function parseXml(source: string): { declaration: string; root: XmlElement } {
	checkChars(source);
	const declaration = /^<\?xml version="1\.0"(?: encoding="UTF-8")?(?: standalone="(?:yes|no)")?\s*\?>/.exec(source);
	if (!declaration) throw new XmlError('the document does not start with an XML declaration <?xml version="1.0" encoding="UTF-8"?>');
	let pos = declaration[0].length;
	const lineAt = (at: number) => source.slice(0, at).split('\n').length;
	type Open = { element: XmlElement; scope: Map<string, string> };
	const stack: Open[] = [];
	let root: XmlElement | undefined;
	const tag = /<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
	while (pos < source.length) {
		const next = source.indexOf('<', pos);
		const text = source.slice(pos, next === -1 ? source.length : next);
		if (text) {
			if (text.includes('>') && /]]>/.test(text)) throw new XmlError(`line ${lineAt(pos)}: "]]>" in text`);
			const top = stack[stack.length - 1];
			if (!top) {
				if (text.trim()) throw new XmlError(`line ${lineAt(pos)}: text outside the root element`);
			} else {
				top.element.text += decode(text, lineAt(pos));
			}
		}
		if (next === -1) break;
		if (source.startsWith('<!--', next)) {
			const end = source.indexOf('-->', next + 4);
			if (end === -1 || source.slice(next + 4, end).includes('--')) throw new XmlError(`line ${lineAt(next)}: bad comment`);
			pos = end + 3;
			continue;
		}
		if (source.startsWith('<!', next) || source.startsWith('<?', next)) {
			throw new XmlError(`line ${lineAt(next)}: unexpected markup ${source.slice(next, next + 12)}`);
		}
		tag.lastIndex = next;
		const match = tag.exec(source);
		if (!match) throw new XmlError(`line ${lineAt(next)}: malformed tag ${source.slice(next, next + 40)}`);
		const [whole, closing, qname, rawAttributes, selfClosing] = match;
		const line = lineAt(next);
		if (!NAME.test(qname)) throw new XmlError(`line ${line}: "${qname}" is not an XML name`);
		pos = next + whole.length;
		if (closing) {
			if (rawAttributes.trim() || selfClosing) throw new XmlError(`line ${line}: malformed end tag </${qname}>`);
			const top = stack.pop();
			if (!top || top.element.qname !== qname) {
				throw new XmlError(`line ${line}: </${qname}> does not close ${top ? `<${top.element.qname}>` : 'any element'}`);
			}
			continue;
		}
		if (root && !stack.length) throw new XmlError(`line ${line}: a second root element <${qname}>`);
		const parentScope = stack[stack.length - 1]?.scope ?? new Map([['xml', XML_NS]]);
		const scope = new Map(parentScope);
		const raw: Array<{ qname: string; value: string }> = [];
		const seen = new Set<string>();
		for (const attribute of rawAttributes.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
			const name = attribute[1];
			const value = attribute[2] ?? attribute[3];
			if (!NAME.test(name)) throw new XmlError(`line ${line}: "${name}" is not an attribute name`);
			if (seen.has(name)) throw new XmlError(`line ${line}: attribute ${name} appears twice`);
			if (value.includes('<')) throw new XmlError(`line ${line}: "<" in the value of ${name}`);
			seen.add(name);
			const decoded = decode(value, line);
			if (name === 'xmlns') scope.set('', decoded);
			else if (name.startsWith('xmlns:')) {
				if (!decoded) throw new XmlError(`line ${line}: ${name} declares an empty namespace`);
				scope.set(name.slice(6), decoded);
			} else raw.push({ qname: name, value: decoded });
		}
		const resolve = (name: string, isAttribute: boolean): { ns: string; local: string } => {
			const colon = name.indexOf(':');
			if (colon === -1) return { ns: isAttribute ? '' : (scope.get('') ?? ''), local: name };
			const prefix = name.slice(0, colon);
			const ns = scope.get(prefix);
			if (ns === undefined) throw new XmlError(`line ${line}: namespace prefix "${prefix}" is not declared`);
			return { ns, local: name.slice(colon + 1) };
		};
		const attributes = raw.map((attribute) => ({ ...resolve(attribute.qname, true), qname: attribute.qname, value: attribute.value }));
		const expanded = new Set<string>();
		for (const attribute of attributes) {
			const key = `${attribute.ns} ${attribute.local}`;
			if (expanded.has(key)) throw new XmlError(`line ${line}: attribute {${attribute.ns}}${attribute.local} appears twice`);
			expanded.add(key);
		}
		const element: XmlElement = { ...resolve(qname, false), qname, attributes, children: [], text: '', line };
		if (element.ns === XMLNS_NS) throw new XmlError(`line ${line}: element in the xmlns namespace`);
		const parent = stack[stack.length - 1];
		if (parent) parent.element.children.push(element);
		else root = element;
		if (!selfClosing) stack.push({ element, scope });
	}
	if (stack.length) throw new XmlError(`<${stack[stack.length - 1].element.qname}> is never closed`);
	if (!root) throw new XmlError('the document has no root element');
	return { declaration: declaration[0], root };
}
