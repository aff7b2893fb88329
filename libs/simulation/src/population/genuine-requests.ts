import { addDays, CalendarDate } from '@halfhour/domain';
import { MidRunChange, PopulationSettings, profileSrvOf, SimulatedMeter, SimulatedRequest, SimulatedRole } from './population';
import { SeededRandom } from './seeded-random';

// The day's genuine requests: the schedules standing before it, new appointments' schedules, and mid-run on-demand reads.

/** Every MPAN's collector schedules the data day's profile; some suppliers read beside the MDR. */
export function scheduledReads(meters: readonly SimulatedMeter[], random: SeededRandom, settings: PopulationSettings): SimulatedRequest[] {
  const schedule = (m: SimulatedMeter, user: string, role: SimulatedRole): SimulatedRequest => ({
    user, role, mpan: m.mpan, deviceId: m.deviceId, phase: 'BEFORE_PLAN', srv: profileSrvOf(m),
    schedule: { startDate: settings.dataDay, ...(settings.oneDaySchedules ? { endDate: settings.dataDay } : {}) },
    expected: m.consent === 'DOMESTIC_OPTED_OUT' ? { decision: 'E37', outcomes: [] } : { decision: 'I0', outcomes: ['DATA'] },
  });
  return meters.flatMap((m) => {
    const supplierRole = m.direction === 'EXPORT' ? 'ES' : 'IS';
    if (!m.mdr) return [schedule(m, m.supplier, supplierRole)];
    return random.chance(settings.supplierAlsoReadsShare) ? [schedule(m, m.mdr, 'MDR'), schedule(m, m.supplier, supplierRole)] : [schedule(m, m.mdr, 'MDR')];
  });
}

/** A newly appointed MDR schedules from its first day: accepted, read after this run. */
export function schedulesOfNewAppointments(changes: readonly MidRunChange[], meters: readonly SimulatedMeter[], dataDay: CalendarDate): SimulatedRequest[] {
  const meterOf = new Map(meters.map((m) => [m.mpan, m]));
  return changes.flatMap((change) => {
    if (change.kind !== 'APPOINTMENT_STARTS') return [];
    const m = meterOf.get(change.mpan)!;
    return [{
      user: change.mdr, role: 'MDR' as const, mpan: m.mpan, deviceId: m.deviceId, phase: 'AFTER_APPOINTMENTS' as const, srv: profileSrvOf(m),
      schedule: { startDate: addDays(dataDay, 1) }, expected: { decision: 'I0', outcomes: [] },
    }];
  });
}

/**
 * Mid-run, some MDRs (of MPANs the run's changes leave alone) ask for the day before the data day (a new read), and for a few SMETS1 meters
 * the data day again (read once already: answered from the SMETS1 cache).
 */
export function onDemandReads(mdrCollected: readonly SimulatedMeter[], random: SeededRandom, settings: PopulationSettings): SimulatedRequest[] {
  const eligible = mdrCollected.filter((m) => m.consent !== 'DOMESTIC_OPTED_OUT');
  const request = (m: SimulatedMeter, from: CalendarDate): SimulatedRequest => ({
    user: m.mdr!, role: 'MDR', mpan: m.mpan, deviceId: m.deviceId, phase: 'ON_DEMAND', srv: profileSrvOf(m),
    days: { from, to: addDays(from, 1) }, expected: { decision: 'I0', outcomes: ['DATA'] },
  });
  const count = Math.max(1, Math.round(eligible.length * settings.onDemandShare));
  const dayBefore = random.sample(eligible, count).map((m) => request(m, addDays(settings.dataDay, -1)));
  const again = random.sample(eligible.filter((m) => m.generation === 1), Math.max(1, Math.round(count / 4))).map((m) => request(m, settings.dataDay));
  return [...dayBefore, ...again];
}

/**
 * Mid-run, some suppliers collecting their MPANs' data themselves ask for the day before for their
 * own business (a version-2 request, purpose BAU): answered with the values, and never at the DIP.
 */
export function businessAsUsualReads(supplierCollected: readonly SimulatedMeter[], random: SeededRandom, settings: PopulationSettings): SimulatedRequest[] {
  const eligible = supplierCollected.filter((m) => m.consent !== 'DOMESTIC_OPTED_OUT');
  const count = settings.supplierBauShare > 0 ? Math.max(1, Math.round(eligible.length * settings.supplierBauShare)) : 0;
  const from = addDays(settings.dataDay, -1);
  return random.sample(eligible, Math.min(count, eligible.length)).map((m) => ({
    user: m.supplier, role: m.direction === 'EXPORT' ? 'ES' : 'IS', mpan: m.mpan, deviceId: m.deviceId, phase: 'ON_DEMAND', srv: profileSrvOf(m),
    days: { from, to: addDays(from, 1) }, purpose: 'BAU', expected: { decision: 'I0', outcomes: ['VALUES'] },
  }));
}
