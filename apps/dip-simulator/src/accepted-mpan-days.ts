import { DipMessage, itemKeyOf } from '@halfhour/domain';

/** One MPAN-day as the simulated DIP reports it: every message accepted for it, and the values of the complete one. */
export interface AcceptedMpanDay { mpanCore: string; srv: string; settlementDate: string; references: string[]; complete: boolean; kwh: (number | null)[] }

/** A page of MPAN-days in the order they first arrived, and where the next page starts (null: none yet). */
export interface MpanDayPage { days: AcceptedMpanDay[]; next: number | null }

interface StoredDay { mpanCore: string; srv: string; settlementDate: string; references: string[]; complete: boolean; kwhJson: string }

/** Whole messages kept for `GET /dip/messages/{reference}`: the most recent this many. */
export const WHOLE_MESSAGES_KEPT = 10_000;

/**
 * What the SIMULATED DIP accepted, kept as small as the checks allow: per MPAN-day its references,
 * whether a complete message came and that message's values as JSON text — a few hundred bytes,
 * where the parsed message was over 8 KB and a national run's million would not fit in a heap.
 * Only the most recent messages are kept whole, for a test to look at what was sent.
 */
export class AcceptedMpanDays {
  private readonly days: StoredDay[] = [];
  private readonly dayIndexByKey = new Map<string, number>();
  private readonly references = new Set<string>();
  private readonly recent = new Map<string, DipMessage>();
  /** Strings repeated across MPAN-days (SRVs, dates) kept once. */
  private readonly shared = new Map<string, string>();

  has(reference: string): boolean {
    return this.references.has(reference);
  }

  add(reference: string, message: DipMessage): void {
    this.references.add(reference);
    this.keepWhole(reference, message);
    const key = itemKeyOf({ mpan: message.common.mpanCore, srv: message.custom.srv, dataDay: message.custom.settlementDate });
    const complete = message.custom.periods.every((p) => p.quality === 'ACTUAL');
    const index = this.dayIndexByKey.get(key);
    const day = index === undefined ? this.newDay(key, message) : this.days[index];
    day.references.push(reference);
    if (complete || !day.complete) day.kwhJson = JSON.stringify(message.custom.periods.map((p) => p.kwh));
    day.complete ||= complete;
  }

  /** One of the most recent messages accepted, whole. */
  message(reference: string): DipMessage | undefined {
    return this.recent.get(reference);
  }

  page(from: number, limit: number): MpanDayPage {
    const days = this.days.slice(from, from + limit).map(({ kwhJson, references, ...day }) => ({ ...day, references: [...references], kwh: JSON.parse(kwhJson) as (number | null)[] }));
    const next = from + days.length;
    return { days, next: next < this.days.length ? next : null };
  }

  get size(): number {
    return this.references.size;
  }

  clear(): void {
    this.days.length = 0;
    for (const map of [this.dayIndexByKey, this.references, this.recent, this.shared]) map.clear();
  }

  private newDay(key: string, message: DipMessage): StoredDay {
    this.dayIndexByKey.set(key, this.days.length);
    const day = { mpanCore: message.common.mpanCore, srv: this.once(message.custom.srv), settlementDate: this.once(message.custom.settlementDate), references: [], complete: false, kwhJson: '[]' };
    this.days.push(day);
    return day;
  }

  private keepWhole(reference: string, message: DipMessage): void {
    this.recent.set(reference, message);
    if (this.recent.size > WHOLE_MESSAGES_KEPT) this.recent.delete(this.recent.keys().next().value!);
  }

  private once(text: string): string {
    const kept = this.shared.get(text);
    if (kept !== undefined) return kept;
    this.shared.set(text, text);
    return text;
  }
}
