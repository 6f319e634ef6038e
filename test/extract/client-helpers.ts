/** Builds a client for a test server from environment-style settings. */
import { accountFromEnvironment, createAccountClient } from '../../src/extract/workato/index.js';
import type { AccountClient, ClientOptions } from '../../src/extract/workato/index.js';

export const TEST_TOKEN = 'wrkaus-test-token-0123456789';

export interface RecordedSleeps {
  delays: number[];
  sleep: (ms: number) => Promise<void>;
}

/** A sleep that records what it was asked to wait and returns at once. */
export function recordSleeps(): RecordedSleeps {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}

export function clientFor(
  baseUrl: string,
  options: ClientOptions = {},
  env: Record<string, string> = {},
): AccountClient {
  const account = accountFromEnvironment({
    WORKATO_BASE_URL: baseUrl,
    WORKATO_API_TOKEN: TEST_TOKEN,
    ...env,
  });
  return createAccountClient(account, { rateLimit: { enabled: false }, ...options });
}
