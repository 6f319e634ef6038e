/**
 * The single account of the environment: WORKATO_API_TOKEN (or WORKATO_EMAIL + WORKATO_API_KEY),
 * WORKATO_BASE_URL or WORKATO_DATA_CENTER (default us), and optionally WORKATO_ACCOUNT_NAME.
 */
import { ConfigError } from '../../shared/errors.js';
import { registerSecret } from '../../shared/redact.js';
import type { AccountConfig } from './account-config.js';
import { baseUrlOf, DATA_CENTER_NAMES, isDataCenter } from './data-centers.js';

export const DEFAULT_ACCOUNT_NAME = 'default';

export function accountFromEnvironment(env: NodeJS.ProcessEnv): AccountConfig {
  const token = env.WORKATO_API_TOKEN;
  const email = env.WORKATO_EMAIL;
  const apiKey = env.WORKATO_API_KEY;
  if (!token && !(email && apiKey)) {
    throw new ConfigError('no Workato account configured', {
      hint:
        'set WORKATO_API_TOKEN (or WORKATO_EMAIL + WORKATO_API_KEY), or name an accounts file ' +
        'with --accounts FILE or RECIPE_OPS_ACCOUNTS',
    });
  }
  const dcName = (env.WORKATO_DATA_CENTER ?? 'us').toLowerCase();
  const baseUrl = env.WORKATO_BASE_URL?.trim();
  if (!baseUrl && !isDataCenter(dcName)) {
    throw new ConfigError(
      `WORKATO_DATA_CENTER: "${dcName}" is not a data centre (${DATA_CENTER_NAMES.join(', ')})`,
    );
  }
  if (baseUrl && !URL.canParse(baseUrl)) {
    throw new ConfigError(`WORKATO_BASE_URL: "${baseUrl}" is not a URL`);
  }
  if (token) registerSecret(token);
  if (apiKey) registerSecret(apiKey);
  const dataCenter = baseUrl || !isDataCenter(dcName) ? null : dcName;
  return {
    name: env.WORKATO_ACCOUNT_NAME?.trim() || DEFAULT_ACCOUNT_NAME,
    baseUrl: baseUrl || baseUrlOf(dataCenter ?? 'us'),
    dataCenter,
    credentials: token
      ? { kind: 'bearer', token }
      : { kind: 'legacy', email: email!, apiKey: apiKey! },
    secretVars: token ? 'WORKATO_API_TOKEN' : 'WORKATO_EMAIL and WORKATO_API_KEY',
    managed: false,
    include: null,
    exclude: null,
    transactionsLimit: null,
    rateLimit: {},
    timeoutMs: null,
    sandbox: null,
    source: 'environment',
  };
}
