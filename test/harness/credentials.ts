import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type IHttpRequestOptions,
	type INodeCredentialsDetails,
	type INodeProperties,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { StravaV3OAuth2Api } from '../../credentials/StravaV3OAuth2Api.credentials';

/**
 * The credential type as n8n loads it. Built on each use, not once at import, so that every test that runs a
 * request reads the class's fields (`extends`, `properties`) itself: mutation runs (docs/testing.md) count
 * code reached at import as no test's, and would run none of these tests against a change to them.
 */
const credentialType = () => new StravaV3OAuth2Api();

class StoredCredentials extends ICredentials {
	constructor(details: INodeCredentialsDetails, type: string, private values: ICredentialDataDecryptedObject) {
		super(details, type);
	}

	async getData() {
		return this.values;
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.values) };
	}

	async setData(data: ICredentialDataDecryptedObject) {
		this.values = data;
	}

	async updateData(toUpdate: ICredentialDataDecryptedObject) {
		this.values = { ...this.values, ...toUpdate };
	}
}

/**
 * What n8n's credentials service does, for one stored credential: hands out the decrypted data with the
 * credential type's defaults and `$self` expressions resolved (as n8n does for hidden fields), and keeps
 * what n8n-core persists after an OAuth2 refresh, so the next execution starts from it.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every token-data update n8n-core asked us to persist. */
	readonly persisted: ICredentialDataDecryptedObject[] = [];

	constructor(
		public stored: ICredentialDataDecryptedObject,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
	}

	/** As n8n's CredentialTypes: the `extends` chain (oAuth2Api extends nothing). */
	getParentTypes(name: string): string[] {
		const type = credentialType();
		return name === type.name ? [...(type.extends ?? [])] : [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(_credentials: ICredentialDataDecryptedObject, _type: string, requestOptions: IHttpRequestOptions) {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new StoredCredentials(details, type, { ...this.stored });
	}

	/** Defaults + stored data, with `={{ … $self … }}` expressions evaluated like n8n's CredentialsHelper. */
	resolve(): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(
			credentialType().properties,
			this.stored as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		const data: ICredentialDataDecryptedObject = { ...this.stored, ...withDefaults };
		const workflow = new Workflow({
			nodes: [{ id: 'c', name: 'Credential', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		const resolved: ICredentialDataDecryptedObject = {};
		for (const [key, value] of Object.entries(data)) {
			resolved[key] =
				typeof value === 'string' && value.startsWith('=')
					? (workflow.expression.getParameterValue(value, null, 0, 0, 'Credential', [], 'manual', {}, undefined, false, data) as string)
					: value;
		}
		return resolved;
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return this.resolve();
	}

	async updateCredentials(_details: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject) {
		this.stored = { ...this.stored, ...data };
	}

	async updateCredentialsOauthTokenData(
		_details: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
		_additionalData: IWorkflowExecuteAdditionalData,
	) {
		this.persisted.push(JSON.parse(JSON.stringify(data.oauthTokenData ?? {})));
		this.stored = { ...this.stored, oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType().properties;
	}
}
