import { notFound } from '../http';
import type { StravaSandbox } from '../server';
import { specExample } from '../seed';

type Data = Record<string, unknown>;

/** GET /gear/{id}: the athlete's bikes and shoes (from GET /athlete) in their detailed form. */
export function registerGear(sandbox: StravaSandbox) {
	const template = specExample('GET', '/gear/{id}') as Data;
	const detailed = (summary: Data, kind: 'bike' | 'shoes'): Data => ({
		...template,
		...summary,
		resource_state: 3,
		brand_name: kind === 'bike' ? 'BMC' : 'adidas',
		model_name: kind === 'bike' ? 'Teammachine' : 'Adizero',
		...(kind === 'bike' ? { frame_type: 3 } : { frame_type: undefined }),
		description: kind === 'bike' ? 'My Bike.' : 'Race shoes.',
	});

	sandbox.route({
		method: 'GET',
		pattern: '/gear/:id',
		scopes: ['read', 'read_all', 'profile:read_all'],
		scopeField: 'read_permission',
		handler: (req) => {
			const { athlete } = sandbox.state;
			const bike = ((athlete.bikes as Data[] | undefined) ?? []).find((gear) => gear.id === req.params.id);
			if (bike) return { body: detailed(bike, 'bike') };
			const shoe = ((athlete.shoes as Data[] | undefined) ?? []).find((gear) => gear.id === req.params.id);
			if (shoe) return { body: detailed(shoe, 'shoes') };
			return notFound('Gear');
		},
	});
}
