/**
 * The project's error base. Every error a user can see is one of these: it carries an exit code
 * (DESIGN.md: 0 done, 1 some accounts or sinks failed, 2 bad usage or config) and, where one
 * helps, a hint that says what to do next.
 */
export class RecipeOpsError extends Error {
  override name = 'RecipeOpsError';
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(
    message: string,
    options: { exitCode?: number; hint?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}

/** Bad configuration or usage: a spec, an accounts file, a flag. Exit code 2. */
export class ConfigError extends RecipeOpsError {
  override name = 'ConfigError';
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

/** Thrown by a command that has already reported its outcome and only wants an exit code. */
export class ExitError extends RecipeOpsError {
  override name = 'ExitError';
  constructor(exitCode: number) {
    super(`exit ${exitCode}`, { exitCode });
  }
}

export function isRecipeOpsError(error: unknown): error is RecipeOpsError {
  return error instanceof RecipeOpsError;
}

/** One line for an operator: the message, then the hint if there is one. */
export function describeError(error: unknown): string {
  if (error instanceof RecipeOpsError) {
    return error.hint ? `${error.message} (${error.hint})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
