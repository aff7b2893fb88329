import { ConditionNotMet, SimulatedTime } from '@halfhour/observability';
import { setTimeout as sleep } from 'node:timers/promises';
import { consumersBehind } from './consumers-behind';
import { DayFacts } from './day-facts';
import { ScriptedStep } from './day-script';
import { DayTimeline } from './day-timeline';
import { ProgressDisplay } from './progress-display';
import { StackMetrics } from './stack-view';

export interface PlayParts {
  timeline: DayTimeline;
  /** Every day's steps and any added (the chaos campaign's faults), in any order. */
  script: readonly ScriptedStep[];
  facts: DayFacts;
  /** Every service's metrics, once. */
  look: () => Promise<StackMetrics>;
  /** Gathers the `day`th day's report once it has settled. */
  closeDay: (day: number) => Promise<void>;
  progressBars: boolean;
  /** The free-running clock: the longest the last work may take after the day's end. */
  settleSeconds: number;
  log: (line: string) => void;
}

/** Plays the run's days, doing each scripted thing at its moment, showing progress; each day closed once its items have all finished. */
export class DayPlayer {
  private readonly script: ScriptedStep[];
  private readonly progress: ProgressDisplay;
  private readonly events: string[] = [];
  private readonly inBackground: Promise<void>[] = [];

  constructor(private readonly parts: PlayParts) {
    this.script = [...parts.script].sort((a, b) => a.at.getTime() - b.at.getTime());
    this.progress = new ProgressDisplay(parts.progressBars);
  }

  async play(): Promise<void> {
    const { timeline } = this.parts;
    try {
      if (timeline.stepped) await this.playStepped(timeline.stepped);
      else await this.playFreeRunning();
    } finally {
      await Promise.allSettled(this.inBackground);
      this.progress.stop();
    }
    await Promise.all(this.inBackground);
    if (!timeline.stepped) await this.parts.closeDay(0);
    for (const event of this.events) this.parts.log(`  ${event}`);
  }

  private async runDue(now: Date): Promise<void> {
    for (const step of this.script.filter((s) => s.at <= now)) {
      this.script.splice(this.script.indexOf(step), 1);
      const done = step.run().then(() => void this.events.push(`${now.toISOString().slice(0, 16).replace('T', ' ')} ${step.what}`));
      if (step.background) this.inBackground.push(done);
      else await done;
    }
  }

  /**
   * The days on the stepped clock: each minute once the last has settled, the script's steps at
   * their moments; after each day's midnight on (at most an hour) until every item of the day is
   * final, then the day is closed.
   */
  private async playStepped(time: SimulatedTime): Promise<void> {
    const { timeline, facts, look } = this.parts;
    let shownAt = 0;
    let day = 0;
    const show = async (now: Date) => {
      if (Date.now() - shownAt < 500) return;
      shownAt = Date.now();
      this.progress.update(now, await look(), await facts.items.of(timeline.collectionDayOf(day)));
    };
    time.onSlowSettle = (waitingFor) => this.progress.waiting(time.now(), waitingFor);
    for (; day < timeline.days; day++) {
      const dayEnd = timeline.dayEnd(day);
      await time.advanceTo(dayEnd, async (now) => {
        await this.runDue(now);
        await show(now);
      });
      const giveUpAt = new Date(dayEnd.getTime() + 3600_000);
      try {
        await time.advanceUntil(async () => facts.dayIsSettled(await look(), day), giveUpAt);
      } catch (error) {
        if (!(error instanceof ConditionNotMet)) throw error;
        this.events.push(`${timeline.collectionDayOf(day)} ended with work still unfinished an hour after midnight (see the report)`);
      }
      shownAt = 0;
      await show(time.now());
      await this.parts.closeDay(day);
    }
  }

  /**
   * The day on the free-running clock (the benchmark): the script as the clock passes, then up to
   * `settleSeconds` for the last work — until every item is final, nothing waits for the DIP and
   * no consumer is behind on its topic: the forwarder's intake, when reads outrun it, still has
   * MPAN-days the day's figures must include. (On the stepped clock every process says so itself.)
   */
  private async playFreeRunning(): Promise<void> {
    const { timeline, facts, look } = this.parts;
    const settleBy = Date.now() + timeline.realMsUntil(timeline.end) + this.parts.settleSeconds * 1000;
    // Twice in a row, half a second apart: the backlog gauge read at the first may predate the intake's last batch.
    let settledLooks = 0;
    for (;;) {
      const now = timeline.clock.now();
      await this.runDue(now);
      const metrics = await look();
      this.progress.update(now, metrics, await facts.items.of(timeline.collectionDayOf(0)));
      // The cheap checks first: the broker is asked only once nothing else is left.
      const settled = now >= timeline.end && (await facts.dayIsSettled(metrics, 0)) && (await consumersBehind(metrics)).length === 0;
      settledLooks = settled ? settledLooks + 1 : 0;
      if (settledLooks === 2) return;
      if (Date.now() > settleBy) {
        this.events.push('the day ended with work still unfinished (see the report)');
        return;
      }
      await sleep(500);
    }
  }
}
