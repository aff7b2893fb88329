import { SimulatorClock } from './simulator-clock';

describe('SIMULATOR clock', () => {
  it('starts where the run says, moves only forward, and is settled only with no read in flight', async () => {
    const clock = SimulatorClock.fromConfig({ CLOCK_MODE: 'stepped', CLOCK_SIMULATED_ORIGIN: '2026-12-01T00:00:00Z', CLOCK_SPEED: 1 });
    expect(clock.now().toISOString()).toBe('2026-12-01T00:00:00.000Z');
    clock.advance({ now: '2026-12-01T00:01:00Z' });
    clock.advance({ now: '2026-12-01T00:00:30Z' });
    expect(clock.now().toISOString()).toBe('2026-12-01T00:01:00.000Z');
    expect(() => clock.advance({ now: 'soon' })).toThrow(RangeError);

    clock.begin();
    const busy = await clock.state();
    expect(busy).toMatchObject({ settled: false, waitingFor: ['1 provider reads in flight'] });
    const waiting = clock.state(5_000);
    clock.end();
    const quiet = await waiting;
    expect(quiet).toMatchObject({ settled: true, waitingFor: [] });
    expect(quiet.generation).toBeGreaterThan(busy.generation);
  });

  it('runs on by itself when the run lets it', () => {
    const clock = SimulatorClock.fromConfig({ CLOCK_MODE: 'accelerated', CLOCK_SIMULATED_ORIGIN: '2026-12-01T00:00:00Z', CLOCK_REAL_ORIGIN: new Date(Date.now() - 1000).toISOString(), CLOCK_SPEED: 60 });
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-01T00:01:00Z'));
  });
});
