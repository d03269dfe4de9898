import { randomBytes } from 'crypto';

import { stravaError, type SandboxReply } from './http';
import { seedAthlete } from './seed';

const QUARTER_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Sandbox time: real time plus an offset the tests control. */
export class Clock {
	offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	nowSeconds(): number {
		return Math.floor(this.now() / 1000);
	}

	set(iso: string | number) {
		this.offsetMs = new Date(iso).getTime() - Date.now();
	}

	advance(ms: number) {
		this.offsetMs += ms;
	}
}

export interface TokenRecord {
	athleteId: number;
	scopes: string[];
	expiresAt: number;
	accessToken: string;
	refreshToken: string;
}

export interface RateLimits {
	overall15: number;
	overallDay: number;
	read15: number;
	readDay: number;
}

type Data = Record<string, unknown>;

export class SandboxState {
	readonly clock = new Clock();

	readonly clientId = '424242';

	readonly clientSecret = randomBytes(16).toString('hex');

	/** Access tokens (live ones only) and refresh tokens (the newest per grant only). */
	readonly accessTokens = new Map<string, TokenRecord>();

	readonly refreshTokens = new Map<string, TokenRecord>();

	/** Codes handed out by /oauth/authorize. */
	readonly codes = new Map<string, { scopes: string[]; redirectUri: string }>();

	/** Scopes the "athlete" unticks on the authorize page. */
	deniedScopes: string[] = [];

	rotateRefreshTokens = true;

	/**
	 * How the token endpoint refuses a refresh token it does not know (rotated or revoked): `oauth` adds the
	 * OAuth field `error: "invalid_grant"` to Strava's error body; `strava` is Strava's own error body alone
	 * (`{"message":"Bad Request","errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}`),
	 * which n8n-core does not recognise as a dead grant.
	 */
	deadRefreshTokenAnswer: 'oauth' | 'strava' = 'oauth';

	/**
	 * Which Strava to be: `2025` (before the 2026 changes) or `2026-09` (Club Members/Admins answer 401
	 * Application internal invalid, Club Activities 404 resource path invalid, Segments Explore 403 for apps
	 * without Extended Access).
	 */
	platform: '2025' | '2026-09' = '2025';

	/** The app's owner has no Strava subscription (since 2026-06-30): every API call answers 403 Inactive. */
	appInactive = false;

	limits: RateLimits = { overall15: 200, overallDay: 2000, read15: 100, readDay: 1000 };

	usage = { quarter: -1, day: -1, overall15: 0, overallDay: 0, read15: 0, readDay: 0 };

	athlete: Data = seedAthlete();

	/** Generic collections that routes keep their records in, by name ("activities", "clubs", …). */
	readonly store = new Map<string, Map<string, Data>>();

	collection(name: string): Map<string, Data> {
		let map = this.store.get(name);
		if (!map) {
			map = new Map();
			this.store.set(name, map);
		}
		return map;
	}

	issueToken(athleteId: number, scopes: string[], expiresInSeconds = 21600): TokenRecord & { tokenData: Data } {
		const record: TokenRecord = {
			athleteId,
			scopes,
			expiresAt: this.clock.nowSeconds() + expiresInSeconds,
			accessToken: `acc_${randomBytes(12).toString('hex')}`,
			refreshToken: `ref_${randomBytes(12).toString('hex')}`,
		};
		this.accessTokens.set(record.accessToken, record);
		this.refreshTokens.set(record.refreshToken, record);
		return { ...record, tokenData: this.tokenResponse(record) };
	}

	tokenResponse(record: TokenRecord): Data {
		return {
			token_type: 'Bearer',
			access_token: record.accessToken,
			refresh_token: record.refreshToken,
			expires_at: record.expiresAt,
			expires_in: Math.max(0, record.expiresAt - this.clock.nowSeconds()),
		};
	}

	/** Refresh grant: a new access token; with rotation the old refresh token dies at once. */
	refresh(refreshToken: string): TokenRecord | undefined {
		const old = this.refreshTokens.get(refreshToken);
		if (!old) return undefined;
		const expired = old.expiresAt <= this.clock.nowSeconds();
		if (!expired && !this.rotateRefreshTokens) return old;
		this.accessTokens.delete(old.accessToken);
		const next: TokenRecord = {
			...old,
			expiresAt: this.clock.nowSeconds() + 21600,
			accessToken: `acc_${randomBytes(12).toString('hex')}`,
			refreshToken: this.rotateRefreshTokens ? `ref_${randomBytes(12).toString('hex')}` : old.refreshToken,
		};
		if (this.rotateRefreshTokens) this.refreshTokens.delete(refreshToken);
		this.refreshTokens.set(next.refreshToken, next);
		this.accessTokens.set(next.accessToken, next);
		return next;
	}

	authenticate(header: string): { athleteId: number; scopes: string[]; accessToken: string } | { reply: SandboxReply } {
		const token = /^Bearer (.+)$/i.exec(header)?.[1];
		const record = token ? this.accessTokens.get(token) : undefined;
		if (!record || record.expiresAt <= this.clock.nowSeconds()) {
			return {
				reply: stravaError(401, 'Authorization Error', [{ resource: 'Athlete', field: 'access_token', code: 'invalid' }]),
			};
		}
		return { athleteId: record.athleteId, scopes: record.scopes, accessToken: record.accessToken };
	}

	private rollWindows() {
		const now = this.clock.now();
		const quarter = Math.floor(now / QUARTER_MS);
		const day = Math.floor(now / DAY_MS);
		if (quarter !== this.usage.quarter) {
			this.usage.quarter = quarter;
			this.usage.overall15 = 0;
			this.usage.read15 = 0;
		}
		if (day !== this.usage.day) {
			this.usage.day = day;
			this.usage.overallDay = 0;
			this.usage.readDay = 0;
		}
	}

	/** Counts one API request; answers 429 (like Strava) once a limit is used up. */
	countRequest(isRead: boolean): SandboxReply | undefined {
		this.rollWindows();
		const { usage, limits } = this;
		const over =
			usage.overall15 >= limits.overall15 ||
			usage.overallDay >= limits.overallDay ||
			(isRead && (usage.read15 >= limits.read15 || usage.readDay >= limits.readDay));
		if (over) return stravaError(429, 'Rate Limit Exceeded', [{ resource: 'Application', field: 'rate limit', code: 'exceeded' }]);
		usage.overall15++;
		usage.overallDay++;
		if (isRead) {
			usage.read15++;
			usage.readDay++;
		}
		return undefined;
	}

	/** Sets usage so that only `remaining` read requests are left in this 15-minute window. */
	useUpReadBudget(remaining: number) {
		this.rollWindows();
		this.usage.read15 = this.limits.read15 - remaining;
		this.usage.overall15 = Math.max(this.usage.overall15, this.usage.read15);
	}

	/** Sets usage so that only `remaining` read requests are left today (Strava's day, UTC). */
	useUpDailyReadBudget(remaining: number) {
		this.rollWindows();
		this.usage.readDay = this.limits.readDay - remaining;
		this.usage.overallDay = Math.max(this.usage.overallDay, this.usage.readDay);
	}

	rateLimitHeaders(): Record<string, string> {
		this.rollWindows();
		const { usage, limits } = this;
		return {
			'X-RateLimit-Limit': `${limits.overall15},${limits.overallDay}`,
			'X-RateLimit-Usage': `${usage.overall15},${usage.overallDay}`,
			'X-ReadRateLimit-Limit': `${limits.read15},${limits.readDay}`,
			'X-ReadRateLimit-Usage': `${usage.read15},${usage.readDay}`,
		};
	}
}
