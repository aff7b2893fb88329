import { SlotLoad } from '@halfhour/simulation';

/** How a provider's BAU reads fared over some slots. */
export interface BauFigures {
  slots: number;
  bauReads: number;
  /** Share of BAU reads served within their slot. */
  onTime: number | null;
  meanLatencyMs: number | null;
}

/**
 * NFR-10 in the report: each SIMULATED provider's own BAU traffic in the slots where Halfhour read
 * from it and in those where it did not, so anyone can see MHHS collection left BAU as it was.
 */
export function bauFigures(loads: Readonly<Record<string, readonly SlotLoad[]>>): { provider: string; withHalfhour: BauFigures; without: BauFigures }[] {
  return Object.entries(loads).sort(([a], [b]) => a.localeCompare(b)).map(([provider, slots]) => ({
    provider,
    withHalfhour: figuresOf(slots.filter((s) => s.halfhourReads > 0)),
    without: figuresOf(slots.filter((s) => s.halfhourReads === 0)),
  }));
}

function figuresOf(slots: readonly SlotLoad[]): BauFigures {
  const bauReads = slots.reduce((n, s) => n + s.bauReads, 0);
  const onTime = slots.reduce((n, s) => n + s.bauOnTime, 0);
  const latency = slots.reduce((n, s) => n + s.bauLatencyMs * s.bauReads, 0);
  return {
    slots: slots.length,
    bauReads,
    onTime: bauReads === 0 ? null : Math.round((onTime / bauReads) * 10_000) / 10_000,
    meanLatencyMs: bauReads === 0 ? null : Math.round((latency / bauReads) * 10) / 10,
  };
}
