/**
 * The small pieces both file builders (GPX, TCX) share: escaping, number and date-time formats that the
 * schemas accept. Pure functions, no HTTP.
 */

/** Whether XML 1.0 allows this UTF-16 code unit (not the C0 controls other than tab, newline, return; not U+FFFE/U+FFFF). */
function allowed(code: number): boolean {
	if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
	return code !== 0xfffe && code !== 0xffff;
}

/** Drops the characters XML 1.0 cannot carry at all. */
function stripInvalid(text: string): string {
	let clean = true;
	for (let i = 0; i < text.length && clean; i++) clean = allowed(text.charCodeAt(i));
	if (clean) return text;
	let out = '';
	for (let i = 0; i < text.length; i++) if (allowed(text.charCodeAt(i))) out += text[i];
	return out;
}

/** Text or attribute content, escaped (and stripped of characters XML cannot carry). */
export function escapeXml(value: unknown): string {
	return stripInvalid(String(value ?? ''))
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/**
 * A number as xsd:decimal (no exponent, no trailing zeros), with at most `digits` decimals: 1e-7 becomes
 * "0.0000001", 92.40 becomes "92.4". xsd:double accepts the same text.
 */
export function decimal(value: number, digits: number): string {
	const fixed = value.toFixed(digits);
	const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
	return trimmed === '-0' ? '0' : trimmed;
}

/** xsd:dateTime in UTC without milliseconds: 2026-05-01T06:30:00Z. */
export function dateTime(ms: number): string {
	return new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A finite number from a stream sample, or undefined (null, missing, NaN). */
export function sample(data: unknown[] | undefined, index: number): number | undefined {
	const value = data?.[index];
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A whole number in [min, max] (heart rate, cadence, watts as the schemas' unsigned types), else undefined. */
export function wholeIn(value: number | undefined, min: number, max: number): number | undefined {
	if (value === undefined) return undefined;
	const rounded = Math.round(value);
	return rounded >= min && rounded <= max ? rounded : undefined;
}
