// Runs before every test file: n8n-core keeps instance settings under N8N_USER_FOLDER.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-strava-test-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
