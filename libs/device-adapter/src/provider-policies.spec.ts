import { ProviderCallFailed } from './provider-errors';
import { ProviderPolicies, readFailureOf, ResilienceSettings } from './provider-policies';

const settings: ResilienceSettings = {
  callTimeoutMs: 200, maxAttempts: 3, backoffInitialMs: 1, backoffMaxMs: 2, breakerConsecutiveFailures: 4, breakerHalfOpenAfterMs: 60_000, concurrencyPerProvider: 2,
};

/** A provider call that fails with each of `failures` in turn, then answers. */
function provider(...failures: ProviderCallFailed[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    call: async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'data';
    },
  };
}

async function outcomeOf(run: Promise<unknown>) {
  try {
    return { answer: await run };
  } catch (error) {
    return { failure: readFailureOf(error) };
  }
}

const serverError = () => new ProviderCallFailed('PROVIDER_ERROR', true, 'answered 503');

describe('provider policies', () => {
  const breakerStates: string[] = [];
  const policies = () => new ProviderPolicies(settings, (provider, state) => breakerStates.push(`${provider} ${state}`));

  it('retries what may pass, up to its attempts, and gives up with the provider’s own reason', async () => {
    const flaky = provider(serverError(), serverError());
    expect(await outcomeOf(policies().forProvider('CSP-NORTH').execute(flaky.call))).toEqual({ answer: 'data' });
    expect(flaky.calls).toBe(3);

    const down = provider(serverError(), serverError(), serverError());
    expect(await outcomeOf(policies().forProvider('CSP-NORTH').execute(down.call))).toEqual({ failure: { code: 'PROVIDER_ERROR', detail: 'answered 503' } });
    expect(down.calls).toBe(3);
  });

  it('never retries a refusal: asking again cannot change the answer', async () => {
    const refusing = provider(new ProviderCallFailed('REFUSED', false, 'unknown device'));
    expect(await outcomeOf(policies().forProvider('CSP-NORTH').execute(refusing.call))).toEqual({ failure: { code: 'REFUSED', detail: 'unknown device' } });
    expect(refusing.calls).toBe(1);
  });

  it('opens the breaker of a provider that keeps failing, answering at once without a call, and leaves other providers alone', async () => {
    const all = policies();
    const down = provider(...Array.from({ length: 10 }, serverError));
    await outcomeOf(all.forProvider('S1SP-A').execute(down.call));
    await outcomeOf(all.forProvider('S1SP-A').execute(down.call));
    const callsWhenOpen = down.calls;
    expect(breakerStates).toContain('S1SP-A open');
    expect(await outcomeOf(all.forProvider('S1SP-A').execute(down.call))).toEqual({ failure: { code: 'PROVIDER_UNAVAILABLE', detail: 'circuit open after repeated failures' } });
    expect(down.calls).toBe(callsWhenOpen);
    expect(await outcomeOf(all.forProvider('S1SP-B').execute(provider().call))).toEqual({ answer: 'data' });
  });

  it('does not count a provider pacing us (429) as failing: its breaker stays closed', async () => {
    const all = policies();
    for (let i = 0; i < 3; i++) await outcomeOf(all.forProvider('CSP-SOUTH').execute(provider(...Array.from({ length: 3 }, () => new ProviderCallFailed('THROTTLED', true, 'slow down', 1))).call));
    expect(breakerStates.filter((s) => s.startsWith('CSP-SOUTH'))).toEqual([]);
  });

  it('aborts a call that does not answer within the timeout; the call reports it as TIMEOUT', async () => {
    // As readFromProvider does: an aborted request is a timeout.
    const silent = async ({ signal }: { signal: AbortSignal }) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(new ProviderCallFailed('TIMEOUT', true, 'CSP-CENTRAL did not answer in time'))));
    const outcome = await outcomeOf(new ProviderPolicies({ ...settings, maxAttempts: 1 }, () => undefined).forProvider('CSP-CENTRAL').execute(silent));
    expect(outcome).toEqual({ failure: { code: 'TIMEOUT', detail: 'CSP-CENTRAL did not answer in time' } });
  });

  it('turns an error of its own into a typed failure, never a crash', () => {
    expect(readFailureOf(new TypeError('x is undefined'))).toEqual({ code: 'ADAPTER_ERROR', detail: 'x is undefined' });
  });
});
