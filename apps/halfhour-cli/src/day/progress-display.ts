import { FINAL_ITEM_STATES } from '@halfhour/domain';
import { MultiBar, Presets, SingleBar } from 'cli-progress';
import { StackMetrics } from './stack-view';

const STAGES = ['planned', 'dispatched', 'retrieved', 'delivered'] as const;

/**
 * Live progress of the day: the pipeline's stages against the day's items, and each provider's
 * items finished. Bars on a terminal; a line every few seconds in a log.
 */
export class ProgressDisplay {
  private readonly multibar?: MultiBar;
  private readonly bars = new Map<string, SingleBar>();
  private lastLine = 0;

  constructor(useBars: boolean) {
    if (useBars) {
      this.multibar = new MultiBar(
        { format: ' {label} {bar} {value}/{total} {note}', barsize: 36, hideCursor: true, clearOnComplete: false, autopadding: true },
        Presets.shades_classic,
      );
    }
  }

  update(simulatedNow: Date, metrics: StackMetrics): void {
    const items = metrics.scheduler.by('halfhour_scheduler_items', 'state');
    const total = Object.values(items).reduce((a, b) => a + b, 0);
    const finished = FINAL_ITEM_STATES.reduce((sum, state) => sum + (items[state] ?? 0), 0);
    const stages: Record<(typeof STAGES)[number], number> = {
      planned: total - (items.UNPLACED ?? 0),
      dispatched: metrics.scheduler.sum('halfhour_scheduler_dispatched_total'),
      retrieved: metrics.scheduler.sum('halfhour_scheduler_results_total', { outcome: 'COMPLETE' }),
      delivered: metrics.dip.sum('halfhour_dip_messages_total', { outcome: 'delivered' }),
    };
    const clock = clockText(simulatedNow);
    if (!this.multibar) {
      if (Date.now() - this.lastLine < 5000) return;
      this.lastLine = Date.now();
      console.log(`${clock}  items ${total}  ${STAGES.map((s) => `${s} ${stages[s]}`).join('  ')}  finished ${finished}`);
      return;
    }
    this.bar('clock', 'simulated', 1, 1, clock);
    for (const stage of STAGES) this.bar(stage, stage, stages[stage], Math.max(total, stages[stage], 1), stage === 'dispatched' ? 'incl. backstops' : '');
    const byProvider = metrics.scheduler.by('halfhour_scheduler_items', 'provider');
    for (const provider of Object.keys(byProvider).sort()) {
      const done = FINAL_ITEM_STATES.reduce((sum, state) => sum + metrics.scheduler.sum('halfhour_scheduler_items', { provider, state }), 0);
      this.bar(`provider:${provider}`, provider, done, Math.max(byProvider[provider], 1), 'finished');
    }
  }

  /** The stepped clock is held up: says what the system is still doing. */
  waiting(simulatedNow: Date, waitingFor: readonly string[]): void {
    const note = `${clockText(simulatedNow)} waiting for ${waitingFor[0]}${waitingFor.length > 1 ? ` (+${waitingFor.length - 1} more)` : ''}`;
    if (this.multibar) this.bar('clock', 'simulated', 1, 1, note.slice(0, 120));
    else console.log(note);
  }

  stop(): void {
    this.multibar?.stop();
  }

  private bar(key: string, label: string, value: number, total: number, note: string): void {
    const padded = label.padEnd(12);
    const existing = this.bars.get(key);
    if (existing) {
      existing.setTotal(total);
      existing.update(value, { label: padded, note });
    } else {
      this.bars.set(key, this.multibar!.create(total, value, { label: padded, note }));
    }
  }
}

function clockText(simulatedNow: Date): string {
  return `${simulatedNow.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
