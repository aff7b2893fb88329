import { LoadSettings, ProviderLoad } from './provider-load';

const SLOT = 5 * 60_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

function loadWith(settings: Omit<LoadSettings, 'slotMs'>) {
  return new ProviderLoad(() => ({ slotMs: SLOT, ...settings }), () => 40);
}

describe('SIMULATOR provider load', () => {
  it('serves BAU reads at their base latency while the slot is within capacity, Halfhour’s reads counted', () => {
    const load = loadWith({ capacityPerSlot: 40, bauReadsPerSlot: 16 });
    for (let i = 0; i < 24; i++) load.record(T0 + i * 1000);
    expect(load.slotsEndedBy(T0 + 2 * SLOT)).toEqual([
      { slotStart: '2026-12-01T10:00:00.000Z', halfhourReads: 24, bauReads: 16, bauOnTime: 16, bauLatencyMs: 40 },
      { slotStart: '2026-12-01T10:05:00.000Z', halfhourReads: 0, bauReads: 16, bauOnTime: 16, bauLatencyMs: 40 },
    ]);
  });

  it('falls behind above capacity: a share of the BAU reads is late, waiting half the slots the excess needs', () => {
    const load = loadWith({ capacityPerSlot: 40, bauReadsPerSlot: 16 });
    for (let i = 0; i < 64; i++) load.record(T0);
    const [slot] = load.slotsEndedBy(T0 + SLOT);
    // 80 reads for 40 places: half of them served in the slot; the excess needs one more slot.
    expect(slot).toMatchObject({ halfhourReads: 64, bauOnTime: 8 });
    expect(slot.bauLatencyMs).toBe(40 + 0.5 * (SLOT / 2));
  });

  it('closes every slot once, and has no limit at a capacity of 0', () => {
    const load = loadWith({ capacityPerSlot: 0, bauReadsPerSlot: 3 });
    for (let i = 0; i < 1000; i++) load.record(T0);
    expect(load.slotsEndedBy(T0 + SLOT)).toHaveLength(1);
    expect(load.slotsEndedBy(T0 + SLOT + 1)).toHaveLength(1);
    expect(load.slotsEndedBy(T0 + 3 * SLOT)[0]).toMatchObject({ halfhourReads: 1000, bauOnTime: 3, bauLatencyMs: 40 });
  });
});
