import { setTimeout as sleep } from 'node:timers/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DayOptions } from '../day/day-options';
import { DayReport } from '../day/day-report';
import { ScriptedStep, SettlementDayRun } from '../day/settlement-day-run';
import { processNameOf } from '../stack/service-catalogue';
import { REPOSITORY_ROOT } from '../stack/stack-settings';
import { buildChaosReport, ChaosReport, Drain, FaultDone } from './chaos-report';
import { consumerLag } from './consumer-lag';
import { ClusterFaultContext, KilledBroker, killBusiestLeader, reviveBroker, rollEveryBroker, rollOutEveryService } from './cluster-steps';
import { realSecondsUntilNextDelivery } from './delivery-stall';
import { CampaignSize, Fault, planFaults, processOf, SERVICES, StackShape } from './fault-plan';
import { GroupJoinTally } from './group-joins';
import { cutDatabases, restartBroker, setDipBehaviour } from './infrastructure-faults';
import { findDeadLetters, publishMalformed } from './malformed-input';
import { forgeDeadLettersAndReplay } from './forged-dead-letters';

export interface ChaosOptions {
  day: DayOptions;
  size: CampaignSize;
}

/**
 * `npm run chaos`: a settlement day on the real stack with the fault plan's faults done at their
 * moments — services killed mid-work and drained, the broker restarted, the databases cut off,
 * the DIP down and then rate-limiting, malformed input on every inbound topic, forged dead letters
 * replayed (and the day's own abuse campaign: hostile requests from registered users) — ending with the
 * day's own checks and the campaign's: nothing lost or doubled, no meter read twice for one
 * command, every malformed message dead-lettered, every consumer alive and caught up.
 */
export class ChaosCampaign {
  readonly run: SettlementDayRun;
  readonly faults: Fault[];
  private readonly done: FaultDone[] = [];
  private readonly joinsAtStart = new Map<FaultDone, number>();
  private readonly drains: Drain[] = [];
  private readonly peakRssMb: Record<string, number> = {};
  private malformedSent: Record<string, number> = {};
  private readonly joins = new GroupJoinTally();
  /** Each fault's stall, measured in the background while the campaign goes on. */
  private readonly stallWatches: Promise<void>[] = [];
  private readonly dayOver = new AbortController();
  private readonly killedBroker: KilledBroker = { node: 0 };

  constructor(private readonly options: ChaosOptions, private readonly log: (line: string) => void = console.log) {
    // The small campaign (in npm test) lets a killed member's partitions go after 10 s, not 30:
    // each kill then costs a third of the wait; heartbeats keep busy members in their group.
    const day = options.size === 'small' ? { ...options.day, extraEnvironment: { KAFKA_SESSION_TIMEOUT_MS: '10000', ...options.day.extraEnvironment } } : options.day;
    this.run = new SettlementDayRun(day, log);
    this.faults = planFaults(options.day.seed, options.size, this.shape);
    this.run.addToScript(this.faults.flatMap((fault) => this.stepsOf(fault)));
    this.run.onMetrics((metrics) => this.joins.observe(metrics));
  }

  async execute(): Promise<{ day: DayReport; chaos: ChaosReport }> {
    this.log(`chaos campaign (${this.options.size}, seed ${this.options.day.seed}): ${this.faults.length} faults`);
    const day = await this.run.run();
    this.notePeakRss();
    this.dayOver.abort();
    await Promise.all(this.stallWatches);
    this.countJoinsPerFault();
    const [deadLetters, lags, notLive, meterReads] = await Promise.all([
      findDeadLetters(this.run.namespace.topicPrefix, this.malformedSent),
      consumerLag(this.run.namespace.topicPrefix),
      this.servicesNotLive(),
      this.meterReads(day.reconciliation.map((r) => r.provider)),
    ]);
    const chaos = buildChaosReport({ day, faults: this.done, deadLetters, lags, notLive, meterReads, drains: this.drains, peakRssMb: this.peakRssMb, groupJoins: this.joins.byService() });
    const dir = resolve(REPOSITORY_ROOT, this.options.day.outDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'chaos.json'), `${JSON.stringify(chaos, null, 2)}\n`);
    this.log(`chaos report: ${join(dir, 'chaos.json')}`);
    return { day, chaos };
  }

  private stepsOf(fault: Fault): ScriptedStep[] {
    const dip = (behaviour: object) => async () => void (await setDipBehaviour(this.run.urlOf('dip-simulator'), behaviour));
    switch (fault.kind) {
      case 'kill':
      case 'drain': {
        const signal = fault.kind === 'kill' ? 'SIGKILL' : 'SIGTERM';
        const process = processOf(fault, this.shape);
        return [{ at: this.run.timeline.at(fault.hour), what: `${fault.kind === 'kill' ? 'kill -9' : 'SIGTERM'} ${process}`, background: true, run: () => this.restart(process, signal, fault.afterMs) }];
      }
      case 'rollout':
        return [{ ...this.step(fault.hour, 'rollout of every service, a replica at a time (SIGTERM)', () => rollOutEveryService(this.cluster)), background: true }];
      case 'broker-kill':
        return [
          this.step(fault.hour, 'kill -9 the busiest partition leader broker', () => killBusiestLeader(this.cluster, this.killedBroker)),
          { ...this.step(fault.untilHour, 'the killed broker started again', () => reviveBroker(this.killedBroker)), background: true },
        ];
      case 'broker-roll':
        return [{ ...this.step(fault.hour, 'every broker restarted in turn', rollEveryBroker), background: true }];
      case 'broker-restart':
        return [this.step(fault.hour, 'broker restart', async () => (restartBroker() ? 'stopped and started on its data' : 'not done: the broker is not this machine’s own (KAFKA_BROKERS)'))];
      case 'postgres-outage':
        return [this.step(fault.hour, `PostgreSQL outage ${fault.seconds} s`, async () => `${await cutDatabases(this.run.databaseNames(), fault.seconds)} connections cut`)];
      case 'dip-down':
        return [this.step(fault.hour, 'DIP down (503)', dip({ down: true })), this.step(fault.untilHour, 'DIP back', dip({ down: false }))];
      case 'dip-rate-limited':
        return [
          this.step(fault.hour, `DIP rate-limited to ${fault.callsPerSecond}/s (429)`, dip({ maxCallsPerSecond: fault.callsPerSecond })),
          this.step(fault.untilHour, 'DIP limit lifted', dip({ maxCallsPerSecond: 0 })),
        ];
      case 'overload':
        return [this.step(fault.hour, 'the whole registry sent again (the day’s input twice over)', async () => `${await this.run.replayRegistry()} messages`)];
      case 'forged-dead-letters':
        return [this.step(fault.hour, `${fault.count} forged dead letters, replayed`, () => forgeDeadLettersAndReplay(this.run.namespace.topicPrefix, fault.count))];
      case 'malformed':
        return [this.step(fault.hour, `${fault.perTopic} malformed messages per inbound topic (${fault.oversize} oversize)`, async () => {
          this.malformedSent = await publishMalformed(this.run.namespace.topicPrefix, fault.perTopic, fault.oversize);
          return `${Object.values(this.malformedSent).reduce((a, b) => a + b, 0)} sent`;
        })];
    }
  }

  /** A fault done in the foreground at `hour` (the clock waits for it), timed, with what came of it. */
  private step(hour: number, what: string, work: () => Promise<string | void>): ScriptedStep {
    return { at: this.run.timeline.at(hour), what, run: () => this.timed(what, work) };
  }

  /** Stops a process `afterMs` after the step that started the fault was taken, while its work is in flight; starts it again. */
  private async restart(processName: string, signal: NodeJS.Signals, afterMs: number): Promise<void> {
    const at = this.run.timeline.clock.now().toISOString();
    await sleep(afterMs);
    this.notePeakRss();
    const done = this.watched({ at, what: `${signal === 'SIGKILL' ? 'kill -9' : 'SIGTERM'} ${processName} (+${afterMs} ms)`, outcome: '' });
    const restarted = await this.run.stack.restart(processName, signal);
    if (signal === 'SIGTERM') this.noteDrain(processName, restarted);
    done.outcome = `${signal === 'SIGTERM' ? `drained in ${(restarted.exitMs / 1000).toFixed(1)} s (${restarted.exitSignal ?? `exit ${restarted.exitCode}`}), ` : ''}ready again in ${(restarted.readyMs / 1000).toFixed(1)} s`;
  }

  private async timed(what: string, work: () => Promise<string | void>): Promise<void> {
    const done = this.watched({ at: this.run.timeline.clock.now().toISOString(), what, outcome: '' });
    const started = Date.now();
    const outcome = await work();
    done.outcome = `${outcome ? `${outcome}, ` : ''}${((Date.now() - started) / 1000).toFixed(1)} s`;
  }

  /** A fault begun now: listed, its stall watched in the background, the group joins so far noted. */
  private watched(fault: FaultDone): FaultDone {
    this.done.push(fault);
    this.joinsAtStart.set(fault, this.joins.joins);
    this.stallWatches.push(realSecondsUntilNextDelivery(this.run.urlOf('dip-simulator'), this.dayOver.signal).then((seconds) => void (fault.stallSeconds = seconds)));
    return fault;
  }

  /** Each fault's group joins: those counted from its start until the next fault's. */
  private countJoinsPerFault(): void {
    this.done.forEach((fault, i) => {
      const next = this.done[i + 1];
      fault.groupJoins = (next ? this.joinsAtStart.get(next)! : this.joins.joins) - this.joinsAtStart.get(fault)!;
    });
  }

  private noteDrain(process: string, drain: { exitMs: number; exitCode: number | null; exitSignal: NodeJS.Signals | null }): void {
    this.drains.push({ service: process, ms: drain.exitMs, exitCode: drain.exitCode, signal: drain.exitSignal });
  }

  private get shape(): StackShape {
    return { replicas: this.options.day.replicas, brokers: this.options.day.brokers };
  }

  private get cluster(): ClusterFaultContext {
    return {
      shape: this.shape, topicPrefix: this.run.namespace.topicPrefix,
      restart: (process, signal) => this.run.stack.restart(process, signal), noteDrain: (process, drain) => this.noteDrain(process, drain),
    };
  }

  private notePeakRss(): void {
    for (const [service, mb] of Object.entries(this.run.stack.peakRssMb())) this.peakRssMb[service] = Math.max(this.peakRssMb[service] ?? 0, mb);
  }

  /** Every process of every service (each replica) whose liveness does not answer 200. */
  private async servicesNotLive(): Promise<string[]> {
    const processes = this.run.stack.entries.filter((entry) => SERVICES.includes(entry.name));
    const live = await Promise.all(processes.map(async (entry) => (await fetch(`http://127.0.0.1:${entry.httpPort}/health/live`).catch(() => undefined))?.ok === true));
    return processes.filter((_, i) => !live[i]).map(processNameOf);
  }

  private async meterReads(providers: readonly string[]): Promise<{ answered: number; answeredAgain: number }> {
    const stats = await Promise.all(providers.map(async (provider) => (await (await fetch(`${this.run.urlOf('provider-simulator')}/providers/${provider}/stats`)).json()) as { answered: number; answeredAgain: number }));
    return { answered: stats.reduce((n, s) => n + s.answered, 0), answeredAgain: stats.reduce((n, s) => n + s.answeredAgain, 0) };
  }
}
