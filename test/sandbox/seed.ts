import { readFileSync } from 'fs';
import path from 'path';

type Data = Record<string, unknown>;

/** Strava's own spec (a copy of shared/strava-api/swagger.json kept under test/fixtures). */
function loadSpec(): Data {
	const candidates = [
		path.resolve(__dirname, '../fixtures/swagger.json'),
		path.resolve(__dirname, '../../../shared/strava-api/swagger.json'),
	];
	for (const file of candidates) {
		try {
			return JSON.parse(readFileSync(file, 'utf8')) as Data;
		} catch {
			// try the next location
		}
	}
	throw new Error('Strava spec not found: expected ../shared/strava-api/swagger.json');
}

let spec: Data | undefined;

/** The example payload the spec gives for `METHOD path` (status 200 or 201). */
export function specExample(method: string, apiPath: string): unknown {
	spec ??= loadSpec();
	const paths = spec.paths as Record<string, Record<string, Data>>;
	const responses = paths[apiPath]?.[method.toLowerCase()]?.responses as Record<string, Data> | undefined;
	const response = responses?.['200'] ?? responses?.['201'];
	const example = (response?.examples as Data | undefined)?.['application/json'];
	return example === undefined ? undefined : JSON.parse(JSON.stringify(example));
}

export function seedAthlete(): Data {
	const example = specExample('GET', '/athlete') as Data;
	return { ...example, id: 134815 };
}

/** A SummaryActivity shaped like the spec's example, with its own id, name and start date. */
export function makeActivity(id: number, startDate: Date | string, overrides: Data = {}): Data {
	const [template] = specExample('GET', '/athlete/activities') as Data[];
	const start = new Date(startDate);
	return {
		...template,
		id,
		name: `Activity ${id}`,
		athlete: { id: 134815, resource_state: 1 },
		start_date: start.toISOString().replace('.000Z', 'Z'),
		start_date_local: start.toISOString().replace('.000Z', 'Z'),
		upload_id: id * 10,
		external_id: `sandbox_${id}`,
		...overrides,
	};
}
