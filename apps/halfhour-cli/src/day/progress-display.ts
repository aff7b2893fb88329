import { MultiBar, Presets, SingleBar } from 'cli-progress';
import { DayItems } from './day-items';
import { StackMetrics } from './stack-view';

const STAGES = ['planned', 'dispatched', 'retrieved', 'delivered'] as const;

/**
 * Live progress of the day: the pipeline's stages against the collection day's items (as the
 * scheduler's report has them), and each provider's items finished. Bars on a terminal; a line
 * every few seconds in a log. Dispatched, retrieved and delivered are the services' counters over
 * the whole run, backstops and on-demand reads included.
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

  /** `day`: the collection day's items, undefined until the scheduler has reported them (shown as 0). */
  update(simulatedNow: Date, metrics: StackMetrics, day: DayItems | undefined): void {
    const stages: Record<(typeof STAGES)[number], number> = {
      planned: day?.planned ?? 0,
      dispatched: metrics.scheduler.sum('halfhour_scheduler_dispatched_total'),
      retrieved: metrics.scheduler.sum('halfhour_scheduler_results_total', { outcome: 'COMPLETE' }),
      delivered: metrics.dip.sum('halfhour_dip_messages_total', { outcome: 'delivered' }),
    };
    const total = day?.items ?? 0;
    const clock = clockText(simulatedNow);
    if (!this.multibar) {
      if (Date.now() - this.lastLine < 5000) return;
      this.lastLine = Date.now();
      const of = day ? ` of ${day.collectionDay}` : '';
      console.log(`${clock}  items${of} ${total}  ${STAGES.map((s) => `${s} ${stages[s]}`).join('  ')}  finished ${day?.finished ?? 0}`);
      return;
    }
    this.bar('clock', 'simulated', 1, 1, day ? `${clock}, collection day ${day.collectionDay}` : clock);
    for (const stage of STAGES) this.bar(stage, stage, stages[stage], Math.max(total, stages[stage], 1), stage === 'dispatched' ? 'incl. backstops' : '');
    for (const [provider, counts] of Object.entries(day?.byProvider ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      this.bar(`provider:${provider}`, provider, counts.finished, Math.max(counts.items, 1), 'finished');
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
