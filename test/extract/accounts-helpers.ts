import { ConfigError } from '../../src/shared/errors.js';

export { accountFromEnvironment } from '../../src/extract/workato/index.js';

/** Runs `fn` and returns the ConfigError it throws (fails the test otherwise). */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
