import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const LEVELS: LogLevel[] = ['error', 'warn', 'info', 'debug'];

export interface LogRecorder {
	/** The messages logged at `level` during the current test, oldest first. */
	messages(level: LogLevel): string[];
}

/**
 * Records what the nodes log through n8n's logger (`this.logger` in a node: n8n-core's Logger from its
 * container) during each test of the file, instead of printing it.
 */
export function useLogRecorder(): LogRecorder {
	const lines: Array<{ level: LogLevel; message: string }> = [];
	let restore: Array<() => void> = [];
	beforeEach(() => {
		lines.length = 0;
		const logger = Container.get(Logger);
		restore = LEVELS.map((level) => {
			const spy = jest.spyOn(logger, level).mockImplementation((...args: [message: string, metadata?: unknown]) => {
				lines.push({ level, message: args[0] });
			});
			return () => spy.mockRestore();
		});
	});
	afterEach(() => {
		for (const undo of restore.splice(0)) undo();
	});
	return { messages: (level) => lines.filter((line) => line.level === level).map((line) => line.message) };
}
