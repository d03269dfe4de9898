/**
 * Waits until `condition()` is true, checking after every turn of the event loop and at least every
 * `intervalMs`; rejects with `what` once `timeoutMs` have passed. Leaves no timer behind.
 */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition', intervalMs = 10): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const started = performance.now();
	while (!condition()) {
		// performance.now() keeps running when a test fakes Date.
		if (performance.now() - started > timeoutMs || Date.now() > deadline + timeoutMs) {
			throw new Error(`waitFor: ${what} not reached within ${timeoutMs} ms`);
		}
		await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
	}
}
