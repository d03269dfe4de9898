/**
 * Structural validators for GPX 1.1 and TCX v2 (with Garmin's TrackPointExtension v1 and ActivityExtension
 * v2), written from the schemas' published structure: no XSD is shipped by any npm or Debian package we
 * could find (gpsbabel, python3-gpxpy, libgeo-gpx-perl, gpx-builder, tcx-builder, sports-lib carry none),
 * and the XSD text itself is not copied here. What the checks enforce, as an XSD validator would:
 * - the root element and every element's namespace (elementFormDefault="qualified" in all four schemas);
 * - each complex type's sequence: element order, minOccurs/maxOccurs, required elements, no unknown
 *   elements; `extensions`/`Extensions` as `xs:any namespace="##other" processContents="lax"` (foreign
 *   namespaces only; known global elements of the extension schemas are validated, others skipped);
 * - attributes: required ones present, no undeclared ones (xsi:* and xmlns aside), their simple types;
 * - simple types: xsd:decimal (no exponent) and xsd:double lexical forms, xsd:dateTime (with a real
 *   calendar date), xsd:unsignedByte/unsignedShort/nonNegativeInteger ranges, the schemas' facets
 *   (latitude -90..90, GPX longitude -180..<180, heart rate ≥ 1, cadence ≤ 254, DGPS station 0..1023,
 *   degrees 0..<360) and enumerations (Sport, Intensity, TriggerMethod, SensorState, fix, CadenceSensor);
 * - no mixed content: element-only types carry whitespace only between their children.
 */
import { parseXml, type XmlElement } from './xml';

export const GPX_NS = 'http://www.topografix.com/GPX/1/1';
export const GPXTPX_NS = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1';
export const TCX_NS = 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2';
export const AX_NS = 'http://www.garmin.com/xmlschemas/ActivityExtension/v2';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** A simple type: undefined when the text is valid, else what is wrong with it. */
type Simple = (text: string) => string | undefined;

interface Particle {
	name: string;
	type: Complex | Simple;
	min?: number;
	/** Defaults to 1; Infinity for unbounded. */
	max?: number;
}

interface Complex {
	/** The namespace of the schema the type belongs to (its child elements are in it). */
	ns: string;
	attributes?: Record<string, { type: Simple; required?: boolean }>;
	sequence?: Particle[];
	/** `xs:any namespace="##other" processContents="lax"`, minOccurs 0, maxOccurs unbounded. */
	anyOther?: boolean;
	/** Simple content (an element with text and attributes). */
	text?: Simple;
}

// ---------- simple types ----------

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DOUBLE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)$/;
const INTEGER = /^[+-]?\d+$/;

const str: Simple = () => undefined;
const anyURI: Simple = (text) => (/\s/.test(text.trim()) ? 'not an xsd:anyURI' : undefined);
const decimal = (min = -Infinity, max = Infinity, maxExclusive = false): Simple => (text) => {
	const value = text.trim();
	if (!DECIMAL.test(value)) return `"${text}" is not an xsd:decimal`;
	const number = Number(value);
	if (number < min || number > max || (maxExclusive && number === max)) return `${value} is outside [${min}, ${max}${maxExclusive ? ')' : ']'}`;
	return undefined;
};
const double = (min = -Infinity, max = Infinity): Simple => (text) => {
	const value = text.trim();
	if (!DOUBLE.test(value)) return `"${text}" is not an xsd:double`;
	const number = Number(value.replace(/INF$/, 'Infinity'));
	if (number < min || number > max) return `${value} is outside [${min}, ${max}]`;
	return undefined;
};
const integer = (min: number, max: number): Simple => (text) => {
	const value = text.trim();
	if (!INTEGER.test(value)) return `"${text}" is not an integer`;
	const number = Number(value);
	return number < min || number > max ? `${value} is outside [${min}, ${max}]` : undefined;
};
const unsignedByte = (min = 0, max = 255) => integer(Math.max(0, min), Math.min(255, max));
const unsignedShort = integer(0, 65535);
const nonNegativeInteger = integer(0, Number.MAX_SAFE_INTEGER);
const gYear: Simple = (text) => (/^-?\d{4,}(?:Z|[+-]\d{2}:\d{2})?$/.test(text.trim()) ? undefined : `"${text}" is not an xsd:gYear`);
const enumeration = (...values: string[]): Simple => (text) => (values.includes(text.trim()) ? undefined : `"${text}" is not one of ${values.join(', ')}`);

/** xsd:dateTime: YYYY-MM-DDThh:mm:ss(.s+)?(Z|±hh:mm)?, on a real calendar day. */
export const dateTime: Simple = (text) => {
	const match = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/.exec(text.trim());
	if (!match) return `"${text}" is not an xsd:dateTime`;
	const [, y, mo, d, h, mi, s, , oh, om] = match;
	const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
	const valid =
		+mo >= 1 && +mo <= 12 && +d >= 1 && +d <= days && (+h < 24 || (+h === 24 && +mi === 0 && +s === 0)) && +mi < 60 && +s < 60 &&
		(oh === undefined || (+oh <= 14 && +om < 60));
	return valid ? undefined : `"${text}" is not a calendar date-time`;
};

// ---------- GPX 1.1 ----------

const gpxExtensions: Complex = { ns: GPX_NS, anyOther: true };
const linkType: Complex = {
	ns: GPX_NS,
	attributes: { href: { type: anyURI, required: true } },
	sequence: [
		{ name: 'text', type: str, min: 0 },
		{ name: 'type', type: str, min: 0 },
	],
};
const emailType: Complex = { ns: GPX_NS, attributes: { id: { type: str, required: true }, domain: { type: str, required: true } } };
const personType: Complex = {
	ns: GPX_NS,
	sequence: [
		{ name: 'name', type: str, min: 0 },
		{ name: 'email', type: emailType, min: 0 },
		{ name: 'link', type: linkType, min: 0 },
	],
};
const copyrightType: Complex = {
	ns: GPX_NS,
	attributes: { author: { type: str, required: true } },
	sequence: [
		{ name: 'year', type: gYear, min: 0 },
		{ name: 'license', type: anyURI, min: 0 },
	],
};
const latitude = decimal(-90, 90);
const longitude = decimal(-180, 180, true);
const boundsType: Complex = {
	ns: GPX_NS,
	attributes: {
		minlat: { type: latitude, required: true },
		minlon: { type: longitude, required: true },
		maxlat: { type: latitude, required: true },
		maxlon: { type: longitude, required: true },
	},
};
const metadataType: Complex = {
	ns: GPX_NS,
	sequence: [
		{ name: 'name', type: str, min: 0 },
		{ name: 'desc', type: str, min: 0 },
		{ name: 'author', type: personType, min: 0 },
		{ name: 'copyright', type: copyrightType, min: 0 },
		{ name: 'link', type: linkType, min: 0, max: Infinity },
		{ name: 'time', type: dateTime, min: 0 },
		{ name: 'keywords', type: str, min: 0 },
		{ name: 'bounds', type: boundsType, min: 0 },
		{ name: 'extensions', type: gpxExtensions, min: 0 },
	],
};
const wptType: Complex = {
	ns: GPX_NS,
	attributes: { lat: { type: latitude, required: true }, lon: { type: longitude, required: true } },
	sequence: [
		{ name: 'ele', type: decimal(), min: 0 },
		{ name: 'time', type: dateTime, min: 0 },
		{ name: 'magvar', type: decimal(0, 360, true), min: 0 },
		{ name: 'geoidheight', type: decimal(), min: 0 },
		{ name: 'name', type: str, min: 0 },
		{ name: 'cmt', type: str, min: 0 },
		{ name: 'desc', type: str, min: 0 },
		{ name: 'src', type: str, min: 0 },
		{ name: 'link', type: linkType, min: 0, max: Infinity },
		{ name: 'sym', type: str, min: 0 },
		{ name: 'type', type: str, min: 0 },
		{ name: 'fix', type: enumeration('none', '2d', '3d', 'dgps', 'pps'), min: 0 },
		{ name: 'sat', type: nonNegativeInteger, min: 0 },
		{ name: 'hdop', type: decimal(), min: 0 },
		{ name: 'vdop', type: decimal(), min: 0 },
		{ name: 'pdop', type: decimal(), min: 0 },
		{ name: 'ageofdgpsdata', type: decimal(), min: 0 },
		{ name: 'dgpsid', type: integer(0, 1023), min: 0 },
		{ name: 'extensions', type: gpxExtensions, min: 0 },
	],
};
const routeOrTrackHead: Particle[] = [
	{ name: 'name', type: str, min: 0 },
	{ name: 'cmt', type: str, min: 0 },
	{ name: 'desc', type: str, min: 0 },
	{ name: 'src', type: str, min: 0 },
	{ name: 'link', type: linkType, min: 0, max: Infinity },
	{ name: 'number', type: nonNegativeInteger, min: 0 },
	{ name: 'type', type: str, min: 0 },
	{ name: 'extensions', type: gpxExtensions, min: 0 },
];
const rteType: Complex = { ns: GPX_NS, sequence: [...routeOrTrackHead, { name: 'rtept', type: wptType, min: 0, max: Infinity }] };
const trksegType: Complex = {
	ns: GPX_NS,
	sequence: [
		{ name: 'trkpt', type: wptType, min: 0, max: Infinity },
		{ name: 'extensions', type: gpxExtensions, min: 0 },
	],
};
const trkType: Complex = { ns: GPX_NS, sequence: [...routeOrTrackHead, { name: 'trkseg', type: trksegType, min: 0, max: Infinity }] };
const gpxType: Complex = {
	ns: GPX_NS,
	attributes: { version: { type: enumeration('1.1'), required: true }, creator: { type: str, required: true } },
	sequence: [
		{ name: 'metadata', type: metadataType, min: 0 },
		{ name: 'wpt', type: wptType, min: 0, max: Infinity },
		{ name: 'rte', type: rteType, min: 0, max: Infinity },
		{ name: 'trk', type: trkType, min: 0, max: Infinity },
		{ name: 'extensions', type: gpxExtensions, min: 0 },
	],
};

// Garmin TrackPointExtension v1: TrackPointExtension_t.
const tpxExtensions: Complex = { ns: GPXTPX_NS, anyOther: true };
const trackPointExtension: Complex = {
	ns: GPXTPX_NS,
	sequence: [
		{ name: 'atemp', type: double(), min: 0 },
		{ name: 'wtemp', type: double(), min: 0 },
		{ name: 'depth', type: double(0), min: 0 },
		{ name: 'hr', type: unsignedByte(1), min: 0 },
		{ name: 'cad', type: unsignedByte(0, 254), min: 0 },
		{ name: 'Extensions', type: tpxExtensions, min: 0 },
	],
};

// ---------- TCX v2 ----------

const tcxExtensions: Complex = { ns: TCX_NS, anyOther: true };
const heartRate: Complex = { ns: TCX_NS, sequence: [{ name: 'Value', type: unsignedByte(1) }] };
const cadence = unsignedByte(0, 254);
const positionType: Complex = {
	ns: TCX_NS,
	sequence: [
		{ name: 'LatitudeDegrees', type: double(-90, 90) },
		{ name: 'LongitudeDegrees', type: double(-180, 180) },
	],
};
const trackpointType: Complex = {
	ns: TCX_NS,
	sequence: [
		{ name: 'Time', type: dateTime },
		{ name: 'Position', type: positionType, min: 0 },
		{ name: 'AltitudeMeters', type: double(), min: 0 },
		{ name: 'DistanceMeters', type: double(), min: 0 },
		{ name: 'HeartRateBpm', type: heartRate, min: 0 },
		{ name: 'Cadence', type: cadence, min: 0 },
		{ name: 'SensorState', type: enumeration('Present', 'Absent'), min: 0 },
		{ name: 'Extensions', type: tcxExtensions, min: 0 },
	],
};
const trackType: Complex = { ns: TCX_NS, sequence: [{ name: 'Trackpoint', type: trackpointType, min: 1, max: Infinity }] };
const lapType: Complex = {
	ns: TCX_NS,
	attributes: { StartTime: { type: dateTime, required: true } },
	sequence: [
		{ name: 'TotalTimeSeconds', type: double() },
		{ name: 'DistanceMeters', type: double() },
		{ name: 'MaximumSpeed', type: double(), min: 0 },
		{ name: 'Calories', type: unsignedShort },
		{ name: 'AverageHeartRateBpm', type: heartRate, min: 0 },
		{ name: 'MaximumHeartRateBpm', type: heartRate, min: 0 },
		{ name: 'Intensity', type: enumeration('Active', 'Resting') },
		{ name: 'Cadence', type: cadence, min: 0 },
		{ name: 'TriggerMethod', type: enumeration('Manual', 'Distance', 'Location', 'Time', 'HeartRate') },
		{ name: 'Track', type: trackType, min: 0, max: Infinity },
		{ name: 'Notes', type: str, min: 0 },
		{ name: 'Extensions', type: tcxExtensions, min: 0 },
	],
};
const activityType: Complex = {
	ns: TCX_NS,
	attributes: { Sport: { type: enumeration('Running', 'Biking', 'Other'), required: true } },
	sequence: [
		{ name: 'Id', type: dateTime },
		{ name: 'Lap', type: lapType, min: 1, max: Infinity },
		{ name: 'Notes', type: str, min: 0 },
		// Training, Creator (an abstract type needing xsi:type) and MultiSportSession are never written: refused here.
		{ name: 'Extensions', type: tcxExtensions, min: 0 },
	],
};
const activityListType: Complex = { ns: TCX_NS, sequence: [{ name: 'Activity', type: activityType, min: 0, max: Infinity }] };
const trainingCenterDatabaseType: Complex = {
	ns: TCX_NS,
	sequence: [
		{ name: 'Activities', type: activityListType, min: 0 },
		{ name: 'Extensions', type: tcxExtensions, min: 0 },
	],
};

// Garmin ActivityExtension v2: TPX (ActivityTrackpointExtension_t) and LX (ActivityLapExtension_t).
const axExtensions: Complex = { ns: AX_NS, anyOther: true };
const tpx: Complex = {
	ns: AX_NS,
	attributes: { CadenceSensor: { type: enumeration('Footpod', 'Bike') } },
	sequence: [
		{ name: 'Speed', type: double(0), min: 0 },
		{ name: 'RunCadence', type: cadence, min: 0 },
		{ name: 'Watts', type: unsignedShort, min: 0 },
		{ name: 'Extensions', type: axExtensions, min: 0 },
	],
};
const lx: Complex = {
	ns: AX_NS,
	sequence: [
		{ name: 'AvgSpeed', type: double(0), min: 0 },
		{ name: 'MaxBikeCadence', type: cadence, min: 0 },
		{ name: 'AvgRunCadence', type: cadence, min: 0 },
		{ name: 'MaxRunCadence', type: cadence, min: 0 },
		{ name: 'Steps', type: unsignedShort, min: 0 },
		{ name: 'AvgWatts', type: unsignedShort, min: 0 },
		{ name: 'MaxWatts', type: unsignedShort, min: 0 },
		{ name: 'Extensions', type: axExtensions, min: 0 },
	],
};

/** Global elements of the extension schemas, validated where `xs:any` (lax) meets them. */
const GLOBAL_ELEMENTS = new Map<string, Complex>([
	[`${GPXTPX_NS} TrackPointExtension`, trackPointExtension],
	[`${AX_NS} TPX`, tpx],
	[`${AX_NS} LX`, lx],
]);

// ---------- the validator ----------

function where(element: XmlElement): string {
	return `<${element.qname}> (line ${element.line})`;
}

function validateElement(element: XmlElement, type: Complex | Simple, errors: string[]) {
	if (typeof type === 'function') {
		if (element.children.length) errors.push(`${where(element)} must hold text only, not <${element.children[0].qname}>`);
		if (element.attributes.some((attribute) => attribute.ns !== XSI_NS)) errors.push(`${where(element)} takes no attributes`);
		const problem = type(element.text);
		if (problem) errors.push(`${where(element)}: ${problem}`);
		return;
	}
	const declared = type.attributes ?? {};
	for (const attribute of element.attributes) {
		if (attribute.ns === XSI_NS) continue;
		const declaration = attribute.ns === '' ? declared[attribute.local] : undefined;
		if (!declaration) {
			errors.push(`${where(element)}: undeclared attribute ${attribute.qname}`);
			continue;
		}
		const problem = declaration.type(attribute.value);
		if (problem) errors.push(`${where(element)} @${attribute.local}: ${problem}`);
	}
	for (const [name, declaration] of Object.entries(declared)) {
		if (declaration.required && !element.attributes.some((attribute) => attribute.ns === '' && attribute.local === name)) {
			errors.push(`${where(element)}: required attribute ${name} is missing`);
		}
	}
	if (type.text) {
		if (element.children.length) errors.push(`${where(element)} must hold text only`);
		const problem = type.text(element.text);
		if (problem) errors.push(`${where(element)}: ${problem}`);
		return;
	}
	if (element.text.trim()) errors.push(`${where(element)} holds text "${element.text.trim().slice(0, 30)}" but takes elements only`);
	if (type.anyOther) {
		for (const child of element.children) {
			if (child.ns === type.ns) errors.push(`${where(child)}: an extension must be in another namespace than ${type.ns}`);
			const known = GLOBAL_ELEMENTS.get(`${child.ns} ${child.local}`);
			if (known) validateElement(child, known, errors);
		}
		return;
	}
	const children = element.children;
	let index = 0;
	for (const particle of type.sequence ?? []) {
		const min = particle.min ?? 1;
		const max = particle.max ?? 1;
		let count = 0;
		while (index < children.length && count < max && children[index].ns === type.ns && children[index].local === particle.name) {
			validateElement(children[index], particle.type, errors);
			index++;
			count++;
		}
		if (count < min) errors.push(`${where(element)}: required element <${particle.name}> is missing${index < children.length ? ` before ${where(children[index])}` : ''}`);
	}
	if (index < children.length) {
		const child = children[index];
		errors.push(`${where(element)}: unexpected ${where(child)} {${child.ns}} (out of order, repeated or not in the schema)`);
	}
}

function validate(xml: string, rootNs: string, rootName: string, rootType: Complex): string[] {
	const { root } = parseXml(xml);
	if (root.ns !== rootNs || root.local !== rootName) return [`the root element is {${root.ns}}${root.local}, not {${rootNs}}${rootName}`];
	const errors: string[] = [];
	validateElement(root, rootType, errors);
	return errors;
}

/** Every way the document breaks GPX 1.1 (+ TrackPointExtension v1); empty when it is valid. */
export function validateGpx(xml: string): string[] {
	return validate(xml, GPX_NS, 'gpx', gpxType);
}

/** Every way the document breaks TCX v2 (+ ActivityExtension v2); empty when it is valid. */
export function validateTcx(xml: string): string[] {
	return validate(xml, TCX_NS, 'TrainingCenterDatabase', trainingCenterDatabaseType);
}
