/**
 * Fakes only Date: n8n's clock (the nodes' Date.now()) and the sandbox's clock move together under
 * jest.setSystemTime, while timers, microtasks and performance stay real (HTTP keeps working).
 */
export function freezeClockAt(ms: number) {
	jest.useFakeTimers({
		doNotFake: [
			'nextTick',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
			'queueMicrotask',
			'hrtime',
			'performance',
		],
	});
	jest.setSystemTime(ms);
}
