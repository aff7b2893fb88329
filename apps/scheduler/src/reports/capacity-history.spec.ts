import { CapacitySettings, capacityInOutage, daySlots, DEFAULT_CAPACITY, ProviderCapacity } from '@halfhour/domain';
import { capacityHistory } from './capacity-history';
import { providerHours } from './provider-hours';

const day = '2026-12-02'; // GMT: local time is UTC
const at = (time: string) => Date.parse(`${day}T${time}:00Z`);
const before: ProviderCapacity = { readsPerSlot: 100, reservedShare: 0.5 };
const after: ProviderCapacity = { readsPerSlot: 40, reservedShare: 0.5 };
const configuredNow: CapacitySettings = { ...DEFAULT_CAPACITY, providers: { 'CSP-NORTH': after, 'S1SP-A': before } };
const cutToQuarter = (capacity: ProviderCapacity) => capacityInOutage(capacity, 0.25);
const operatorCut = { provider: 'CSP-NORTH', changedAt: new Date(at('10:00')), changedBy: 'ops-1', reason: 'provider asked', previous: before, current: after };
const outage = { provider: 'CSP-NORTH', from: new Date(at('09:00')).toISOString(), to: new Date(at('11:00')).toISOString() };

describe('the capacity in force at a moment, rebuilt from the audit', () => {
  const capacityAt = capacityHistory(configuredNow, [operatorCut], [outage], cutToQuarter);

  it('gives the figures replaced by the first change before it, the new ones after, and the outage share while out', () => {
    expect(capacityAt('CSP-NORTH', at('08:55')).readsPerSlot).toBe(100);
    expect(capacityAt('CSP-NORTH', at('09:00')).readsPerSlot).toBe(25);
    expect(capacityAt('CSP-NORTH', at('10:00')).readsPerSlot).toBe(10);
    expect(capacityAt('CSP-NORTH', at('11:00')).readsPerSlot).toBe(40);
  });

  it('gives today’s figures to a provider never changed', () => {
    expect(capacityAt('S1SP-A', at('10:00'))).toBe(before);
    expect(capacityAt('S1SP-B', at('10:00'))).toBe(DEFAULT_CAPACITY.otherProviders);
  });

  it('charts each hour under the capacity of its own slots: the day’s hours step down at the outage and the cut', () => {
    const slots = daySlots(day, 5, DEFAULT_CAPACITY.excludedWindow);
    const hours = providerHours(capacityAt, ['CSP-NORTH'], slots, [], []);
    const mhhsAt = (time: string) => hours.find((h) => h.hour === new Date(at(time)).toISOString())!.mhhsCapacity;
    // 12 five-minute slots an hour; MHHS has half of each slot.
    expect([mhhsAt('08:00'), mhhsAt('09:00'), mhhsAt('10:00'), mhhsAt('11:00')]).toEqual([12 * 50, 12 * 12, 12 * 5, 12 * 20]);
    expect(mhhsAt('02:00')).toBe(0);
  });
});
