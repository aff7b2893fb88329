import { addDays, Clock, settlementDayOf, settlementDayStart, systemClock } from '@halfhour/domain';
import { MeterDirection, ProviderLoad, SlotLoad, syntheticHalfHourKwh, syntheticRegisterKwh } from '@halfhour/simulation';
import { Behaviour, defaultBehaviourOf, withChanges } from './provider-behaviour';

export interface ReadRequest {
  commandId: string;
  mpan: string;
  deviceId: string;
  srv: string;
  /** UTC [start, end) of data; registers are read at `end` for daily logs, now otherwise. */
  start: string;
  end: string;
}

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'NEVER';

const HALF_HOUR = 30 * 60_000;
const EXPORT_SRVS = new Set(['4.2', '4.6.2', '4.8.3']);

/** One SIMULATED communications provider (a CSP region or an S1SP) and the synthetic meters behind it. */
export class SimulatedProvider {
  private behaviour: Behaviour;
  private readonly meterBehaviour = new Map<string, Partial<Behaviour>>();
  private window = { second: 0, count: 0 };
  /** `answeredAgain`: reads answered with data for a command already answered with data (a meter read twice for one command). */
  readonly stats = { reads: 0, answered: 0, answeredAgain: 0, failed: 0, throttled: 0, timedOut: 0, partial: 0, refused: 0 };
  private readonly answeredCommands = new Set<string>();
  private readonly load: ProviderLoad;

  constructor(
    readonly name: string,
    /** Simulated time, for the provider's slots (the simulator follows the run's clock). */
    private readonly clock: Clock = systemClock,
    slotMs = 5 * 60_000,
  ) {
    this.behaviour = defaultBehaviourOf(name);
    this.load = new ProviderLoad(
      () => ({ slotMs, capacityPerSlot: this.behaviour.capacityPerSlot, bauReadsPerSlot: this.behaviour.bauReadsPerSlot }),
      () => this.behaviour.latencyMs[0] + Math.random() * (this.behaviour.latencyMs[1] - this.behaviour.latencyMs[0]),
    );
  }

  /** Each slot that has ended: Halfhour's reads in it, and how the provider's BAU reads fared. */
  slots(): readonly SlotLoad[] {
    return this.load.slotsEndedBy(this.clock.now().getTime());
  }

  change(changes: Partial<Behaviour>, deviceId?: string): Behaviour {
    if (deviceId) {
      this.meterBehaviour.set(deviceId, { ...this.meterBehaviour.get(deviceId), ...changes });
      return withChanges(this.behaviour, this.meterBehaviour.get(deviceId)!);
    }
    this.behaviour = withChanges(this.behaviour, changes);
    return this.behaviour;
  }

  reset(): void {
    this.behaviour = defaultBehaviourOf(this.name);
    this.meterBehaviour.clear();
    this.answeredCommands.clear();
    this.load.reset();
    for (const key of Object.keys(this.stats) as (keyof typeof this.stats)[]) this.stats[key] = 0;
  }

  async read(request: ReadRequest): Promise<Answer> {
    this.stats.reads++;
    const behaviour = withChanges(this.behaviour, this.meterBehaviour.get(request.deviceId) ?? {});
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.window.second) this.window = { second, count: 0 };
    if (behaviour.maxRequestsPerSecond > 0 && ++this.window.count > behaviour.maxRequestsPerSecond) {
      this.stats.throttled++;
      return { status: 429, headers: { 'retry-after': '1' }, body: { error: 'THROTTLED' } };
    }
    const start = Date.parse(request.start);
    const end = Date.parse(request.end);
    if (!(start < end) || Number.isNaN(start) || Number.isNaN(end)) return this.refuse(400, 'BAD_PERIOD');
    if ((end - start) / HALF_HOUR > behaviour.maxPeriodsPerRequest) return this.refuse(413, 'PAYLOAD_TOO_LARGE');
    this.load.record(this.clock.now().getTime());
    await sleep(behaviour.latencyMs[0] + Math.random() * (behaviour.latencyMs[1] - behaviour.latencyMs[0]));
    if (behaviour.down || Math.random() < behaviour.failureRate) {
      this.stats.failed++;
      return { status: 503, body: { error: behaviour.down ? 'PROVIDER_DOWN' : 'METER_UNREACHABLE' } };
    }
    if (Math.random() < behaviour.timeoutRate) {
      this.stats.timedOut++;
      return 'NEVER';
    }
    const partial = Math.random() < behaviour.partialRate;
    if (partial) this.stats.partial++;
    this.stats.answered++;
    if (this.answeredCommands.has(request.commandId)) this.stats.answeredAgain++;
    else this.answeredCommands.add(request.commandId);
    return { status: 200, body: meterData(request, start, end, partial) };
  }

  private refuse(status: number, error: string): Answer {
    this.stats.refused++;
    return { status, body: { error } };
  }
}

function meterData(request: ReadRequest, start: number, end: number, partial: boolean) {
  const direction: MeterDirection = EXPORT_SRVS.has(request.srv) ? 'EXPORT' : 'IMPORT';
  if (request.srv.startsWith('4.8')) {
    const periods: { start: string; kwh: number }[] = [];
    for (let t = start, i = 0; t < end; t += HALF_HOUR, i++) {
      if (partial && i % 7 === 3) continue;
      periods.push({ start: new Date(t).toISOString(), kwh: syntheticHalfHourKwh(request.mpan, direction, new Date(t)) });
    }
    return { deviceId: request.deviceId, mpan: request.mpan, periods, registers: [] };
  }
  // Daily read logs: the register at each local midnight that closes a day of the period; instantaneous registers: now.
  const readings = request.srv.startsWith('4.6')
    ? daysEndingIn(start, end).map((at) => ({ register: direction, kwh: syntheticRegisterKwh(request.mpan, direction, at), readAt: at.toISOString() }))
    : [{ register: direction, kwh: syntheticRegisterKwh(request.mpan, direction, new Date()), readAt: new Date().toISOString() }];
  return { deviceId: request.deviceId, mpan: request.mpan, periods: [], registers: readings };
}

function daysEndingIn(start: number, end: number): Date[] {
  const ends: Date[] = [];
  for (let day = settlementDayOf(new Date(start)); settlementDayStart(addDays(day, 1)).getTime() <= end; day = addDays(day, 1)) {
    ends.push(settlementDayStart(addDays(day, 1)));
  }
  return ends;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
