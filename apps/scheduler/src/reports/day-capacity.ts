import { addDays, CapacitySettings, daySlots, settlementDayStart } from '@halfhour/domain';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemCounts } from '../items/item-counts';
import { capacityHistory } from './capacity-history';
import { OutagePeriod, outagePeriods } from './outage-periods';
import { HourRow, providerHours } from './provider-hours';
import { ReportRepository } from './report-repository';

/** An operator's change of a provider's reads per slot during the day. */
export interface CapacityCut { provider: string; changedAt: string; changedBy: string; reason: string; readsPerSlot: { from: number; to: number } }

export interface DayCapacityView {
  hours: HourRow[];
  /** When providers were out (the scheduler's own declarations). */
  outages: OutagePeriod[];
  /** The operator's changes of capacity made during the day. */
  capacityChanges: CapacityCut[];
}

/**
 * A day's capacity as it was, hour by hour, beside the reads planned and sent: what `GET /plans`
 * and the day report chart. Rebuilt from the capacity audit, so a past day shows the figures that
 * were in force then, outages and operator cuts included.
 */
export class DayCapacity {
  constructor(
    private readonly book: Pick<CapacityBook, 'configured' | 'cutForOutage'>,
    private readonly reports: Pick<ReportRepository, 'outageChanges' | 'operatorCapacityChanges'>,
    private readonly items: Pick<ItemCounts, 'plannedByProviderAndHour' | 'dispatchedByProviderAndHour'>,
    private readonly settings: Pick<CapacitySettings, 'slotMinutes' | 'excludedWindow'>,
  ) {}

  async of(day: string): Promise<DayCapacityView> {
    const [start, end] = [settlementDayStart(day), settlementDayStart(addDays(day, 1))];
    const [configured, outageChanges, operatorChanges, planned, dispatched] = await Promise.all([
      this.book.configured(), this.reports.outageChanges(end), this.reports.operatorCapacityChanges(end),
      this.items.plannedByProviderAndHour(day), this.items.dispatchedByProviderAndHour(day),
    ]);
    const outages = outagePeriods(outageChanges, start, end);
    const capacityAt = capacityHistory(configured, operatorChanges, outages, (capacity) => this.book.cutForOutage(capacity));
    const slots = daySlots(day, this.settings.slotMinutes, this.settings.excludedWindow);
    return {
      hours: providerHours(capacityAt, Object.keys(configured.providers), slots, planned, dispatched),
      outages,
      capacityChanges: operatorChanges.filter((c) => new Date(c.changedAt) >= start).map((c) => ({
        provider: c.provider, changedAt: new Date(c.changedAt).toISOString(), changedBy: c.changedBy, reason: c.reason,
        readsPerSlot: { from: c.previous.readsPerSlot, to: c.current.readsPerSlot },
      })),
    };
  }
}
