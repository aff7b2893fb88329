import { MidRunChange } from '@halfhour/simulation';
import { DayTimeline } from './day-timeline';
import { UpstreamDriver } from './upstream-driver';

export interface ScriptedStep {
  at: Date;
  what: string;
  run: () => Promise<unknown>;
  /** Not waited for: the clock moves on while it runs, so a kill lands in the middle of work. */
  background?: boolean;
}

/** The simulated providers' failures during the day: one S1SP down mid-morning, a little noise everywhere. */
const OUTAGE = { provider: 'S1SP-B', fromHour: 9, toHour: 11 };
export const BACKGROUND_FAILURES = { failureRate: 0.02, timeoutRate: 0.002 };

export interface DayScriptParts {
  timeline: DayTimeline;
  upstream: UpstreamDriver;
  /** The registry changes CSS sends on a day of the run. */
  changesOf: (day: number) => readonly MidRunChange[];
  /** A run of several days names the day in its steps. */
  severalDays: boolean;
  providerFailures: boolean;
  putProviderBehaviour: (providers: readonly string[], behaviour: object) => Promise<void>;
}

/** What the upstream simulators (and the providers' scripted outage) do on the run's `day`th collection day. */
export function scriptOfDay(day: number, parts: DayScriptParts): ScriptedStep[] {
  const { timeline, upstream } = parts;
  const at = (hour: number) => timeline.at(hour, day);
  const onThe = parts.severalDays ? ` (day ${day + 1})` : '';
  return [
    { at: at(2), what: `CSS: mid-run registry changes${onThe}`, run: () => upstream.publishChanges(parts.changesOf(day), day) },
    { at: at(3), what: `users: schedules for new appointments${onThe}`, run: () => upstream.publishRequests('AFTER_APPOINTMENTS', timeline.clock.now(), day) },
    { at: at(12), what: `users: on-demand reads${onThe}`, run: () => upstream.publishRequests('ON_DEMAND', timeline.clock.now(), day) },
    ...(parts.providerFailures ? [
      { at: at(OUTAGE.fromHour), what: `${OUTAGE.provider} goes down`, run: () => parts.putProviderBehaviour([OUTAGE.provider], { down: true }) },
      { at: at(OUTAGE.toHour), what: `${OUTAGE.provider} is back`, run: () => parts.putProviderBehaviour([OUTAGE.provider], { down: false }) },
    ] : []),
  ];
}
