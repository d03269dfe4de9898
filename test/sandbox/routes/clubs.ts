import { notFound, stravaError } from '../http';
import type { StravaSandbox } from '../server';
import { specExample } from '../seed';
import { pageOf } from './core';

type Data = Record<string, unknown>;

const READ = { scopes: ['read', 'read_all', 'profile:read_all'], scopeField: 'read_permission' };

/** A club's lists, kept apart from the club record. */
interface ClubLists {
	members: Data[];
	admins: Data[];
	activities: Data[];
}

const clubLists = new WeakMap<StravaSandbox, Map<string, ClubLists>>();

function listsOf(sandbox: StravaSandbox, clubId: string): ClubLists {
	let all = clubLists.get(sandbox);
	if (!all) clubLists.set(sandbox, (all = new Map()));
	let lists = all.get(clubId);
	if (!lists) all.set(clubId, (lists = { members: [], admins: [], activities: [] }));
	return lists;
}

/** `count` members (ClubAthlete, as the spec's example: no IDs), the first two admins. */
export function seedClubMembers(sandbox: StravaSandbox, clubId: number, count: number) {
	const [template] = specExample('GET', '/clubs/{id}/members') as Data[];
	const lists = listsOf(sandbox, String(clubId));
	lists.members = Array.from({ length: count }, (_, i) => ({
		...template,
		firstname: `Member${i + 1}`,
		lastname: `${String.fromCharCode(65 + (i % 26))}.`,
		membership: i < 2 ? 'admin' : 'member',
		admin: i < 2,
		owner: i === 0,
	}));
	lists.admins = lists.members.slice(0, 2).map(({ firstname, lastname }) => ({ resource_state: 2, firstname, lastname }));
}

/** `count` recent activities of club members (ClubActivity, as the spec's example). */
export function seedClubActivities(sandbox: StravaSandbox, clubId: number, count: number) {
	const [template] = specExample('GET', '/clubs/{id}/activities') as Data[];
	listsOf(sandbox, String(clubId)).activities = Array.from({ length: count }, (_, i) => ({
		...template,
		name: `Club ride ${i + 1}`,
		distance: 10_000 + i * 250,
	}));
}

/** The seeded clubs: two the athlete belongs to (from the spec's examples) and one it does not. */
export function seedClubs(sandbox: StravaSandbox) {
	const clubs = sandbox.state.collection('clubs');
	const [summary] = specExample('GET', '/athlete/clubs') as Data[];
	const detailed = specExample('GET', '/clubs/{id}') as Data;
	clubs.set('231407', { ...detailed, ...summary, resource_state: 3, membership: 'member', admin: false, owner: false });
	clubs.set('1', detailed);
	clubs.set('999', { ...detailed, id: 999, name: 'Somebody Else Cycling', private: false, membership: undefined, admin: false });
	seedClubMembers(sandbox, 231407, 5);
	seedClubMembers(sandbox, 1, 3);
	seedClubActivities(sandbox, 231407, 4);
	seedClubActivities(sandbox, 1, 2);
}

const isMember = (club: Data) => club.membership === 'member' || club.membership === 'admin' || club.admin === true;

/** GET /athlete/clubs, /clubs/{id} and its members, admins and activities (members only). */
export function registerClubs(sandbox: StravaSandbox) {
	const clubs = sandbox.state.collection('clubs');
	seedClubs(sandbox);
	const summary = (club: Data): Data => {
		const { description: _description, club_type: _type, post_count: _posts, owner_id: _owner, following_count: _following, ...rest } = club;
		return { ...rest, resource_state: 2 };
	};

	sandbox.route({
		method: 'GET',
		pattern: '/athlete/clubs',
		...READ,
		handler: (req) => ({ body: pageOf([...clubs.values()].filter(isMember).map(summary), req.query) }),
	});

	sandbox.route({
		method: 'GET',
		pattern: '/clubs/:id',
		...READ,
		handler: (req) => {
			const club = clubs.get(req.params.id);
			return club ? { body: club } : notFound('Club');
		},
	});

	for (const list of ['members', 'admins', 'activities'] as const) {
		sandbox.route({
			method: 'GET',
			pattern: `/clubs/:id/${list}`,
			...READ,
			handler: (req) => {
				const club = clubs.get(req.params.id);
				if (!club) return notFound('Club');
				if (list === 'activities' && !isMember(club)) {
					return stravaError(403, 'Forbidden', [{ resource: 'Club', field: 'membership', code: 'invalid' }]);
				}
				return { body: pageOf(listsOf(sandbox, req.params.id)[list], req.query) };
			},
		});
	}
}
