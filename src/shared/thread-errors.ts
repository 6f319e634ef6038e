/**
 * Errors that cross from a worker thread to the thread that started it. A worker's errors
 * arrive as plain data (structured clone keeps only an Error's message and stack), so they are
 * sent as what the receiving side needs to rethrow them as they were: a RecipeOpsError with its
 * exit code and hint stays one, any other error keeps its name, message, code and stack.
 */
import { RecipeOpsError } from './errors.js';

export interface SentError {
  name: string;
  message: string;
  stack: string | undefined;
  code: string | undefined;
  exitCode: number | undefined;
  hint: string | undefined;
}

export function sendableError(error: unknown): SentError {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as NodeJS.ErrnoException).code;
  return {
    name: e.name,
    message: e.message,
    stack: e.stack,
    code: typeof code === 'string' ? code : undefined,
    exitCode: e instanceof RecipeOpsError ? e.exitCode : undefined,
    hint: e instanceof RecipeOpsError ? e.hint : undefined,
  };
}

/** The error to throw in the receiving thread; its stack is the worker's, where it happened. */
export function receivedError(sent: SentError): Error {
  const error =
    sent.exitCode === undefined
      ? new Error(sent.message)
      : new RecipeOpsError(sent.message, { exitCode: sent.exitCode, hint: sent.hint });
  error.name = sent.name;
  if (sent.stack !== undefined) error.stack = sent.stack;
  if (sent.code !== undefined) (error as NodeJS.ErrnoException).code = sent.code;
  return error;
}
