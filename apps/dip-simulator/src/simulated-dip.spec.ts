import { SimulatedDip } from './simulated-dip';

describe('SIMULATED DIP failure behaviours', () => {
  const unsigned = Buffer.from(JSON.stringify({ messages: [] }));

  it('answers every call with the status it is told to, with Retry-After when asked', async () => {
    const dip = new SimulatedDip();
    dip.behaviour = { ...dip.behaviour, failWith: 429, retryAfterSeconds: 3 };
    expect(await dip.receive(unsigned, {})).toEqual({ status: 429, body: { error: 'SIMULATED_FAILURE' }, headers: { 'retry-after': '3' } });
    dip.behaviour = { ...dip.behaviour, failWith: 408, retryAfterSeconds: 0 };
    expect(await dip.receive(unsigned, {})).toEqual({ status: 408, body: { error: 'SIMULATED_FAILURE' } });
    expect(dip.stats).toMatchObject({ calls: 2, failedOnPurpose: 2 });
  });

  it('throttles calls beyond its rate with 429 and Retry-After, and takes calls again the next second', async () => {
    const dip = new SimulatedDip();
    dip.behaviour = { ...dip.behaviour, maxCallsPerSecond: 2 };
    const statuses = async (at: number, calls: number) => Promise.all(Array.from({ length: calls }, async () => (await dip.receive(unsigned, {}, at)).status));
    // Unsigned calls get past the rate limit as 401s: the limit comes first, as at a real gateway.
    expect(await statuses(10_000, 4)).toEqual([401, 401, 429, 429]);
    expect(await statuses(10_999, 1)).toEqual([429]);
    expect(await statuses(11_000, 1)).toEqual([401]);
    expect(dip.stats.throttled).toBe(3);
  });
});
