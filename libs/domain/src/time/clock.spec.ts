import { acceleratedClock, clockSecondsFor, SteppedClock, systemClock } from './clock';

describe('clocks', () => {
  it('runs an accelerated clock from its origin at its speed, the same in every process', () => {
    let real = Date.parse('2026-11-28T15:00:00Z');
    const settings = { simulatedOrigin: new Date('2026-12-01T00:00:00Z'), realOrigin: new Date('2026-11-28T14:59:00Z'), speed: 288 };
    const a = acceleratedClock(settings, () => real);
    const b = acceleratedClock(settings, () => real);
    expect(a.now().toISOString()).toBe('2026-12-01T04:48:00.000Z');
    real += 5 * 60 * 1000;
    expect(b.now().toISOString()).toBe('2026-12-02T04:48:00.000Z');
    expect(() => acceleratedClock({ ...settings, speed: 0 })).toThrow(RangeError);
  });

  it('gives the system time by default', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('keeps a stepped clock where it was put, and moves it only forward', () => {
    const clock = new SteppedClock(new Date('2026-12-01T06:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(clock.advanceTo(new Date('2026-12-01T06:01:00Z'))).toBe(true);
    expect(clock.advanceTo(new Date('2026-12-01T05:00:00Z'))).toBe(false);
    expect(clock.advanceTo(new Date('2026-12-01T06:01:00Z'))).toBe(false);
    expect(clock.now().toISOString()).toBe('2026-12-01T06:01:00.000Z');
    expect(() => clock.advanceTo(new Date('not a time'))).toThrow(RangeError);
    expect(() => new SteppedClock(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('lets a stepped clock run on by itself from where it stands, never back', () => {
    let real = Date.parse('2026-11-28T15:00:00Z');
    const clock = new SteppedClock(new Date('2026-12-01T06:00:00Z'), () => real);
    expect(() => clock.runFreely(new Date(real + 1), 60)).toThrow(RangeError);
    clock.runFreely(new Date(real - 1000), 60);
    expect(clock.isRunningFreely).toBe(true);
    expect(clock.now().toISOString()).toBe('2026-12-01T06:01:00.000Z');
    real += 10_000;
    expect(clock.now().toISOString()).toBe('2026-12-01T06:11:00.000Z');
    expect(clock.advanceTo(new Date('2026-12-02T00:00:00Z'))).toBe(false);
    expect(clock.now().toISOString()).toBe('2026-12-01T06:11:00.000Z');
    expect(() => clock.runFreely(new Date(real), 60)).toThrow(RangeError);
  });

  it('measures a lease of real seconds on each clock: as long on the system clock, speed times as long running freely, until the next step when stepped', () => {
    expect(clockSecondsFor(systemClock, 30)).toBe(30);
    expect(clockSecondsFor(acceleratedClock({ simulatedOrigin: new Date('2026-12-09T00:00:00Z'), realOrigin: new Date(0), speed: 240 }), 30)).toBe(7200);
    const stepped = new SteppedClock(new Date('2026-12-09T00:00:00Z'), () => 1_000);
    expect(clockSecondsFor(stepped, 30)).toBe(30);
    stepped.runFreely(new Date(1_000), 120);
    expect(clockSecondsFor(stepped, 30)).toBe(3600);
  });
});
