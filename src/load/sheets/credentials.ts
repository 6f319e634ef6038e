/**
 * Google credentials for the Sheets sink, in this order:
 * 1. GOOGLE_OAUTH_ACCESS_TOKEN: a ready bearer token (`gcloud auth print-access-token`, CI
 *    jobs with workload identity);
 * 2. GOOGLE_APPLICATION_CREDENTIALS: a key file (service account, or any file ADC accepts);
 * 3. application default credentials (gcloud's well-known file, the GCE metadata server).
 *
 * Service-account keys sign their own JWT access tokens (`useJWTAccessWithScope`, as Google's
 * Cloud client libraries do): no round trip to oauth2.googleapis.com, which also keeps the
 * loader working where only the Sheets/Drive endpoints are reachable (Private Service Connect).
 */
import { readFile } from 'node:fs/promises';

import { google } from 'googleapis';
import type { sheets_v4 } from 'googleapis';

import { ConfigError } from '../../shared/errors.js';
import { registerSecret } from '../../shared/redact.js';

export const SHEETS_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.file',
];

/** What google.sheets / google.drive accept as `auth`. */
export type SheetsAuth = NonNullable<sheets_v4.Options['auth']>;

export interface GoogleCredentials {
  auth: SheetsAuth;
  /** Where they came from, for logs (never the secret itself). */
  source: 'access-token' | 'key-file' | 'application-default';
  /** The e-mail a spreadsheet must be shared with, when it is known (service accounts). */
  principal: string | null;
}

const NO_CREDENTIALS_HINT =
  'set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file (and share the ' +
  'spreadsheet with its client_email), set GOOGLE_OAUTH_ACCESS_TOKEN to a token from ' +
  '`gcloud auth print-access-token`, or run `gcloud auth application-default login`';

async function readKeyFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`GOOGLE_APPLICATION_CREDENTIALS: cannot read ${path}`, {
      hint: 'point it at a service-account JSON key file',
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    // The file's content may be a secret: do not quote it.
    throw new ConfigError(`GOOGLE_APPLICATION_CREDENTIALS: ${path} is not a JSON key file`);
  }
}

export async function resolveCredentials(env: NodeJS.ProcessEnv): Promise<GoogleCredentials> {
  const token = env.GOOGLE_OAUTH_ACCESS_TOKEN?.trim();
  if (token) {
    registerSecret(token);
    const client = new google.auth.OAuth2();
    client.setCredentials({ access_token: token });
    return { auth: client as SheetsAuth, source: 'access-token', principal: null };
  }
  const keyPath = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (keyPath) {
    const key = await readKeyFile(keyPath);
    if (typeof key.private_key === 'string') registerSecret(key.private_key);
    const principal = typeof key.client_email === 'string' ? key.client_email : null;
    if (key.type !== 'service_account') {
      const auth = new google.auth.GoogleAuth({ keyFilename: keyPath, scopes: SHEETS_SCOPES });
      return { auth: auth as SheetsAuth, source: 'key-file', principal };
    }
    const jwt = new google.auth.JWT({
      email: principal ?? undefined,
      key: typeof key.private_key === 'string' ? key.private_key : undefined,
      keyId: typeof key.private_key_id === 'string' ? key.private_key_id : undefined,
      scopes: SHEETS_SCOPES,
    });
    jwt.useJWTAccessWithScope = true;
    return { auth: jwt as SheetsAuth, source: 'key-file', principal };
  }
  const auth = new google.auth.GoogleAuth({ scopes: SHEETS_SCOPES });
  try {
    await auth.getClient();
  } catch (error) {
    throw new ConfigError('no Google credentials found for the Sheets sink', {
      hint: NO_CREDENTIALS_HINT,
      cause: error,
    });
  }
  let principal: string | null = null;
  try {
    principal = (await auth.getCredentials()).client_email ?? null;
  } catch {
    principal = null; // user credentials have no client_email; the error names the source
  }
  return { auth: auth as SheetsAuth, source: 'application-default', principal };
}
