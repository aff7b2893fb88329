/** Says whether an error is one that passes by itself (a dependency restarting), so the work should wait and try again. */
export type TransientErrorTest = (error: unknown) => boolean;

/**
 * An error and what it wraps, outermost first: `cause` (Error's and kafkajs'), and `driverError`
 * (TypeORM's QueryFailedError around the pg error). Bounded, so a cycle cannot loop.
 */
export function errorChain(error: unknown, depth = 8): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < depth; ) {
    if (chain.includes(current)) break;
    chain.push(current);
    const wrapper = current as { cause?: unknown; driverError?: unknown };
    current = typeof current === 'object' ? (wrapper.driverError ?? wrapper.cause) : undefined;
  }
  return chain;
}

/** The one test made of several: transient when any of them says so. */
export function anyTransient(tests: readonly TransientErrorTest[]): TransientErrorTest {
  return (error) => tests.some((test) => test(error));
}
