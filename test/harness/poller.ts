import { PollContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType, Workflow, INode } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodes';
import { clearActivities } from '../sandbox';
import { freezeClockAt } from './clock';
import { useSandbox, type TestContext } from './setup';
import { persistStaticData, triggerAdditionalData, triggerWorkflow } from './triggerWorkflow';

export interface PollerOptions {
	credentials: TestCredentialsHelper;
	parameters: INodeParameters;
	type?: string;
	nodeName?: string;
	/** n8n's time budget for one poll (PollContext's getPollBudgetMs; n8n's default is 5 minutes). */
	pollBudgetMs?: number;
}

/**
 * Runs a polling trigger's poll() the way n8n's poll executor does: in n8n-core's PollContext (mode
 * "trigger"), against one Workflow object whose static data lives on between polls. `restart()` rebuilds
 * the workflow from a saved copy of its static data, as n8n does after a restart.
 */
export class Poller {
	workflow!: Workflow;

	node!: INode;

	private readonly type: string;

	private readonly nodeName: string;

	constructor(private readonly options: PollerOptions) {
		this.type = options.type ?? 'n8n-nodes-strava-api.stravaApiNewActivityTrigger';
		this.nodeName = options.nodeName ?? 'Strava API New Activity Trigger';
		this.restart({});
	}

	/** Rebuilds the workflow from saved static data (default: what the current one would save). */
	restart(staticData: IDataObject = persistStaticData(this.workflow)) {
		const built = triggerWorkflow({
			type: this.type,
			nodeName: this.nodeName,
			parameters: this.options.parameters,
			staticData,
			workflowId: 'wf-poll',
		});
		this.workflow = built.workflow;
		this.node = built.node;
	}

	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[][] | null> {
		const additionalData = triggerAdditionalData(this.options.credentials);
		const budget = this.options.pollBudgetMs;
		const context =
			budget === undefined
				? new PollContext(this.workflow, this.node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate')
				: new PollContext(this.workflow, this.node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate', undefined, undefined, undefined, undefined, undefined, () => budget);
		const nodeType = nodeTypes.getByNameAndVersion(this.type, 1) as INodeType;
		return await nodeType.poll!.call(context);
	}

	/** poll() and just the emitted activities' json. */
	async pollItems(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
		const result = await this.poll(mode);
		return (result?.[0] ?? []).map((item) => item.json);
	}
}

/** The instant the polling-trigger tests start from (the sandbox clock and jest's faked clock). */
export const POLL_T0 = Date.parse('2026-03-02T00:00:00Z');

/**
 * The sandbox for polling-trigger tests: no activities and the clock frozen at POLL_T0 before each test;
 * real timers, no request hook and no faults after it.
 */
export function usePollingSandbox(): TestContext {
	const t = useSandbox();
	beforeEach(() => {
		clearActivities(t.sandbox);
		freezeClockAt(POLL_T0);
	});
	afterEach(() => {
		jest.useRealTimers();
		t.sandbox.onRequest = undefined;
		t.sandbox.faults = [];
	});
	return t;
}
