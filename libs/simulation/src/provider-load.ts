/**
 * SIMULATOR: how a provider's capacity is shared, slot by slot, between the reads Halfhour sends it
 * and its business-as-usual (BAU) traffic — the DCC's other work (installation, commissioning,
 * suppliers' own reads), which never passes through Halfhour and which MHHS collection must leave
 * untouched (NFR-10). Each slot the provider serves up to `capacityPerSlot` reads. Within that a
 * BAU read takes its base latency (the provider's latency range); above it the provider falls
 * behind: the reads it could not serve in the slot — a share of the BAU reads as of every read —
 * wait for later capacity, on average half the slots the excess needs, and count as late.
 */
export interface LoadSettings {
  slotMs: number;
  /** Reads the provider serves in a slot (0: no limit). */
  capacityPerSlot: number;
  /** BAU reads arriving in every slot. */
  bauReadsPerSlot: number;
}

/** What one slot of the provider carried, and how its BAU reads fared. */
export interface SlotLoad {
  slotStart: string;
  halfhourReads: number;
  bauReads: number;
  /** BAU reads served within the slot. */
  bauOnTime: number;
  /** Mean latency of the slot's BAU reads. */
  bauLatencyMs: number;
}

export class ProviderLoad {
  private readonly halfhourReads = new Map<number, number>();
  private nextToClose: number | undefined;
  private readonly closed: SlotLoad[] = [];

  constructor(
    private readonly settings: () => LoadSettings,
    /** A BAU read's base latency: a draw from the provider's latency range. */
    private readonly baseLatencyMs: () => number,
  ) {}

  /** A read from Halfhour reached the provider at `atMs`. */
  record(atMs: number): void {
    this.nextToClose ??= this.slotOf(atMs);
    const slot = Math.max(this.slotOf(atMs), this.nextToClose);
    this.halfhourReads.set(slot, (this.halfhourReads.get(slot) ?? 0) + 1);
  }

  /** The slots that ended by `nowMs`, each once; BAU traffic runs in every slot from the first the provider saw. */
  slotsEndedBy(nowMs: number): readonly SlotLoad[] {
    const current = this.slotOf(nowMs);
    this.nextToClose ??= current;
    const { slotMs } = this.settings();
    for (; this.nextToClose < current; this.nextToClose += slotMs) {
      this.closed.push(this.close(this.nextToClose));
      this.halfhourReads.delete(this.nextToClose);
    }
    return this.closed;
  }

  reset(): void {
    this.halfhourReads.clear();
    this.closed.length = 0;
    this.nextToClose = undefined;
  }

  private close(slotStart: number): SlotLoad {
    const { slotMs, capacityPerSlot, bauReadsPerSlot } = this.settings();
    const halfhourReads = this.halfhourReads.get(slotStart) ?? 0;
    const total = halfhourReads + bauReadsPerSlot;
    let base = 0;
    for (let i = 0; i < bauReadsPerSlot; i++) base += this.baseLatencyMs();
    const meanBase = bauReadsPerSlot === 0 ? 0 : base / bauReadsPerSlot;
    const overloaded = capacityPerSlot > 0 && total > capacityPerSlot;
    const bauOnTime = overloaded ? Math.floor((bauReadsPerSlot * capacityPerSlot) / total) : bauReadsPerSlot;
    const lateShare = bauReadsPerSlot === 0 ? 0 : (bauReadsPerSlot - bauOnTime) / bauReadsPerSlot;
    const catchUpMs = overloaded ? (((total - capacityPerSlot) / capacityPerSlot) * slotMs) / 2 : 0;
    return { slotStart: new Date(slotStart).toISOString(), halfhourReads, bauReads: bauReadsPerSlot, bauOnTime, bauLatencyMs: Math.round(meanBase + lateShare * catchUpMs) };
  }

  private slotOf(atMs: number): number {
    const { slotMs } = this.settings();
    return Math.floor(atMs / slotMs) * slotMs;
  }
}
