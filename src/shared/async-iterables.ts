/**
 * Lean async iterables for streams of millions of items. An async generator that wraps another
 * iterable (`yield*` over a sync one, or `for await … yield f(x)`) costs several promises and
 * microtask turns per item; these cost one promise (and one result object) per item, which
 * for the job-history stream is a good part of the report worker's garbage. Both are iterable
 * once, like a generator, and pass an early `return()` on to their source.
 */

type Result<T> = IteratorResult<T, undefined>;

/** `items` (a sync iterable, e.g. a generator over a database cursor) as an async iterable. */
export function asyncIterableOf<T>(items: Iterable<T>): AsyncIterableIterator<T> {
  let iterator: Iterator<T> | undefined;
  // Async functions: an exception in the source becomes a rejection, as in a generator.
  const self: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => self,
    // eslint-disable-next-line @typescript-eslint/require-await
    next: async (): Promise<Result<T>> => {
      iterator ??= items[Symbol.iterator]();
      return iterator.next() as Result<T>;
    },
    // eslint-disable-next-line @typescript-eslint/require-await
    return: async (): Promise<Result<T>> => {
      iterator?.return?.();
      return { done: true, value: undefined };
    },
  };
  return self;
}

/** Each item of `items` mapped by `map`, as it is asked for. */
export function mapAsyncIterable<T, U>(
  items: AsyncIterable<T>,
  map: (item: T) => U,
): AsyncIterableIterator<U> {
  let iterator: AsyncIterator<T> | undefined;
  const self: AsyncIterableIterator<U> = {
    [Symbol.asyncIterator]: () => self,
    next: async (): Promise<Result<U>> => {
      iterator ??= items[Symbol.asyncIterator]();
      const next = await iterator.next();
      if (next.done === true) return { done: true, value: undefined };
      try {
        return { value: map(next.value) };
      } catch (error) {
        // As an async generator's for-await would: a failed item closes the source.
        await iterator.return?.();
        throw error;
      }
    },
    return: async (): Promise<Result<U>> => {
      await iterator?.return?.();
      return { done: true, value: undefined };
    },
  };
  return self;
}
