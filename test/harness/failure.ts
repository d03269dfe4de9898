/** An n8n error as the tests read it. */
export type Failure = Error & { description?: string; httpCode?: string | null };

/** The error `promise` rejects with; a promise that resolves fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<Failure> {
	const outcome = await promise.then(
		() => undefined,
		(error: Failure) => error,
	);
	if (!outcome) throw new Error('expected the call to fail, but it succeeded');
	return outcome;
}
